import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Which input a refused line comes from. */
export type DiffInputSide = "base" | "manifest" | "dataset";

/** One line a diff or a sync cannot work with. */
export interface RefusedLine {
  /** `"manifest"`: the manifest compared or synced; `"base"`: the manifest compared against; `"dataset"`: a dataset entry. */
  readonly side: DiffInputSide;
  /** 1-based: a file's physical line number, an item's position, or a dataset entry's position in the listing. */
  readonly lineNumber: number;
  /** The line's `source-ref`, when it has one. */
  readonly sourceRef?: string;
  /**
   * Why: `INVALID_JSON` (not a JSON object, or not UTF-8), `LINE_TOO_LONG`, `MISSING_SOURCE_REF`, `REPEATED_SOURCE_REF` (sync only), `MANIFEST_CHANGED`
   * (sync only: the file differs between its two readings), or the validation codes of a line to send.
   */
  readonly code: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/** Details of a {@link DiffInputError}. */
export interface DiffInputErrorDetails {
  /** The first refused lines, in input order (at most 100). */
  readonly lines: readonly RefusedLine[];
  /** How many lines were refused in all. */
  readonly lineCount: number;
  /** What to do about it. */
  readonly hint: string;
}

/**
 * A diff or a sync met lines it cannot work with: a line that is not a JSON object or has no string
 * `source-ref` (it cannot be compared), and for a sync, a `source-ref` repeated in the manifest or a line to
 * send with errors. Thrown before anything is sent.
 */
export class DiffInputError extends DatasetError {
  /** Always `"DiffInputError"`. */
  override readonly name = "DiffInputError" as const;
  /** The first refused lines, in input order. */
  readonly lines: readonly RefusedLine[];
  /** How many lines were refused in all. */
  readonly lineCount: number;

  /** @param details - the refused lines and what to do. */
  constructor(details: DiffInputErrorDetails) {
    const shown = details.lines
      .slice(0, 5)
      .map((line) => `${line.side} line ${line.lineNumber} (${line.code})`)
      .join("; ");
    const more = details.lineCount > 5 ? `; and ${details.lineCount - 5} more (see lines)` : "";
    super(`${details.lineCount} line(s) refused: ${shown}${more}. ${details.hint}`);
    this.lines = details.lines;
    this.lineCount = details.lineCount;
  }
}

/** Tells whether `value` is a {@link DiffInputError}, even from another copy of this package. */
export function isDiffInputError(value: unknown): value is DiffInputError {
  return isDatasetError(value, "DiffInputError");
}
