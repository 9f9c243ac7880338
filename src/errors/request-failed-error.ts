import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link RequestFailedError}. */
export interface RequestFailedErrorDetails {
  /** The service operation, e.g. `"UpdateDatasetEntries"`. */
  readonly operation: string;
  /** The dataset the request was about. */
  readonly datasetArn: string;
  /** Attempts made in total, the SDK's own (`$metadata.attempts`) included. */
  readonly attempts: number;
  /** The AWS error's name (e.g. `"ThrottlingException"`, `"AccessDeniedException"`), when it has one. */
  readonly awsErrorName?: string;
  /** Whether the error could have been retried (retries ran out) or not (it was final at once). */
  readonly retryable: boolean;
  /** The last SDK or network error. */
  readonly cause: unknown;
}

/**
 * A request to the service failed for good: the error is not one that retrying fixes (InvalidParameter,
 * AccessDenied...), or retrying ran out of attempts or time. The last SDK error is the `cause`.
 */
export class RequestFailedError extends DatasetError {
  /** Always `"RequestFailedError"`. */
  override readonly name = "RequestFailedError" as const;
  /** The service operation, e.g. `"UpdateDatasetEntries"`. */
  readonly operation: string;
  /** The dataset the request was about. */
  readonly datasetArn: string;
  /** Attempts made in total, the SDK's own (`$metadata.attempts`) included. */
  readonly attempts: number;
  /** The AWS error's name, when it has one. */
  readonly awsErrorName: string | undefined;
  /** Whether retries ran out (`true`) or the error was not retryable (`false`). */
  readonly retryable: boolean;

  /** @param details - the request, the attempts made and the last error. */
  constructor(details: RequestFailedErrorDetails) {
    const what = details.awsErrorName ?? "a network or unknown error";
    const advice = details.retryable
      ? "Retries ran out: try again later, or allow more attempts or time in the DatasetClient's retry options."
      : "This error is not retried: fix its cause (see `cause`) and try again.";
    super(
      `${details.operation} on ${details.datasetArn} failed after ${details.attempts} attempt(s) with ` +
        `${what}. ${advice}`,
      { cause: details.cause },
    );
    this.operation = details.operation;
    this.datasetArn = details.datasetArn;
    this.attempts = details.attempts;
    this.awsErrorName = details.awsErrorName;
    this.retryable = details.retryable;
  }
}

/** Tells whether `value` is a {@link RequestFailedError}, even from another copy of this package. */
export function isRequestFailedError(value: unknown): value is RequestFailedError {
  return isDatasetError(value, "RequestFailedError");
}
