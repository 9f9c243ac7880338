/**
 * Packs manifest lines, in order, into UpdateDatasetEntries bodies strictly under a byte ceiling: lines
 * joined with `"\n"`, never split, a later line replacing an earlier one with the same `source-ref` inside
 * one body, so no body ever carries one twice (what the service keeps of a repeated one is not documented:
 * see "A source-ref repeated within one request" in docs/ARCHITECTURE.md).
 *
 * @module
 * @internal
 */
import { LineTooLargeError } from "../../errors/line-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../limits.js";
import type { PrefixFingerprint } from "./fingerprint.js";
import type { DuplicateReplacement } from "./types.js";

/** One input line on its way to a request. */
export interface PackItem {
  /** Its input line number. */
  readonly lineNumber: number;
  /** The JSON line to send, without line ending. */
  readonly text: string;
  /** `text`'s length in UTF-8 bytes. */
  readonly byteLength: number;
  /** Its `source-ref`, to resolve duplicates inside a request; absent for lines that are not sent. */
  readonly sourceRef?: string;
  /**
   * `false` for a line that is consumed but not sent (a skipped invalid line): it still counts toward the
   * request's input range, its checkpoint position and its fingerprint.
   */
  readonly send: boolean;
}

/** A request as planned: which input lines it carries, and how big it is. */
export interface RequestPlan {
  /** Index of the request, from 0. */
  readonly index: number;
  /** Input line number of the first line in its body (a line later replaced by a duplicate included). */
  readonly firstLine: number;
  /** Input line number of the last line in its body. */
  readonly lastLine: number;
  /** Lines in its body. */
  readonly lines: number;
  /** Size of its body in bytes; always under the ceiling. */
  readonly bytes: number;
  /**
   * Input lines consumed through this request, counted from the start of the input: once it is applied,
   * a resume can skip this many lines. Lines not sent that were read while it was open belong to it.
   */
  readonly inputEnd: number;
  /** Line number of the last input line it accounts for (it may be a skipped line after `lastLine`). */
  readonly throughLine: number;
  /** The fingerprint of the first `inputEnd` input lines, when the packer was given one. */
  readonly fingerprint?: string;
  /** Lines of this request left out because a later line of the same request had the same `source-ref`. */
  readonly duplicatesReplaced: readonly DuplicateReplacement[];
}

/** A request ready to send. */
export interface PackedRequest extends RequestPlan {
  /** The UpdateDatasetEntries `GroundTruth` body: the lines, UTF-8, joined with `"\n"`. */
  readonly body: Uint8Array;
}

/** Options of {@link packRequests} and {@link planRequests}. */
export interface PackOptions {
  /**
   * Every body stays strictly under this many bytes.
   * @defaultValue MAX_GROUND_TRUTH_BYTES (5,242,880, service model `GroundTruthBlob` maximum)
   */
  readonly maxRequestBytes?: number;
  /**
   * Hashes every consumed line's text, so that each request carries the fingerprint of the input through
   * it (for checkpoints). Pass one that already holds the lines a resume skipped.
   */
  readonly fingerprint?: PrefixFingerprint;
  /**
   * Input lines consumed before the first item (on a resume, the lines skipped), so that `inputEnd`
   * counts from the start of the input. With a `fingerprint`, its line count is used instead: it holds
   * every line consumed, those a resume skipped included.
   * @defaultValue 0
   */
  readonly inputStart?: number;
}

/**
 * The packing state machine behind {@link packRequests} and {@link planRequests}. Bodies are written straight
 * into one fresh buffer per request (no per-line allocation, no final concatenation); without bodies only
 * sizes are tracked.
 *
 * @internal
 */
export class RequestPacker {
  readonly #max: number;
  readonly #buildBodies: boolean;
  readonly #fingerprint: PrefixFingerprint | undefined;

  #index = 0;
  #inputPosition: number;
  #throughLine = 0;

