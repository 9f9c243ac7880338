import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PendingUpdates } from "../../src/client/pending-updates.js";
import type { DatasetDescription } from "../../src/client/types.js";
import { type WaitOutcome, waitUntilUpdated } from "../../src/client/waiter.js";
import { isDatasetError } from "../../src/errors/dataset-error.js";
import { RequestFailedError } from "../../src/errors/request-failed-error.js";
import { settle } from "../support/async.js";
import { DATASET_ARN, description } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const T0 = new Date("2026-11-22T00:00:00Z");
const T1 = new Date("2026-11-22T00:00:09Z");
const FAST = { minDelay: 0.01, maxDelay: 0.01 };

/** A dataset whose DescribeDataset answers are scripted: each look takes the next, the last repeats. */
class FakeDataset {
  looks = 0;
  constructor(private readonly script: DatasetDescription[]) {}
  describe = async (_datasetArn: string, _signal?: AbortSignal): Promise<DatasetDescription> => {
    const next = this.script[Math.min(this.looks, this.script.length - 1)];
    this.looks++;
    if (next === undefined) throw new Error("empty script");
    return next;
  };
  operations() {
    return {
      describe: this.describe,
      waitUntilUpdated: (
        datasetArn: string,
        options: Parameters<typeof waitUntilUpdated>[2],
        settledElsewhere?: () => WaitOutcome | undefined,
      ) =>
        waitUntilUpdated(
          (signal) => this.describe(datasetArn, signal),
          datasetArn,
          options,
          settledElsewhere === undefined ? {} : { settledElsewhere },
        ),
    };
  }
}

