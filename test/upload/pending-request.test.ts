import { describe, expect, it } from "vitest";
import type { DatasetDescription, DatasetStatus } from "../../src/client/types.js";
import { baselineOf, judgePendingRequest } from "../../src/client/upload/pending-request.js";
import { ARN } from "./fake-operations.js";

function described(status: DatasetStatus, seconds?: number): DatasetDescription {
  return {
    datasetArn: ARN,
    status,
    ...(seconds === undefined ? {} : { lastUpdatedTimestamp: new Date(seconds * 1000) }),
    statistics: {},
  };
}

const before = { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: new Date(10_000) } as const;

describe("judgePendingRequest", () => {
  it("counts an update completed after the baseline as the request applied", () => {
    expect(judgePendingRequest(described("UPDATE_COMPLETE", 11), before)).toBe("applied");
  });

  it("reads an update failed after the baseline as failed", () => {
    expect(judgePendingRequest(described("UPDATE_FAILED", 11), before)).toBe("failed");
  });

  it("waits for an update in progress", () => {
    expect(judgePendingRequest(described("UPDATE_IN_PROGRESS", 10), before)).toBe("running");
  });

  it("sees no sign of the request in the baseline seen again (never arrived, or a stale view)", () => {
    expect(judgePendingRequest(described("UPDATE_COMPLETE", 10), before)).toBe("no-sign");
    expect(
      judgePendingRequest(described("UPDATE_FAILED", 10), {
        status: "UPDATE_FAILED",
        lastUpdatedTimestamp: new Date(10_000),
      }),
    ).toBe("no-sign");
    expect(judgePendingRequest(described("CREATE_COMPLETE", 9), before)).toBe("no-sign");
  });

  it("without timestamps, trusts only a status that changed since the baseline", () => {
    expect(judgePendingRequest(described("UPDATE_COMPLETE"), { status: "CREATE_COMPLETE" })).toBe("applied");
    expect(judgePendingRequest(described("UPDATE_COMPLETE"), { status: "UPDATE_COMPLETE" })).toBe("no-sign");
    expect(judgePendingRequest(described("UPDATE_COMPLETE"), {})).toBe("no-sign");
  });
});

describe("baselineOf", () => {
  it("turns the checkpoint's record back into the waiter's baseline", () => {
    const pending = {
      firstLine: 1,
      lastLine: 2,
      lines: 2,
      bytes: 10,
      inputLinesDone: 2,
      lastLineDone: 2,
      fingerprint: "a".repeat(64),
    };
    expect(
      baselineOf({
        ...pending,
        statusBefore: "UPDATE_COMPLETE",
        lastUpdatedBefore: "2026-01-01T00:00:00.250Z",
      }),
    ).toEqual({ status: "UPDATE_COMPLETE", lastUpdatedTimestamp: new Date("2026-01-01T00:00:00.250Z") });
    expect(baselineOf(pending)).toEqual({});
  });
});