  // The open request. Slot i is one line: its offset in #buffer, its byte length and its line number;
  // a length of -1 marks a line replaced by a later duplicate.
  #buffer: Buffer | undefined;
  #writeOffset = 0;
  #starts: number[] = [];
  #lengths: number[] = [];
  #lineNumbers: number[] = [];
  #slotBySourceRef = new Map<string, number>();
  #removed = 0;
  #lineBytes = 0;
  #lineCount = 0;
  #firstLine = 0;
  #duplicates: DuplicateReplacement[] = [];

  /**
   * @param options - the ceiling, fingerprint and input start.
   * @param buildBodies - whether to build the bodies or only plan the requests.
   */
  constructor(options: PackOptions, buildBodies: boolean) {
    this.#max = options.maxRequestBytes ?? MAX_GROUND_TRUTH_BYTES;
    this.#buildBodies = buildBodies;
    this.#fingerprint = options.fingerprint;
    this.#inputPosition = options.inputStart ?? 0;
  }

  /**
   * Takes the next input line. Returns the open request when this line does not fit in it (the line then
   * opens the next one).
   *
   * @param item - the next line.
   * @throws {@link LineTooLargeError} when the line cannot fit in any request.
   */
  add(item: PackItem): PackedRequest | RequestPlan | undefined {
    if (!item.send) {
      this.#consume(item);
      return undefined;
    }
    const length = item.byteLength;
    if (length >= this.#max) {
      throw new LineTooLargeError({
        lineNumber: item.lineNumber,
        byteLength: length,
        maxRequestBytes: this.#max,
      });
    }
    let closed: PackedRequest | RequestPlan | undefined;
    // Body size with this line: the lines, plus one "\n" between each two.
    if (this.#lineCount > 0 && this.#lineBytes + this.#lineCount + length >= this.#max)
      closed = this.#close();
    this.#place(item);
    this.#consume(item);
    return closed;
  }

  /** Returns the last request, if any line is still open, once the input has ended. */
  finish(): PackedRequest | RequestPlan | undefined {
    return this.#lineCount > 0 ? this.#close() : undefined;
  }

  #consume(item: PackItem): void {
    this.#fingerprint?.update(item.text);
    this.#inputPosition++;
    this.#throughLine = item.lineNumber;
  }

