import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Longest piece of a rejected ARN quoted in a message, so that a huge string never floods a log. */
const QUOTED_ARN_LENGTH = 120;

/** Details of an {@link InvalidDatasetArnError}. */
export interface InvalidDatasetArnErrorDetails {
  /** The value that was given as a dataset ARN. */
  readonly datasetArn: string;
  /** Why it is not a dataset ARN. */
  readonly reason: string;
}

/**
 * A dataset ARN does not match the service's pattern or length. Raised before any request is made, so
 * nothing was sent.
 */
export class InvalidDatasetArnError extends DatasetError {
  /** Always `"InvalidDatasetArnError"`. */
  override readonly name = "InvalidDatasetArnError" as const;
  /** The value that was given as a dataset ARN. */
  readonly datasetArn: string;
  /** Why it is not a dataset ARN. */
  readonly reason: string;

  /** @param details - the rejected value and why. */
  constructor(details: InvalidDatasetArnErrorDetails) {
    const quoted =
      details.datasetArn.length > QUOTED_ARN_LENGTH
        ? `${details.datasetArn.slice(0, QUOTED_ARN_LENGTH)}...`
        : details.datasetArn;
    super(
      `"${quoted}" is not a dataset ARN: ${details.reason}. Nothing was sent. Pass the DatasetArn that ` +
        "CreateDataset or DescribeProjects returned (arn:aws:rekognition:<region>:<account>:project/<name>/dataset/<train|test>/<id>).",
    );
    this.datasetArn = details.datasetArn;
    this.reason = details.reason;
  }
}

/** Tells whether `value` is an {@link InvalidDatasetArnError}, even from another copy of this package. */
export function isInvalidDatasetArnError(value: unknown): value is InvalidDatasetArnError {
  return isDatasetError(value, "InvalidDatasetArnError");
}
