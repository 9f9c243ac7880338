import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link PayloadTooLargeError}. */
export interface PayloadTooLargeErrorDetails {
  /** The dataset the update was meant for. */
  readonly datasetArn: string;
  /** Size of the payload, in UTF-8 bytes. */
  readonly byteLength: number;
  /** The ceiling it had to stay strictly under, in bytes. */
  readonly limit: number;
}

/**
 * An UpdateDatasetEntries payload is at or over the byte ceiling (by default the service's
 * `MAX_GROUND_TRUTH_BYTES`). Raised before anything is sent.
 */
export class PayloadTooLargeError extends DatasetError {
  /** Always `"PayloadTooLargeError"`. */
  override readonly name = "PayloadTooLargeError" as const;
  /** The dataset the update was meant for. */
  readonly datasetArn: string;
  /** Size of the payload, in UTF-8 bytes. */
  readonly byteLength: number;
  /** The ceiling it had to stay strictly under, in bytes. */
  readonly limit: number;

  /** @param details - the payload's size and the ceiling. */
  constructor(details: PayloadTooLargeErrorDetails) {
    super(
      `The update for ${details.datasetArn} is ${details.byteLength} bytes; one UpdateDatasetEntries request ` +
        `must stay under ${details.limit} bytes. Nothing was sent. Split the lines over several requests, ` +
        "or use DatasetClient.upload, which does it for you.",
    );
    this.datasetArn = details.datasetArn;
    this.byteLength = details.byteLength;
    this.limit = details.limit;
  }
}

/** Tells whether `value` is a {@link PayloadTooLargeError}, even from another copy of this package. */
export function isPayloadTooLargeError(value: unknown): value is PayloadTooLargeError {
  return isDatasetError(value, "PayloadTooLargeError");
}
