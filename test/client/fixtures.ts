import {
  AccessDeniedException,
  InternalServerError,
  InvalidParameterException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ResourceInUseException,
  ResourceNotFoundException,
  ThrottlingException,
} from "@aws-sdk/client-rekognition";
import type { DatasetDescription } from "../../src/client/types.js";

/** A well-formed dataset ARN. */
export const DATASET_ARN =
  "arn:aws:rekognition:us-east-1:123456789012:project/my-project/dataset/train/1690000000000";

/** A real client (never reaching AWS: every test mocks it). */
export function realClient(config: { maxAttempts?: number } = {}): RekognitionClient {
  return new RekognitionClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
    ...config,
  });
}

const metadata = (attempts = 1) => ({ httpStatusCode: 400, attempts, totalRetryDelay: 0 });

/** SDK errors as the client raises them, with `$metadata.attempts`. */
export const sdkErrors = {
  throttling: (attempts = 1) =>
    new ThrottlingException({
      message: "Rate exceeded",
      $metadata: { ...metadata(attempts), httpStatusCode: 500 },
    }),
  throughput: () =>
    new ProvisionedThroughputExceededException({ message: "Throughput exceeded", $metadata: metadata() }),
  internal: () =>
    new InternalServerError({ message: "Oops", $metadata: { ...metadata(), httpStatusCode: 500 } }),
  invalidParameter: () => new InvalidParameterException({ message: "Bad request", $metadata: metadata() }),
  accessDenied: () => new AccessDeniedException({ message: "Denied", $metadata: metadata() }),
  notFound: () => new ResourceNotFoundException({ message: "No such dataset", $metadata: metadata() }),
  inUse: () =>
    new ResourceInUseException({
      message: "The specified resource is already being used.",
      $metadata: metadata(),
    }),
  network: () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
};

/** A DescribeDataset response (SDK shape). */
export function describeOutput(
  status: string | undefined,
  lastUpdated?: Date,
  extra: Record<string, unknown> = {},
): { DatasetDescription: Record<string, unknown>; $metadata: Record<string, never> } {
  return {
    DatasetDescription: {
      CreationTimestamp: new Date("2026-01-01T00:00:00Z"),
      ...(status === undefined ? {} : { Status: status }),
      ...(lastUpdated === undefined ? {} : { LastUpdatedTimestamp: lastUpdated }),
      DatasetStats: { LabeledEntries: 10, TotalEntries: 12, TotalLabels: 3, ErrorEntries: 1 },
      ...extra,
    },
    $metadata: {},
  };
}

/** A typed description for waiter tests. */
export function description(
  status: DatasetDescription["status"],
  lastUpdated?: Date,
  extra: Partial<DatasetDescription> = {},
): DatasetDescription {
  return {
    datasetArn: DATASET_ARN,
    ...(status === undefined ? {} : { status }),
    ...(lastUpdated === undefined ? {} : { lastUpdatedTimestamp: lastUpdated }),
    statistics: {},
    ...extra,
  };
}

/** An image-level label line that validates clean. */
export function labelLine(
  n: number,
  className = "Sunrise",
): { readonly "source-ref": string; [key: string]: unknown } {
  return {
    "source-ref": `s3://bucket/images/${n}.jpg`,
    sunrise: 1,
    "sunrise-metadata": {
      confidence: 1,
      "class-name": className,
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000Z",
      type: "groundtruth/image-classification",
    },
  };
}
