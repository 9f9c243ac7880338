/**
 * A streaming manifest reader: a file, a stream or text in, parsed and validated lines out, with line
 * numbers and byte lengths, in bounded memory whatever the input.
 *
 * @module
 */
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { MAX_LINE_CHARACTERS } from "../limits.js";
import { checkAbortSignal, checkOptionsObject } from "../options/check-options.js";
import { abortableIteration } from "./abortable-iteration.js";
import { openManifestFile } from "./manifest-file.js";
import { type ParsedManifestLine, parseManifestLine, tooLongMessage } from "./parse.js";
import { makeProblem } from "./problems.js";

/**
 * Where a manifest comes from: a file path (`string` or `file:` `URL`), manifest text (`{ text }`), a
 * Node readable stream, or any async iterable of text or byte chunks.
 */
export type ManifestSource =
  | string
  | URL
  | {
      /** The manifest's content (not a path). */
      readonly text: string;
    }
  | NodeJS.ReadableStream
  | AsyncIterable<string | Uint8Array>;

/** One non-blank line of a manifest, parsed and validated. */
export interface ManifestRecord extends ParsedManifestLine {
  /** The 1-based physical line number (blank lines count, though they are not yielded). */
  readonly lineNumber: number;
  /** The line's size in UTF-8 bytes, without its line ending; the real size even for a line too long to keep. */
  readonly byteLength: number;
}

/** Options of {@link readManifest}. */
export interface ReadManifestOptions {
  /**
   * Ends the reading when aborted, at once, even while the source sends nothing (a stream that never
   * ends, a FIFO whose writer is silent): the generator throws the signal's reason and frees the source
   * (destroys the stream, closes the file). See {@link readManifest} for the one case the platform blocks.
   *
   * @defaultValue no signal
   */
  readonly abortSignal?: AbortSignal;
  /** Size of the chunks read from a file, in bytes. @defaultValue 1 MiB */
  readonly highWaterMark?: number;
}

const READ_MANIFEST_OPTIONS = ["abortSignal", "highWaterMark"] as const;

/**
 * Memory bound of a line being assembled, in bytes. A line over `MAX_LINE_CHARACTERS` characters is
 * dropped by the service; one UTF-16 unit takes at most 3 UTF-8 bytes, so a line this many bytes long is
 * over the limit for sure and need not be kept. Shorter lines are decoded and measured exactly.
 */
const MAX_BUFFERED_LINE_BYTES = MAX_LINE_CHARACTERS * 3;

const DEFAULT_FILE_CHUNK_BYTES = 1024 * 1024;
const LF = 10;
const CR = 13;

/**
 * One physical line as the splitter finds it: its text, or nothing when it was too long to keep.
 *
 * @internal
 */
export interface RawLine {
  /** 1-based line number. */
  readonly lineNumber: number;
  /** The decoded text without line ending; `undefined` when the line was too long and was discarded. */
  readonly text: string | undefined;
  /** UTF-8 bytes of the line without line ending. */
  readonly byteLength: number;
  /** Set when the bytes are not valid UTF-8 (`text` then holds U+FFFD where they were). */
  readonly invalidUtf8?: true;
}

/**
 * What the splitter held at most: lets tests prove memory stays bounded.
 *
 * @internal
 */
export interface SplitterStats {
  /** The most bytes of one unfinished line held at once (parts of chunks, copied). */
  maxBufferedBytes: number;
}

