import type { UploadResult } from "../client/upload/types.js";
import type { ProblemCode, ValidationProblem } from "../manifest/problems.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * One invalid input line: as an {@link InvalidLinesError} lists it, and as an upload under
 * `onInvalidLine: "skip"` reports it in `UploadResult.linesSkipped`.
 */
export interface InvalidLine {
  /** Its input line number. */
  readonly lineNumber: number;
  /** The distinct codes of its error-severity problems, in order of first appearance. */
  readonly codes: readonly ProblemCode[];
  /** Its error-severity problems. */
  readonly problems: readonly ValidationProblem[];
}

/** Details of an {@link InvalidLinesError}. */
export interface InvalidLinesErrorDetails {
  /** The dataset. */
  readonly datasetArn: string;
  /** The first invalid lines, in input order (at most `maxListedInvalidLines`). */
  readonly invalidLines: readonly InvalidLine[];
  /** How many invalid lines were found in all. */
  readonly invalidLineCount: number;
  /** Whether the whole input was checked (arrays and file paths) or reading stopped at the first invalid line. */
  readonly wholeInputChecked: boolean;
  /** What the upload did before it stopped. */
  readonly result: UploadResult;
}

/**
 * The upload stopped because the input has lines with errors (`onInvalidLine: "stop"`, the default). No
 * request carrying an invalid line was sent; for an array or a file path nothing was sent at all.
 */
export class InvalidLinesError extends DatasetError {
  /** Always `"InvalidLinesError"`. */
  override readonly name = "InvalidLinesError" as const;
  /** The dataset. */
  readonly datasetArn: string;
  /** The first invalid lines, in input order. */
  readonly invalidLines: readonly InvalidLine[];
  /** How many invalid lines were found in all. */
  readonly invalidLineCount: number;
  /** Whether the whole input was checked, or reading stopped at the first invalid line (one-shot sources). */
  readonly wholeInputChecked: boolean;
  /** What the upload did before it stopped. */
  readonly result: UploadResult;

  /** @param details - the invalid lines found and the partial result. */
  constructor(details: InvalidLinesErrorDetails) {
    const shown = details.invalidLines
      .slice(0, 5)
      .map((line) => `line ${line.lineNumber} (${line.codes.join(", ")})`)
      .join("; ");
    const more =
      details.invalidLineCount > 5 ? `; and ${details.invalidLineCount - 5} more (see invalidLines)` : "";
    const scope = details.wholeInputChecked
      ? "The whole input was checked before anything was sent."
      : "Reading stopped at the first invalid line; lines after it were not checked.";
    super(
      `${details.invalidLineCount} invalid line(s) stopped the upload to ${details.datasetArn}: ${shown}${more}. ` +
        `${scope} Fix the lines, or pass onInvalidLine: "skip" to send only the valid ones.`,
    );
    this.datasetArn = details.datasetArn;
    this.invalidLines = details.invalidLines;
    this.invalidLineCount = details.invalidLineCount;
    this.wholeInputChecked = details.wholeInputChecked;
    this.result = details.result;
  }
}

/** Tells whether `value` is an {@link InvalidLinesError}, even from another copy of this package. */
export function isInvalidLinesError(value: unknown): value is InvalidLinesError {
  return isDatasetError(value, "InvalidLinesError");
}
