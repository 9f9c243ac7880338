import {
  DescribeDatasetCommand,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { isUpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isUploadFailedError } from "../../src/errors/upload-failed-error.js";
import { settle } from "../support/async.js";
import { labelLine } from "../support/lines.js";
import { DATASET_ARN, describeOutput, realClient } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const rekognition = mockClient(RekognitionClient);
const T0 = new Date("2026-11-22T00:00:00Z");
const T1 = new Date("2026-11-22T00:00:09Z");
const T2 = new Date("2026-11-22T00:00:20Z");
const FAST = { minDelay: 0.01, maxDelay: 0.01 };

describe("Class: DatasetClient, an update sent and not yet waited for", () => {
  beforeEach(() => {
    rekognition.reset();
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:05Z") });
    rekognition.on(UpdateDatasetEntriesCommand).resolves({});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses a second updateEntries while the first still runs", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0))
      .resolves(describeOutput("UPDATE_IN_PROGRESS", T1));
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const second = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)]));
    expect(isDatasetBusyError(second.error)).toBe(true);
    expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
  });

  it("refuses a second updateEntries while the dataset still shows the state before the first (stale)", async () => {
    rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", T0));
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const second = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)]));
    expect(isDatasetBusyError(second.error)).toBe(true);
    expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
  });

  it("sends a second updateEntries once the dataset shows the first ended", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0))
      .resolves(describeOutput("UPDATE_COMPLETE", T1));
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const second = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)]));
    expect(second.error).toBeUndefined();
    expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 2);
  });

  it("waits for the later update after a second updateEntries (waitIfBusy) saw the first one fail", async () => {
    // The first update fails; a second updateEntries (waitIfBusy) sees that, then sends and completes.
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // baseline of the first update
      .resolvesOnce(
        describeOutput("UPDATE_FAILED", T1, { StatusMessage: "bad", StatusMessageCode: "CLIENT_ERROR" }),
      ) // the second writer's wait sees the first end
      .resolves(describeOutput("UPDATE_COMPLETE", T2)); // from then on: the second update, done
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);
    const second = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)], { waitIfBusy: FAST }));
    expect(second.error).toBeUndefined();

    // The first update's own wait only starts now: the dataset shows UPDATE_COMPLETE (of the second update).
    const late = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
    expect(late.error).toBeUndefined(); // the first update was settled by the second writer
    expect(late.value?.status).toBe("UPDATE_COMPLETE");
    expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 2);
  });

  it("lets a wait already running learn the outcome another wait saw first", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // baseline
      .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", T1)) // wait A, first poll
      .resolvesOnce(
        describeOutput("UPDATE_FAILED", T1, { StatusMessage: "bad", StatusMessageCode: "SERVICE_ERROR" }),
      ) // wait B sees the end
      .resolves(describeOutput("UPDATE_COMPLETE", T2)); // then someone's next update, done
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const waitA = settle(datasets.waitUntilUpdated(DATASET_ARN, { minDelay: 1, maxDelay: 1 }));
    const waitB = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
    const a = await waitA;

    expect(isUpdateFailedError(waitB.error)).toBe(true);
    expect(isUpdateFailedError(a.error)).toBe(true); // not the later UPDATE_COMPLETE
  });

  it("an upload that cannot see the earlier update end fails with its result, having sent nothing", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0))
      .resolves(describeOutput("UPDATE_IN_PROGRESS", T1));
    const datasets = new DatasetClient({ client: realClient() });
    await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const upload = await settle(
      datasets.upload(DATASET_ARN, [labelLine(2)], {
        wait: { maxWaitTime: 1, minDelay: 0.1, maxDelay: 0.1 },
      }),
    );
    expect(isUploadFailedError(upload.error)).toBe(true);
    expect(upload.error).toMatchObject({ stage: "wait", result: { inputLinesDone: 0, requests: [] } });
    expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
  });

  it("guards the next wait after updateEntries was aborted while its request was on the wire", async () => {
    rekognition.on(UpdateDatasetEntriesCommand).callsFake(() => new Promise(() => {})); // never answers
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // baseline
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // stale: the aborted request's update not shown yet
      .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", T1))
      .resolves(describeOutput("UPDATE_COMPLETE", T2));
    const datasets = new DatasetClient({ client: realClient() });
    const controller = new AbortController();
    const sending = settle(
      datasets.updateEntries(DATASET_ARN, [labelLine(1)], { abortSignal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error("user abort"));
    expect((await sending).error).toMatchObject({ name: "OperationAbortedError" });

    const waited = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
    expect(waited.value?.lastUpdatedTimestamp).toEqual(T2); // not the stale T0 completion
  });

  it("guards the next wait after an upload stopped with an unconfirmed request", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // the upload's first look: its baseline
      .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", T1)) // its wait, first poll
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // the later wait: a stale view of the old state
      .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", T1))
      .resolves(describeOutput("UPDATE_COMPLETE", T2));
    const datasets = new DatasetClient({ client: realClient() });
    const controller = new AbortController();
    const uploading = settle(
      datasets.upload(DATASET_ARN, [labelLine(1)], {
        abortSignal: controller.signal,
        wait: { minDelay: 5, maxDelay: 5 },
        onProgress: (event) => {
          if (event.type === "sent") setTimeout(() => controller.abort(new Error("user abort")), 1_000);
        },
      }),
    );
    const stopped = await uploading;
    expect(stopped.error).toMatchObject({ name: "UploadAbortedError" });
    expect(
      (stopped.error as { result: { unconfirmedRequest?: unknown } }).result.unconfirmedRequest,
    ).toBeDefined();

    const waited = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
    expect(waited.value?.lastUpdatedTimestamp).toEqual(T2);
  });

  it("lets a wait given updateEntries' own baseline share the outcome another wait saw", async () => {
    rekognition
      .on(DescribeDatasetCommand)
      .resolvesOnce(describeOutput("UPDATE_COMPLETE", T0)) // baseline
      .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", T1)) // wait A, first poll
      .resolvesOnce(
        describeOutput("UPDATE_FAILED", T1, { StatusMessage: "bad", StatusMessageCode: "SERVICE_ERROR" }),
      ) // wait B sees the end
      .resolves(describeOutput("UPDATE_COMPLETE", T2)); // then a later update, done
    const datasets = new DatasetClient({ client: realClient() });
    const { baseline } = await datasets.updateEntries(DATASET_ARN, [labelLine(1)]);

    const waitA = settle(datasets.waitUntilUpdated(DATASET_ARN, { minDelay: 1, maxDelay: 1, baseline }));
    const waitB = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
    const a = await waitA;
    expect(isUpdateFailedError(waitB.error)).toBe(true);
    expect(isUpdateFailedError(a.error)).toBe(true);
  });

  it.each([
    ["AccessDenied", sdkErrors.accessDenied],
    ["InvalidParameter", sdkErrors.invalidParameter],
    ["ResourceInUse", sdkErrors.inUse],
  ] as const)(
    "after an upload whose request was refused (%s), the dataset is not taken for busy",
    async (_, refusal) => {
      // An idle dataset that never changes: a pending update recorded against it would look stale forever.
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", T0));
      rekognition.on(UpdateDatasetEntriesCommand).rejectsOnce(refusal()).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const upload = await settle(
        datasets.upload(DATASET_ARN, [labelLine(1)], { maxBusyResends: 0, wait: FAST }),
      );
      expect(upload.error).toMatchObject({ name: "UploadFailedError", stage: "send" });

      const start = performance.now();
      const waited = await settle(datasets.waitUntilUpdated(DATASET_ARN, FAST));
      expect(waited.error).toBeUndefined();
      expect(performance.now() - start).toBeLessThan(1000); // not the 30 s stale-status grace period
      const next = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)]));
      expect(isDatasetBusyError(next.error)).toBe(false);
      expect(next.error).toBeUndefined();
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 2);
    },
  );

  it("after an upload whose request may have been applied (a server error), the next write is still guarded", async () => {
    rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", T0));
    rekognition.on(UpdateDatasetEntriesCommand).rejects(sdkErrors.internal());
    const datasets = new DatasetClient({ client: realClient(), retry: { attempts: 1 } });
    const upload = await settle(datasets.upload(DATASET_ARN, [labelLine(1)], { wait: FAST }));
    expect(upload.error).toMatchObject({ name: "UploadFailedError", stage: "send" });

    const next = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(2)]));
    expect(isDatasetBusyError(next.error)).toBe(true); // the stale T0 view cannot show it ended
  });
});
