import type { DatasetStatus } from "../client/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link DatasetBusyError}. */
export interface DatasetBusyErrorDetails {
  /** The busy dataset. */
  readonly datasetArn: string;
  /** The status DescribeDataset showed, when the check came from it. */
  readonly status?: DatasetStatus;
  /** The service's ResourceInUseException, when the service refused the request. */
  readonly cause?: unknown;
}

/**
 * The dataset is busy with another operation: the service answered ResourceInUseException, or
 * DescribeDataset showed `CREATE_IN_PROGRESS` / `UPDATE_IN_PROGRESS` before an update was sent. The update was
 * not applied; wait for the dataset (`waitUntilUpdated`) and send it again.
 */
export class DatasetBusyError extends DatasetError {
  /** Always `"DatasetBusyError"`. */
  override readonly name = "DatasetBusyError" as const;
  /** The busy dataset. */
  readonly datasetArn: string;
  /** The status DescribeDataset showed, if the check came from it. */
  readonly status: DatasetStatus | undefined;

  /** @param details - the dataset, and what showed it busy. */
  constructor(details: DatasetBusyErrorDetails) {
    const seen =
      details.status === undefined ? "the service answered ResourceInUseException" : details.status;
    super(
      `Dataset ${details.datasetArn} is busy with another operation (${seen}); the update was not applied. ` +
        "Wait until the dataset's current operation is over (waitUntilUpdated), then send the update again.",
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.status = details.status;
  }
}

/** Tells whether `value` is a {@link DatasetBusyError}, even from another copy of this package. */
export function isDatasetBusyError(value: unknown): value is DatasetBusyError {
  return isDatasetError(value, "DatasetBusyError");
}
