import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of an {@link UpdateFailedError}. */
export interface UpdateFailedErrorDetails {
  /** The dataset whose update failed. */
  readonly datasetArn: string;
  /** The dataset's `StatusMessage`, when the service gave one. */
  readonly statusMessage?: string;
  /** The dataset's `StatusMessageCode`, when the service gave one. */
  readonly statusMessageCode?: "SERVICE_ERROR" | "CLIENT_ERROR";
}

/**
 * The service finished an update with `UPDATE_FAILED`. With `statusMessageCode` `"SERVICE_ERROR"` the same
 * update may succeed later; with `"CLIENT_ERROR"` the input must be fixed first.
 */
export class UpdateFailedError extends DatasetError {
  /** Always `"UpdateFailedError"`. */
  override readonly name = "UpdateFailedError" as const;
  /** The dataset whose update failed. */
  readonly datasetArn: string;
  /** The dataset's `StatusMessage`, if any. */
  readonly statusMessage: string | undefined;
  /** `"SERVICE_ERROR"` (try again later), `"CLIENT_ERROR"` (fix the input), or unknown. */
  readonly statusMessageCode: "SERVICE_ERROR" | "CLIENT_ERROR" | undefined;

  /** @param details - the dataset and the service's status message and code. */
  constructor(details: UpdateFailedErrorDetails) {
    const advice =
      details.statusMessageCode === "SERVICE_ERROR"
        ? "The service failed (SERVICE_ERROR): send the same update again later."
        : details.statusMessageCode === "CLIENT_ERROR"
          ? "The input was refused (CLIENT_ERROR): fix the lines before sending them again."
          : "The service gave no StatusMessageCode: check the status message and the dataset's entries.";
    super(
      `The update of dataset ${details.datasetArn} failed (UPDATE_FAILED): ` +
        `${details.statusMessage ?? "no status message"}. ${advice}`,
    );
    this.datasetArn = details.datasetArn;
    this.statusMessage = details.statusMessage;
    this.statusMessageCode = details.statusMessageCode;
  }
}

/** Tells whether `value` is an {@link UpdateFailedError}, even from another copy of this package. */
export function isUpdateFailedError(value: unknown): value is UpdateFailedError {
  return isDatasetError(value, "UpdateFailedError");
}
