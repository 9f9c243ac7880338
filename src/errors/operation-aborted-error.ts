import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of an {@link OperationAbortedError}. */
export interface OperationAbortedErrorDetails {
  /** What was stopped, e.g. `"DescribeDataset"` or `"waitUntilUpdated"`. */
  readonly operation: string;
  /** The dataset it was about. */
  readonly datasetArn: string;
  /** The abort signal's `reason`. */
  readonly cause: unknown;
}

/**
 * The caller's abort signal stopped an operation. The cause is the signal's `reason`. A request already on
 * the wire may still have reached the service.
 */
export class OperationAbortedError extends DatasetError {
  /** Always `"OperationAbortedError"`. */
  override readonly name = "OperationAbortedError" as const;
  /** What was stopped. */
  readonly operation: string;
  /** The dataset it was about. */
  readonly datasetArn: string;

  /** @param details - what was stopped, and the signal's reason. */
  constructor(details: OperationAbortedErrorDetails) {
    super(`${details.operation} on ${details.datasetArn} was aborted by its abort signal.`, {
      cause: details.cause,
    });
    this.operation = details.operation;
    this.datasetArn = details.datasetArn;
  }
}

/** Tells whether `value` is an {@link OperationAbortedError}, even from another copy of this package. */
export function isOperationAbortedError(value: unknown): value is OperationAbortedError {
  return isDatasetError(value, "OperationAbortedError");
}
