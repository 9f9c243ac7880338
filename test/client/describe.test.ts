import { describe, expect, it } from "vitest";
import { toDatasetDescription } from "../../src/client/describe.js";
import { DATASET_ARN } from "../support/rekognition.js";

describe("DescribeDataset output to DatasetDescription", () => {
  it("types the status, keeps dates and maps statistics", () => {
    const updated = new Date("2026-11-01T10:00:00Z");
    const result = toDatasetDescription(DATASET_ARN, {
      DatasetDescription: {
        Status: "UPDATE_FAILED",
        StatusMessage: "The manifest file contains too many invalid data lines.",
        StatusMessageCode: "CLIENT_ERROR",
        CreationTimestamp: new Date("2026-01-01T00:00:00Z"),
        LastUpdatedTimestamp: updated,
        DatasetStats: { LabeledEntries: 5, TotalEntries: 7, TotalLabels: 2, ErrorEntries: 1 },
      },
    });
    expect(result).toEqual({
      datasetArn: DATASET_ARN,
      status: "UPDATE_FAILED",
      statusMessage: "The manifest file contains too many invalid data lines.",
      statusMessageCode: "CLIENT_ERROR",
      creationTimestamp: new Date("2026-01-01T00:00:00Z"),
      lastUpdatedTimestamp: updated,
      statistics: { labeledEntries: 5, totalEntries: 7, totalLabels: 2, errorEntries: 1 },
    });
  });

  it("leaves out what the service did not send, without undefined keys", () => {
    const result = toDatasetDescription(DATASET_ARN, {});
    expect(result).toEqual({ datasetArn: DATASET_ARN, statistics: {} });
    expect(Object.keys(result)).toEqual(["datasetArn", "statistics"]);
  });

  it("drops a status this version does not know rather than guessing", () => {
    const result = toDatasetDescription(DATASET_ARN, {
      DatasetDescription: { Status: "ARCHIVED" as never, StatusMessageCode: "OTHER" as never },
    });
    expect(result.status).toBeUndefined();
    expect(result.statusMessageCode).toBeUndefined();
  });

  it("reads epoch seconds from a hand-made response as a date", () => {
    const result = toDatasetDescription(DATASET_ARN, {
      DatasetDescription: { LastUpdatedTimestamp: 1_700_000_000 as never },
    });
    expect(result.lastUpdatedTimestamp).toEqual(new Date(1_700_000_000_000));
  });
});
