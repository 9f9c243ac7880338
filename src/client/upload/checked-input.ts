/**
 * What the pre-pass learned about a text input, so that the send pass need not parse and validate every
 * line again: which lines were invalid, which lines a later duplicate replaces inside their request, and,
 * per planned request, marks (prefix fingerprint, line count, line numbering) that prove the send pass is
 * reading the very lines that were checked. A request whose lines differ from the checked ones is refused
 * before it is sent.
 *
 * @module
 * @internal
 */
import type { InvalidLine } from "../../errors/invalid-lines-error.js";
import { ManifestChangedError } from "../../errors/manifest-changed-error.js";
import type { RawLine } from "../../manifest/reader.js";
import type { PrefixFingerprint } from "./fingerprint.js";
import type { PackItem, RequestPlan } from "./pack.js";

/** Where the input stood at a point of the pre-pass. */
interface Mark {
  /** Input lines consumed, counted from the start of the input. */
  readonly inputEnd: number;
  /** The prefix fingerprint of those lines. */
  readonly fingerprint: string;
  /** The line-numbering checksum of the lines the pass consumed (see {@link LineNumbering}). */
  readonly numbering: number;
}

/**
 * A checksum of the line numbers consumed, in order. The prefix fingerprint covers the lines' texts but not
 * the blank lines between them; the checks of the pre-pass (invalid lines, replaced duplicates) are kept by
 * line number, so the numbers must be proved the same as well.
 */
class LineNumbering {
  value = 0;

  add(lineNumber: number): void {
    this.value = (Math.imul(this.value, 0x01000193) + lineNumber) | 0;
  }
}

/**
 * Filled by the pre-pass (every line it consumed, every request it planned, every invalid line under
 * `"skip"`), then read by the send pass through {@link CheckedInput.replay}.
 *
 * @internal
 */
export class CheckedInput {
  readonly #requests: Mark[] = [];
  readonly #invalid: InvalidLine[] = [];
  readonly #duplicateKeys = new Map<number, string>();
  readonly #numbering = new LineNumbering();
  #end: Mark | undefined;

  /** An invalid line the send pass skips (and reports) without checking it again. */
  invalidLine(line: InvalidLine): void {
    this.#invalid.push(line);
  }

