/**
 * Fixtures for tests that mock the Rekognition client: a dataset ARN, a real client to mock, and responses
 * in the SDK's shape. (Errors come from the real SDK: see sdk-errors.ts.)
 */
import { RekognitionClient } from "@aws-sdk/client-rekognition";
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
