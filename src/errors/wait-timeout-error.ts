import type { DatasetDescription } from "../client/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link WaitTimeoutError}. */
export interface WaitTimeoutErrorDetails {
  /** The dataset waited for. */
  readonly datasetArn: string;
  /** The time allowed, in seconds. */
  readonly maxWaitTime: number;
  /** The last description seen, if any poll succeeded. */
  readonly lastDescription?: DatasetDescription;
}

/**
 * The dataset's update was not over within `maxWaitTime`. The update may still finish: wait again, or
 * check the dataset later.
 */
export class WaitTimeoutError extends DatasetError {
  /** Always `"WaitTimeoutError"`. */
  override readonly name = "WaitTimeoutError" as const;
  /** The dataset waited for. */
  readonly datasetArn: string;
  /** The time allowed, in seconds. */
  readonly maxWaitTime: number;
  /** The last description seen, if any poll succeeded. */
  readonly lastDescription: DatasetDescription | undefined;

  /** @param details - the dataset, the time allowed and the last status seen. */
  constructor(details: WaitTimeoutErrorDetails) {
    const last = details.lastDescription?.status ?? "no status";
    super(
      `Dataset ${details.datasetArn} was not done updating after ${details.maxWaitTime} s (last status: ` +
        `${last}). The update may still finish: wait again with a longer maxWaitTime, or check it later.`,
    );
    this.datasetArn = details.datasetArn;
    this.maxWaitTime = details.maxWaitTime;
    this.lastDescription = details.lastDescription;
  }
}

/** Tells whether `value` is a {@link WaitTimeoutError}, even from another copy of this package. */
export function isWaitTimeoutError(value: unknown): value is WaitTimeoutError {
  return isDatasetError(value, "WaitTimeoutError");
}