  /**
   * A request the pre-pass planned, as the packer closed it (before the line that closed it is consumed).
   *
   * @param plan - the request, planned with the prefix fingerprint.
   */
  planned(plan: RequestPlan): void {
    this.#requests.push({
      inputEnd: plan.inputEnd,
      fingerprint: plan.fingerprint ?? "",
      numbering: this.#numbering.value,
    });
    for (const duplicate of plan.duplicatesReplaced) {
      this.#duplicateKeys.set(duplicate.lineNumber, duplicate.sourceRef);
      this.#duplicateKeys.set(duplicate.replacedBy, duplicate.sourceRef);
    }
  }

  /** A line the packer consumed (after {@link CheckedInput.planned} for the request it closed, if any). */
  consumed(item: PackItem): void {
    this.#numbering.add(item.lineNumber);
  }

  /** The input ended; `fingerprint` holds every line consumed. */
  ended(fingerprint: PrefixFingerprint): void {
    this.#end = {
      inputEnd: fingerprint.lines,
      fingerprint: fingerprint.digest(),
      numbering: this.#numbering.value,
    };
  }

  /**
   * A replay of the checks for the send pass: pack items from raw lines, and proofs that each request and
   * the end are those of the pre-pass.
   *
   * @param maxRequestBytes - the request ceiling (a line marked sendable must fit, or the input changed).
   */
  replay(maxRequestBytes: number): CheckReplay {
    if (this.#end === undefined) throw new Error("The pre-pass did not reach the end of the input.");
    return new CheckReplay(this.#requests, this.#end, this.#invalid, this.#duplicateKeys, maxRequestBytes);
  }
}

/**
 * The send pass's side of {@link CheckedInput}. Items are made from raw lines with the pre-pass's verdicts;
 * nothing they make is sent before {@link CheckReplay.verify} has proved its request unchanged.
 *
 * @internal
 */
export class CheckReplay {
  readonly #requests: readonly Mark[];
  readonly #end: Mark;
  readonly #invalid: readonly InvalidLine[];
  readonly #duplicateKeys: ReadonlyMap<number, string>;
  readonly #maxRequestBytes: number;
  readonly #numbering = new LineNumbering();
  /** Next invalid line to match against the lines read. */
  #verdictCursor = 0;
  /** Next invalid line to report. */
  #reportCursor = 0;

  constructor(
    requests: readonly Mark[],
    end: Mark,
    invalid: readonly InvalidLine[],
    duplicateKeys: ReadonlyMap<number, string>,
    maxRequestBytes: number,
  ) {
    this.#requests = requests;
    this.#end = end;
    this.#invalid = invalid;
    this.#duplicateKeys = duplicateKeys;
    this.#maxRequestBytes = maxRequestBytes;
  }

  /**
   * The pack item of a raw line, with the pre-pass's verdict.
   *
   * @throws {@link ManifestChangedError} for a line checked as sendable that cannot be (the input changed).
   */
  itemOf(line: RawLine): PackItem {
    const { lineNumber, byteLength } = line;
    const invalid = this.#invalid;
    while (this.#verdictCursor < invalid.length && invalid[this.#verdictCursor]!.lineNumber < lineNumber) {
      this.#verdictCursor++;
    }
    // A line too long to keep is hashed as "", as its record's text is.
    const text = line.text ?? "";
    if (invalid[this.#verdictCursor]?.lineNumber === lineNumber) {
      return { lineNumber, text, byteLength, send: false };
    }
    if (line.text === undefined || line.invalidUtf8 === true || byteLength >= this.#maxRequestBytes) {
      throw new ManifestChangedError(lineNumber);
    }
    const sourceRef = this.#duplicateKeys.get(lineNumber);
    return sourceRef === undefined
      ? { lineNumber, text, byteLength, send: true }
      : { lineNumber, text, byteLength, send: true, sourceRef };
  }

  /** The packer consumed `item` (after {@link CheckReplay.verify} for the request it closed, if any). */
  consumed(item: PackItem): void {
    this.#numbering.add(item.lineNumber);
  }

  /**
   * Proves `request` is the one the pre-pass planned at its index, from the same lines at the same line
   * numbers, and returns the invalid lines it accounts for (to report before it is sent).
   *
   * @throws {@link ManifestChangedError} when it is not.
   */
  verify(request: RequestPlan): readonly InvalidLine[] {
    const mark = this.#requests[request.index];
    if (
      mark === undefined ||
      mark.inputEnd !== request.inputEnd ||
      mark.fingerprint !== request.fingerprint ||
      mark.numbering !== this.#numbering.value
    ) {
      throw new ManifestChangedError(request.throughLine);
    }
    return this.#reportThrough(request.throughLine);
  }

  /**
   * Proves the input ended where the pre-pass saw it end, and returns the invalid lines not yet reported.
   *
   * @throws {@link ManifestChangedError} when it did not.
   */
  verifyEnd(fingerprint: PrefixFingerprint, lastLine: number): readonly InvalidLine[] {
    const end = this.#end;
    if (
      end.inputEnd !== fingerprint.lines ||
      end.fingerprint !== fingerprint.digest() ||
      end.numbering !== this.#numbering.value
    ) {
      throw new ManifestChangedError(lastLine);
    }
    return this.#reportThrough(Number.POSITIVE_INFINITY);
  }

  #reportThrough(lineNumber: number): readonly InvalidLine[] {
    const from = this.#reportCursor;
    const invalid = this.#invalid;
    let to = from;
    while (to < invalid.length && invalid[to]!.lineNumber <= lineNumber) to++;
    this.#reportCursor = to;
    return invalid.slice(from, to);
  }
}
