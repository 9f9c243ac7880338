import { InvalidDatasetArnError } from "../errors/invalid-dataset-arn-error.js";
import { DATASET_ARN_PATTERN, MAX_DATASET_ARN_LENGTH, MIN_DATASET_ARN_LENGTH } from "../limits.js";

/**
 * Checks a dataset ARN against the service model's length and pattern, so that a typo fails here, before
 * any request, instead of as an InvalidParameterException after a round trip.
 *
 * @param datasetArn - the value to check.
 * @throws {@link InvalidDatasetArnError} when it is not a dataset ARN.
 */
export function assertDatasetArn(datasetArn: unknown): asserts datasetArn is string {
  if (typeof datasetArn !== "string") {
    throw new InvalidDatasetArnError({ datasetArn: String(datasetArn), reason: "it is not a string" });
  }
  if (datasetArn.length < MIN_DATASET_ARN_LENGTH || datasetArn.length > MAX_DATASET_ARN_LENGTH) {
    throw new InvalidDatasetArnError({
      datasetArn,
      reason: `its length ${datasetArn.length} is outside ${MIN_DATASET_ARN_LENGTH}..${MAX_DATASET_ARN_LENGTH}`,
    });
  }
  if (!DATASET_ARN_PATTERN.test(datasetArn)) {
    throw new InvalidDatasetArnError({
      datasetArn,
      reason: "it does not match the service's DatasetArn pattern",
    });
  }
}

/**
 * Tells whether a value is a well-formed dataset ARN (service model length and pattern). It says nothing
 * about whether the dataset exists.
 *
 * @param value - the value to check.
 */
export function isDatasetArn(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length >= MIN_DATASET_ARN_LENGTH &&
    value.length <= MAX_DATASET_ARN_LENGTH &&
    DATASET_ARN_PATTERN.test(value)
  );
}