/**
 * Reads a manifest and yields each non-blank line parsed and validated ({@link parseManifestLine}), with
 * its line number and UTF-8 byte length. Handles LF and CRLF, a UTF-8 byte order mark, blank lines and
 * multi-byte characters split across chunks. A line over the service's limit is never buffered whole: it
 * is skipped up to its newline and yielded as a record with `text: ""`, no `line` and a `LINE_TOO_LONG`
 * problem, so memory stays bounded even for a huge file with no newline. Breaking out of the loop closes
 * the file (the loop ends once it is closed) or destroys the stream.
 *
 * Aborting `abortSignal` ends the reading at once, whatever the source does: the generator throws the
 * signal's reason and frees the source (destroys a stream, closes a file; an async iterable's `return()`
 * is started, and runs when its pending step ends). A FIFO (named pipe) given by path is opened
 * non-blocking, so even a FIFO whose writer never comes or never writes is freed at once. One case is the
 * platform's own: a Node stream you open yourself on a FIFO or a terminal (`fs.createReadStream`) opens
 * and reads on one of libuv's threads (4 by default, shared by all file I/O), and neither the open nor
 * the read can be interrupted: the call still ends on abort, but that thread and the descriptor stay
 * taken until the writer opens or writes. Give such a source by path instead.
 *
 * @param source - a file path or `file:` URL, `{ text }`, a readable stream, or an async iterable of chunks.
 * @param options - abort signal and file chunk size.
 * @throws `InvalidOptionsError` at the call for options it cannot use or does not know (`signal`
 *   is refused, with `abortSignal` as the nearest name).
 * @throws {@link ManifestReadError} from the first iteration when a file path does not exist, is a
 *   directory, or cannot be opened or read.
 */
export function readManifest(
  source: ManifestSource,
  options: ReadManifestOptions = {},
): AsyncGenerator<ManifestRecord, void, undefined> {
  checkOptionsObject(options, READ_MANIFEST_OPTIONS, "");
  const { abortSignal, highWaterMark } = options ?? {};
  checkAbortSignal(abortSignal, "abortSignal");
  if (highWaterMark !== undefined && !(Number.isSafeInteger(highWaterMark) && highWaterMark > 0)) {
    throw new InvalidOptionsError({
      option: "highWaterMark",
      expected: "a positive integer (bytes)",
      value: highWaterMark,
    });
  }
  return readRecords(source, abortSignal, highWaterMark ?? DEFAULT_FILE_CHUNK_BYTES);
}

async function* readRecords(
  source: ManifestSource,
  signal: AbortSignal | undefined,
  chunkBytes: number,
): AsyncGenerator<ManifestRecord, void, undefined> {
  for await (const raw of readRawLines(source, signal, chunkBytes)) yield toRecord(raw);
}

/**
 * The physical lines of a manifest source, split but neither parsed nor validated, read exactly as
 * {@link readManifest} reads them (the same abortable opening, splitter and limits): for a reader that
 * needs less than a validated record, such as a diff.
 *
 * @internal
 */
export async function* readRawLines(
  source: ManifestSource,
  signal: AbortSignal | undefined,
  chunkBytes = DEFAULT_FILE_CHUNK_BYTES,
): AsyncGenerator<RawLine, void, undefined> {
  signal?.throwIfAborted();
  const splitter = new LineSplitter();
  for await (const piece of await openSource(source, signal, chunkBytes)) {
    for (const raw of splitter.push(piece)) {
      // Several lines come from one chunk: check between lines too, so an abort stops at once.
      signal?.throwIfAborted();
      yield raw;
    }
  }
  yield* splitter.end();
}

function toRecord(raw: RawLine): ManifestRecord {
  if (raw.text === undefined) {
    return {
      lineNumber: raw.lineNumber,
      text: "",
      byteLength: raw.byteLength,
      problems: [
        makeProblem("LINE_TOO_LONG", "", tooLongMessage(raw.byteLength, "bytes"), "error", raw.lineNumber),
      ],
    };
  }
  if (raw.invalidUtf8) {
    // The service reads UTF-8 JSON: such a line cannot be read, so it is dropped like invalid JSON.
    return {
      lineNumber: raw.lineNumber,
      text: raw.text,
      byteLength: raw.byteLength,
      problems: [
        makeProblem(
          "INVALID_JSON",
          "",
          "The line is not valid UTF-8 (is the file in another encoding?); the service cannot read it.",
          "error",
          raw.lineNumber,
        ),
      ],
    };
  }
  const parsed = parseManifestLine(raw.text, raw.lineNumber);
  return parsed.line === undefined
    ? { lineNumber: raw.lineNumber, text: raw.text, byteLength: raw.byteLength, problems: parsed.problems }
    : {
        lineNumber: raw.lineNumber,
        text: raw.text,
        line: parsed.line,
        byteLength: raw.byteLength,
        problems: parsed.problems,
      };
}

