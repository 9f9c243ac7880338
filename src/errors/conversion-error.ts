import type { ConversionReport } from "../convert/report.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * A conversion run with `strict: true` met a loss (an issue of severity `"error"` or `"warning"` in its
 * report): nothing was written, neither the output file nor anything to the output stream. The report lists
 * every loss, as a run without `strict` would have.
 */
export class ConversionError extends DatasetError {
  /** Always `"ConversionError"`. */
  override readonly name = "ConversionError" as const;
  /** The whole report of the run, every issue included. */
  readonly report: ConversionReport;

  /** @param report - the report of the refused run. */
  constructor(report: ConversionReport) {
    const losses = report.issues
      .filter((issue) => issue.severity !== "info")
      .map((issue) => `${issue.code} x${issue.count}`)
      .join(", ");
    super(
      `Strict conversion refused: ${losses}. Nothing was written. Fix the input, or run without \`strict\` to accept these losses.`,
    );
    this.report = report;
  }
}

/** Tells whether `value` is a {@link ConversionError}, even from another copy of this package. */
export function isConversionError(value: unknown): value is ConversionError {
  return isDatasetError(value, "ConversionError");
}