describe("Class: PendingUpdates", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("Method: record / has", () => {
    it("keeps one update per dataset until it is seen to end", () => {
      const pending = new PendingUpdates(new FakeDataset([description("UPDATE_COMPLETE", T0)]).operations());
      expect(pending.has(DATASET_ARN)).toBe(false);
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      expect(pending.has(DATASET_ARN)).toBe(true);
    });
  });

  describe("Method: recordFailedSend", () => {
    it("records a send that may have reached the service, never one proven not applied", () => {
      const pending = new PendingUpdates(new FakeDataset([description("UPDATE_COMPLETE", T0)]).operations());
      const refused = new RequestFailedError({
        operation: "UpdateDatasetEntries",
        datasetArn: DATASET_ARN,
        attempts: 1,
        retryable: false,
        cause: sdkErrors.accessDenied(),
      });
      pending.recordFailedSend(DATASET_ARN, description("UPDATE_COMPLETE", T0), refused);
      expect(pending.has(DATASET_ARN)).toBe(false);
      pending.recordFailedSend(DATASET_ARN, description("UPDATE_COMPLETE", T0), new Error("x"), true);
      expect(pending.has(DATASET_ARN)).toBe(false); // aborted before it was sent

      const lost = new RequestFailedError({
        operation: "UpdateDatasetEntries",
        datasetArn: DATASET_ARN,
        attempts: 1,
        retryable: true,
        cause: sdkErrors.network(),
      });
      pending.recordFailedSend(DATASET_ARN, description("UPDATE_COMPLETE", T0), lost);
      expect(pending.has(DATASET_ARN)).toBe(true);
    });
  });

  describe("Method: checkAgainst / checkBeforeWrite", () => {
    it("calls the dataset busy while the description predates the update (stale), settles once it moved", () => {
      const pending = new PendingUpdates(new FakeDataset([]).operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      expect(() => pending.checkAgainst(DATASET_ARN, description("UPDATE_COMPLETE", T0))).toThrow(
        expect.objectContaining({ name: "DatasetBusyError", status: "UPDATE_COMPLETE" }),
      );
      expect(() => pending.checkAgainst(DATASET_ARN, description("UPDATE_IN_PROGRESS", T1))).toThrow(
        expect.objectContaining({ name: "DatasetBusyError" }),
      );
      pending.checkAgainst(DATASET_ARN, description("UPDATE_COMPLETE", T1));
      expect(pending.has(DATASET_ARN)).toBe(false);
    });

    it("accepts a stale-looking completion once the grace period is over, on the monotonic clock", () => {
      const pending = new PendingUpdates(new FakeDataset([]).operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      // A wall-clock step does not end the grace period: only the monotonic clock counts.
      vi.setSystemTime(Date.now() + 3_600_000);
      expect(() => pending.checkAgainst(DATASET_ARN, description("UPDATE_COMPLETE", T0))).toThrow(
        expect.objectContaining({ name: "DatasetBusyError" }),
      );
      vi.advanceTimersByTime(30_000);
      pending.checkAgainst(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      expect(pending.has(DATASET_ARN)).toBe(false);
    });

    it("settles a failed update without an error (the dataset is idle again), refuses an unavailable one", () => {
      const pending = new PendingUpdates(new FakeDataset([]).operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      pending.checkAgainst(DATASET_ARN, description("UPDATE_FAILED", T1));
      expect(pending.has(DATASET_ARN)).toBe(false);

      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      expect(() => pending.checkAgainst(DATASET_ARN, description("DELETE_IN_PROGRESS", T1))).toThrow(
        expect.objectContaining({ name: "DatasetUnavailableError", reason: "DELETE_IN_PROGRESS" }),
      );
      expect(pending.has(DATASET_ARN)).toBe(false);
    });

    it("looks at the dataset only when there is an update pending", async () => {
      const dataset = new FakeDataset([description("UPDATE_COMPLETE", T1)]);
      const pending = new PendingUpdates(dataset.operations());
      await pending.checkBeforeWrite(DATASET_ARN, undefined);
      expect(dataset.looks).toBe(0);
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      await pending.checkBeforeWrite(DATASET_ARN, undefined);
      expect(dataset.looks).toBe(1);
      expect(pending.has(DATASET_ARN)).toBe(false);
    });
  });

  describe("Method: wait (join and settle)", () => {
    it("waits against the pending update's baseline, then forgets it", async () => {
      const dataset = new FakeDataset([
        description("UPDATE_COMPLETE", T0), // stale
        description("UPDATE_COMPLETE", T1),
      ]);
      const pending = new PendingUpdates(dataset.operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      const { value } = await settle(pending.wait(DATASET_ARN, FAST));
      expect(value?.lastUpdatedTimestamp).toEqual(T1);
      expect(dataset.looks).toBe(2);
      expect(pending.has(DATASET_ARN)).toBe(false);
    });

    it("gives every wait joined on the update the outcome the first one saw", async () => {
      const dataset = new FakeDataset([
        description("UPDATE_IN_PROGRESS", T1), // wait A's first look
        description("UPDATE_FAILED", T1), // wait B sees the end
        description("UPDATE_COMPLETE", new Date(T1.getTime() + 60_000)), // a later update, done
      ]);
      const pending = new PendingUpdates(dataset.operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      const waitA = settle(pending.wait(DATASET_ARN, { minDelay: 1, maxDelay: 1 }));
      const waitB = await settle(pending.wait(DATASET_ARN, FAST));
      expect(isDatasetError(waitB.error, "UpdateFailedError")).toBe(true);
      expect(isDatasetError((await waitA).error, "UpdateFailedError")).toBe(true);
    });

    it("does not join a wait given another baseline than the pending update's", async () => {
      const dataset = new FakeDataset([description("UPDATE_COMPLETE", T1)]);
      const pending = new PendingUpdates(dataset.operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      await settle(pending.wait(DATASET_ARN, { ...FAST, baseline: description("UPDATE_COMPLETE", T1) }));
      // That wait was about another update: this client's own is still pending.
      expect(pending.has(DATASET_ARN)).toBe(true);
    });

    it("keeps the update pending after a wait that timed out, so the next wait is still guarded", async () => {
      const dataset = new FakeDataset([description("UPDATE_COMPLETE", T0)]);
      const pending = new PendingUpdates(dataset.operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      const { error } = await settle(
        pending.wait(DATASET_ARN, {
          maxWaitTime: 1,
          minDelay: 0.5,
          maxDelay: 0.5,
          staleStatusGracePeriod: 10,
        }),
      );
      expect(error).toMatchObject({ name: "WaitTimeoutError" });
      expect(pending.has(DATASET_ARN)).toBe(true);
    });
  });

  describe("Method: settleBeforeWrite", () => {
    it("takes a failure of the earlier update as the dataset being idle again", async () => {
      const dataset = new FakeDataset([description("UPDATE_FAILED", T1)]);
      const pending = new PendingUpdates(dataset.operations());
      pending.record(DATASET_ARN, description("UPDATE_COMPLETE", T0));
      const { error } = await settle(pending.settleBeforeWrite(DATASET_ARN, FAST, undefined));
      expect(error).toBeUndefined();
      expect(pending.has(DATASET_ARN)).toBe(false);
    });

    it("does nothing when no update is pending", async () => {
      const dataset = new FakeDataset([description("UPDATE_IN_PROGRESS", T1)]);
      const pending = new PendingUpdates(dataset.operations());
      await pending.settleBeforeWrite(DATASET_ARN, FAST, undefined);
      expect(dataset.looks).toBe(0);
    });
  });
});
