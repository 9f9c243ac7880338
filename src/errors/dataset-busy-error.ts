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
  /**
   * An earlier attempt of the same request failed in a way that leaves it unknown whether it reached the
   * service (a dropped connection, a timeout, a 5xx): the busy operation may be that very update.
   */
  readonly mayHaveBeenApplied?: boolean;
}

/**
 * The dataset is busy with another operation: the service answered ResourceInUseException, or
 * DescribeDataset showed `CREATE_IN_PROGRESS` / `UPDATE_IN_PROGRESS` before an update was sent. The update was
 * not applied, unless {@link DatasetBusyError.mayHaveBeenApplied}: then an earlier attempt of the same request
 * may be the operation the dataset is busy with. Either way: wait for the dataset (`waitUntilUpdated`) and
 * send it again (an update replaces entries by source-ref, so sending it twice is harmless).
 */
export class DatasetBusyError extends DatasetError {
  /** Always `"DatasetBusyError"`. */
  override readonly name = "DatasetBusyError" as const;
  /** The busy dataset. */
  readonly datasetArn: string;
  /** The status DescribeDataset showed, if the check came from it. */
  readonly status: DatasetStatus | undefined;
  /** Whether an earlier attempt of the same request may have reached the service and be what it is busy with. */
  readonly mayHaveBeenApplied: boolean;

  /** @param details - the dataset, and what showed it busy. */
  constructor(details: DatasetBusyErrorDetails) {
    const seen =
      details.status === undefined ? "the service answered ResourceInUseException" : details.status;
    const mayHaveBeenApplied = details.mayHaveBeenApplied === true;
    const outcome = mayHaveBeenApplied
      ? "an earlier attempt of this update may have reached the service and be that operation"
      : "the update was not applied";
    super(
      `Dataset ${details.datasetArn} is busy with another operation (${seen}); ${outcome}. ` +
        "Wait until the dataset's current operation is over (waitUntilUpdated), then send the update again.",
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.status = details.status;
    this.mayHaveBeenApplied = mayHaveBeenApplied;
  }
}

/** Tells whether `value` is a {@link DatasetBusyError}, even from another copy of this package. */
export function isDatasetBusyError(value: unknown): value is DatasetBusyError {
  return isDatasetError(value, "DatasetBusyError");
}
