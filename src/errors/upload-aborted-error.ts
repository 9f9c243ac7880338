import { describeApplied } from "../client/upload/applied-summary.js";
import type { UploadResult } from "../client/upload/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of an {@link UploadAbortedError}. */
export interface UploadAbortedErrorDetails {
  /** The dataset. */
  readonly datasetArn: string;
  /** What the upload did before it stopped. */
  readonly result: UploadResult;
  /** The abort signal's `reason`. */
  readonly cause: unknown;
}

/**
 * The upload's abort signal stopped it. `result` says exactly which input lines are applied
 * (`lastLineDone`) and whether a request was sent without its completion being seen.
 */
export class UploadAbortedError extends DatasetError {
  /** Always `"UploadAbortedError"`. */
  override readonly name = "UploadAbortedError" as const;
  /** The dataset. */
  readonly datasetArn: string;
  /** What the upload did before it stopped. */
  readonly result: UploadResult;

  /** @param details - the dataset, the partial result and the signal's reason. */
  constructor(details: UploadAbortedErrorDetails) {
    super(
      `The upload to ${details.datasetArn} was aborted by its abort signal. ${describeApplied(details.result)} ` +
        "Run it again with the same checkpoint to resume.",
      { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.result = details.result;
  }
}

/** Tells whether `value` is an {@link UploadAbortedError}, even from another copy of this package. */
export function isUploadAbortedError(value: unknown): value is UploadAbortedError {
  return isDatasetError(value, "UploadAbortedError");
}