/**
 * Turns any source into chunks that an abort ends at once. A file is opened when iteration starts; a
 * stream is destroyed on abort.
 */
async function openSource(
  source: ManifestSource,
  signal: AbortSignal | undefined,
  chunkBytes: number,
): Promise<AsyncIterable<string | Uint8Array>> {
  if (typeof source === "string" || source instanceof URL) {
    const file = await openManifestFile(source, chunkBytes, signal);
    return abortableIteration(file.chunks, signal, file.release);
  }
  if (isTextSource(source)) return abortableIteration(textChunks(source.text), signal);
  if (isDestroyable(source)) {
    // A Node stream: its own iterator ends it on `break`; on abort, destroying it is the only way out.
    const stream =
      Symbol.asyncIterator in source
        ? (source as unknown as AsyncIterable<string | Uint8Array>)
        : new Readable({ objectMode: false }).wrap(source as NodeJS.ReadableStream);
    return abortableIteration(stream, signal, () => {
      source.destroy();
      if (stream !== (source as unknown)) (stream as Readable).destroy();
    });
  }
  if (Symbol.asyncIterator in source)
    return abortableIteration(source as AsyncIterable<string | Uint8Array>, signal);
  // An old-style stream without async iteration nor `destroy`.
  const wrapped = new Readable({ objectMode: false }).wrap(source as NodeJS.ReadableStream);
  return abortableIteration(wrapped, signal, () => wrapped.destroy());
}

function isDestroyable(source: object): source is { destroy(): void } {
  return (
    typeof (source as { destroy?: unknown }).destroy === "function" &&
    typeof (source as { on?: unknown }).on === "function"
  );
}

function isTextSource(source: object): source is { readonly text: string } {
  return typeof (source as { text?: unknown }).text === "string" && !(Symbol.asyncIterator in source);
}

