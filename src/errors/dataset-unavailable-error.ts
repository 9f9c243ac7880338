import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * Why a dataset cannot take updates: it failed to be created, it is being deleted, or it does not exist
 * (ResourceNotFoundException, which is also what a deleted dataset answers).
 */
export type DatasetUnavailableReason = "CREATE_FAILED" | "DELETE_IN_PROGRESS" | "NOT_FOUND";

/** Details of a {@link DatasetUnavailableError}. */
export interface DatasetUnavailableErrorDetails {
  /** The dataset. */
  readonly datasetArn: string;
  /** Why it cannot take updates. */
  readonly reason: DatasetUnavailableReason;
  /** The dataset's `StatusMessage`, when the service gave one. */
  readonly statusMessage?: string;
  /** The service's ResourceNotFoundException, for `NOT_FOUND`. */
  readonly cause?: unknown;
}

const ADVICE: Readonly<Record<DatasetUnavailableReason, string>> = {
  CREATE_FAILED: "the dataset failed to be created (CREATE_FAILED). Delete it and create it again.",
  DELETE_IN_PROGRESS: "the dataset is being deleted (DELETE_IN_PROGRESS). Create a new dataset to update.",
  NOT_FOUND: "the dataset does not exist (ResourceNotFoundException). Check the ARN, region and account.",
};

/**
 * The dataset cannot take updates and never will in its current state: waiting longer would not help.
 */
export class DatasetUnavailableError extends DatasetError {
  /** Always `"DatasetUnavailableError"`. */
  override readonly name = "DatasetUnavailableError" as const;
  /** The dataset. */
  readonly datasetArn: string;
  /** Why it cannot take updates. */
  readonly reason: DatasetUnavailableReason;
  /** The dataset's `StatusMessage`, if any. */
  readonly statusMessage: string | undefined;

  /** @param details - the dataset and why it is unavailable. */
  constructor(details: DatasetUnavailableErrorDetails) {
    const message = details.statusMessage === undefined ? "" : ` Status message: ${details.statusMessage}`;
    super(
      `Dataset ${details.datasetArn} is unavailable: ${ADVICE[details.reason]}${message}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.reason = details.reason;
    this.statusMessage = details.statusMessage;
  }
}

/** Tells whether `value` is a {@link DatasetUnavailableError}, even from another copy of this package. */
export function isDatasetUnavailableError(value: unknown): value is DatasetUnavailableError {
  return isDatasetError(value, "DatasetUnavailableError");
}
