import type { ValidationProblem } from "../manifest/problems.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** How many problems the message spells out; the rest are counted. */
const PROBLEMS_IN_MESSAGE = 5;

/** Options of {@link ManifestValidationError}. */
export interface ManifestValidationErrorOptions extends ErrorOptions {
  /** The 1-based line number of the line at fault, when it came from a file or stream. */
  readonly lineNumber?: number;
  /** What was being checked, to start the message with (e.g. `"imageLabels()"`). @defaultValue `"Manifest line"` */
  readonly subject?: string;
}

/**
 * A manifest line (or a builder's input) has problems the service would reject or silently drop. Every
 * problem is in {@link ManifestValidationError.problems}; the message names the first few.
 */
export class ManifestValidationError extends DatasetError {
  /** Always `"ManifestValidationError"`. */
  override readonly name = "ManifestValidationError" as const;
  /** Every problem found, errors and warnings, in the order found. */
  readonly problems: readonly ValidationProblem[];
  /** The 1-based line number of the line at fault, when known (absent, not `undefined`, otherwise). */
  declare readonly lineNumber?: number;

  /**
   * @param problems - every problem found (at least one).
   * @param options - the line number, what was checked, and the original error as `cause`.
   */
  constructor(problems: readonly ValidationProblem[], options: ManifestValidationErrorOptions = {}) {
    const { lineNumber, subject = "Manifest line", ...errorOptions } = options;
    super(describe(problems, subject, lineNumber), errorOptions);
    this.problems = problems;
    if (lineNumber !== undefined) this.lineNumber = lineNumber;
  }
}

function describe(
  problems: readonly ValidationProblem[],
  subject: string,
  lineNumber: number | undefined,
): string {
  const where = lineNumber === undefined ? subject : `${subject} ${lineNumber}`;
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const shown = problems
    .slice(0, PROBLEMS_IN_MESSAGE)
    .map(
      (problem) => `${problem.code}${problem.path === "" ? "" : ` at ${problem.path}`}: ${problem.message}`,
    );
  const more = problems.length - shown.length;
  return [
    `${where} has ${errors} error${errors === 1 ? "" : "s"} (${problems.length} problem${problems.length === 1 ? "" : "s"} in all); fix them before sending:`,
    ...shown.map((text) => `  - ${text}`),
    ...(more > 0 ? [`  ... and ${more} more (see the error's "problems").`] : []),
  ].join("\n");
}

/**
 * Tells whether `value` is a {@link ManifestValidationError}, even from another copy of the package.
 *
 * @param value - anything caught.
 */
export function isManifestValidationError(value: unknown): value is ManifestValidationError {
  return isDatasetError(value, "ManifestValidationError");
}