  #place(item: PackItem): void {
    // Writing may compact the slots, so the new slot's index is taken after it.
    if (this.#buildBodies) this.#write(item);
    const slot = this.#lengths.length;
    if (slot === 0) this.#firstLine = item.lineNumber;
    this.#lengths.push(item.byteLength);
    this.#lineNumbers.push(item.lineNumber);
    this.#lineBytes += item.byteLength;
    this.#lineCount++;
    if (item.sourceRef === undefined) return;
    const earlier = this.#slotBySourceRef.get(item.sourceRef);
    this.#slotBySourceRef.set(item.sourceRef, slot);
    if (earlier === undefined) return;
    this.#duplicates.push({
      sourceRef: item.sourceRef,
      lineNumber: this.#lineNumbers[earlier]!,
      replacedBy: item.lineNumber,
    });
    this.#lineBytes -= this.#lengths[earlier]!;
    this.#lineCount--;
    this.#lengths[earlier] = -1;
    this.#removed++;
  }

  #write(item: PackItem): void {
    // Capacity #max holds any open request: its lines and separators stay under #max, plus one trailing "\n".
    // A fresh buffer per request, never reused: a body handed out may be kept (middleware, logs, a mock's
    // call history) and must not change under its holder.
    this.#buffer ??= Buffer.allocUnsafeSlow(this.#max);
    // Replaced lines still take room until compacted; the live lines always fit once they are.
    if (this.#writeOffset + item.byteLength + 1 > this.#max) this.#compact();
    const written = this.#buffer.write(item.text, this.#writeOffset, "utf8");
    if (written !== item.byteLength) {
      // Only a caller of packRequests can get here (the upload measures every line itself).
      throw new TypeError(
        `PackItem of line ${item.lineNumber} says byteLength ${item.byteLength}, but its text encodes to ${written} UTF-8 bytes.`,
      );
    }
    this.#starts.push(this.#writeOffset);
    this.#writeOffset += written;
    this.#buffer[this.#writeOffset++] = 0x0a;
  }

  /** Moves the live lines of the open request together, dropping replaced ones. */
  #compact(): void {
    const buffer = this.#buffer!;
    const starts: number[] = [];
    const lengths: number[] = [];
    const lineNumbers: number[] = [];
    const remap = new Map<number, number>();
    let offset = 0;
    for (let slot = 0; slot < this.#lengths.length; slot++) {
      const length = this.#lengths[slot]!;
      if (length < 0) continue;
      const start = this.#starts[slot]!;
      if (start !== offset) buffer.copyWithin(offset, start, start + length + 1);
      remap.set(slot, starts.length);
      starts.push(offset);
      lengths.push(length);
      lineNumbers.push(this.#lineNumbers[slot]!);
      offset += length + 1;
    }
    for (const [sourceRef, slot] of this.#slotBySourceRef) {
      this.#slotBySourceRef.set(sourceRef, remap.get(slot)!);
    }
    this.#starts = starts;
    this.#lengths = lengths;
    this.#lineNumbers = lineNumbers;
    this.#writeOffset = offset;
    this.#removed = 0;
  }

  #close(): PackedRequest | RequestPlan {
    const bytes = this.#lineBytes + this.#lineCount - 1;
    const plan: RequestPlan = {
      index: this.#index++,
      firstLine: this.#firstLine,
      lastLine: this.#lineNumbers[this.#lineNumbers.length - 1]!,
      lines: this.#lineCount,
      bytes,
      inputEnd: this.#fingerprint?.lines ?? this.#inputPosition,
      throughLine: this.#throughLine,
      ...(this.#fingerprint === undefined ? {} : { fingerprint: this.#fingerprint.digest() }),
      duplicatesReplaced: this.#duplicates,
    };
    let result: PackedRequest | RequestPlan = plan;
    if (this.#buildBodies) {
      if (this.#removed > 0) this.#compact();
      // The next request gets a buffer of its own: this body is handed out and must stay as it is.
      result = { ...plan, body: this.#buffer!.subarray(0, bytes) };
      this.#buffer = undefined;
    }
    this.#writeOffset = 0;
    this.#starts = [];
    this.#lengths = [];
    this.#lineNumbers = [];
    this.#slotBySourceRef = new Map();
    this.#removed = 0;
    this.#lineBytes = 0;
    this.#lineCount = 0;
    this.#duplicates = [];
    return result;
  }
}

/**
 * Packs lines, in order, into request bodies strictly under `maxRequestBytes` (UTF-8 bytes of the lines
 * joined with `"\n"`). A line is never split; inside one request a line replaces an earlier one with the
 * same `source-ref`. A request is yielded as soon as the next line does not fit in it, so at most one body
 * is being built at a time.
 *
 * @param items - the input lines, in order.
 * @param options - ceiling, fingerprint and input start.
 * @throws {@link LineTooLargeError} for a line that cannot fit in any request (before any request carrying it).
 * @throws TypeError when an item's `byteLength` is not its text's UTF-8 length (a caller's mistake).
 */
export async function* packRequests(
  items: AsyncIterable<PackItem> | Iterable<PackItem>,
  options: PackOptions = {},
): AsyncGenerator<PackedRequest, void, undefined> {
  const packer = new RequestPacker(options, true);
  for await (const item of items) {
    const request = packer.add(item);
    if (request !== undefined) yield request as PackedRequest;
  }
  const last = packer.finish();
  if (last !== undefined) yield last as PackedRequest;
}

/**
 * Plans the requests {@link packRequests} would make from the same lines, without building any body: for
 * totals known in advance.
 *
 * @param items - the input lines, in order.
 * @param options - ceiling, fingerprint and input start.
 * @throws {@link LineTooLargeError} for a line that cannot fit in any request.
 */
export async function* planRequests(
  items: AsyncIterable<PackItem> | Iterable<PackItem>,
  options: PackOptions = {},
): AsyncGenerator<RequestPlan, void, undefined> {
  const packer = new RequestPacker(options, false);
  for await (const item of items) {
    const request = packer.add(item);
    if (request !== undefined) yield request;
  }
  const last = packer.finish();
  if (last !== undefined) yield last;
}