/** Manifest text in slices, so a large text goes through the same bounded path as a file. */
async function* textChunks(text: string): AsyncGenerator<string> {
  const size = DEFAULT_FILE_CHUNK_BYTES;
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

/**
 * Splits chunks into physical lines without ever holding more than {@link MAX_BUFFERED_LINE_BYTES} of one
 * line (plus the current chunk). Blank lines are counted and not returned. Synchronous, chunk by chunk:
 * the reader's loop is then the only asynchronous step per line (each async generator a line passes
 * through costs a few promise turns, which on short lines weighs as much as the splitting itself).
 *
 * @internal
 */
export class LineSplitter {
  readonly #stats: SplitterStats | undefined;
  #lineNumber = 0;
  /** Parts of the current line from earlier chunks (copies, so the chunks themselves can be freed). */
  #parts: Buffer[] = [];
  #buffered = 0;
  /** Set while skipping a line that is over the limit, with its byte count so far. */
  #discarding = false;
  #discarded = 0;
  #lastByte = -1;
  /** A string chunk may end in the first half of a surrogate pair: kept for the next chunk. */
  #heldSurrogate = "";

  /** @param stats - updated with the most bytes held, for tests. */
  constructor(stats?: SplitterStats) {
    this.#stats = stats;
  }

  /**
   * The lines that `piece` completes, in order.
   *
   * @param piece - text or bytes, split anywhere (even inside a character).
   */
  push(piece: string | Uint8Array): RawLine[] {
    let chunk: Buffer;
    if (typeof piece === "string") {
      let text = this.#heldSurrogate + piece;
      this.#heldSurrogate = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.#heldSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      chunk = Buffer.from(text, "utf8");
    } else {
      chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    }
    const lines: RawLine[] = [];
    let start = 0;
    const length = chunk.length;
    while (start <= length) {
      const newline = start < length ? chunk.indexOf(LF, start) : -1;
      const end = newline < 0 ? length : newline;
      if (this.#discarding) {
        this.#discarded += end - start;
        if (end > start) this.#lastByte = chunk[end - 1]!;
      } else if (this.#buffered + (end - start) > MAX_BUFFERED_LINE_BYTES) {
        // Over the limit for sure: drop what is held and skip to the next newline.
        this.#discarding = true;
        this.#discarded = this.#buffered + (end - start);
        if (end > start) this.#lastByte = chunk[end - 1]!;
        this.#parts = [];
        this.#buffered = 0;
      } else if (newline < 0 && end > start) {
        this.#parts.push(Buffer.from(chunk.subarray(start, end)));
        this.#buffered += end - start;
        const stats = this.#stats;
        if (stats !== undefined && this.#buffered > stats.maxBufferedBytes)
          stats.maxBufferedBytes = this.#buffered;
      }
      if (newline < 0) break;
      const line = this.#finish(chunk, start, end);
      if (line !== undefined) lines.push(line);
      start = newline + 1;
    }
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  end(): RawLine[] {
    if (this.#heldSurrogate !== "") {
      const tail = Buffer.from(this.#heldSurrogate, "utf8");
      this.#heldSurrogate = "";
      this.#parts.push(tail);
      this.#buffered += tail.length;
    }
    if (!this.#discarding && this.#buffered === 0) return [];
    const line = this.#finish(undefined, 0, 0);
    return line === undefined ? [] : [line];
  }

  #finish(chunk: Buffer | undefined, start: number, end: number): RawLine | undefined {
    const lineNumber = ++this.#lineNumber;
    if (this.#discarding) {
      const byteLength = this.#discarded - (this.#lastByte === CR ? 1 : 0);
      this.#discarding = false;
      this.#discarded = 0;
      this.#lastByte = -1;
      return { lineNumber, text: undefined, byteLength };
    }
    let buffer: Buffer;
    let from: number;
    let to: number;
    if (this.#parts.length === 0) {
      if (chunk === undefined) return undefined;
      buffer = chunk;
      from = start;
      to = end;
    } else {
      if (chunk !== undefined && end > start) this.#parts.push(chunk.subarray(start, end));
      buffer = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts);
      from = 0;
      to = buffer.length;
      this.#parts = [];
      this.#buffered = 0;
    }
    this.#lastByte = -1;
    if (to > from && buffer[to - 1] === CR) to--;
    if (
      lineNumber === 1 &&
      to - from >= 3 &&
      buffer[from] === 0xef &&
      buffer[from + 1] === 0xbb &&
      buffer[from + 2] === 0xbf
    ) {
      from += 3;
    }
    if (to === from) return undefined;
    const text = buffer.toString("utf8", from, to);
    if (isBlank(text)) return undefined;
    if (text.length > MAX_LINE_CHARACTERS) return { lineNumber, text: undefined, byteLength: to - from };
    // Decoding replaced any invalid byte with U+FFFD; only then is the (slower) exact check needed.
    if (text.includes("\uFFFD") && !isUtf8(buffer.subarray(from, to))) {
      return { lineNumber, text, byteLength: to - from, invalidUtf8: true };
    }
    return { lineNumber, text, byteLength: to - from };
  }
}

/**
 * {@link LineSplitter} over an async iterable of chunks, for tests.
 *
 * @param chunks - text or bytes, split anywhere (even inside a character).
 * @param stats - updated with the most bytes held.
 * @internal
 */
export async function* splitLines(
  chunks: AsyncIterable<string | Uint8Array>,
  stats?: SplitterStats,
): AsyncGenerator<RawLine> {
  const splitter = new LineSplitter(stats);
  for await (const piece of chunks) yield* splitter.push(piece);
  yield* splitter.end();
}

/** Whether a line holds only whitespace (JSON lines start with `{`, so this is almost always one comparison). */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x7b) return false;
  return text.trim() === "";
}
