import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DescribeDatasetCommand,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { isInvalidDatasetArnError } from "../../src/errors/invalid-dataset-arn-error.js";
import { isManifestValidationError } from "../../src/errors/manifest-validation-error.js";
import { isPayloadTooLargeError } from "../../src/errors/payload-too-large-error.js";
import { isRequestFailedError } from "../../src/errors/request-failed-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";
import { collect, settle } from "../support/async.js";
import { labelLine } from "../support/lines.js";
import { DATASET_ARN, describeOutput, realClient } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const rekognition = mockClient(RekognitionClient);
const BEFORE = new Date("2026-11-22T00:00:00Z");
const AFTER = new Date("2026-11-22T00:00:09Z");
const fastRetry = { attempts: 3, minDelayMs: 10, maxDelayMs: 100, maxRetryTimeMs: 10_000 };

describe("Class: DatasetClient", () => {
  beforeEach(() => {
    rekognition.reset();
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:05Z") });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("constructor", () => {
    it("builds its own RekognitionClient with the SDK's retries off (maxAttempts 1)", async () => {
      const datasets = new DatasetClient({ clientConfig: { region: "eu-west-1" } });
      expect(await datasets.client.config.maxAttempts()).toBe(1);
      expect(await datasets.client.config.region()).toBe("eu-west-1");
    });

    it("never reconfigures a client you pass in", async () => {
      const client = realClient({ maxAttempts: 5 });
      const datasets = new DatasetClient({ client });
      expect(datasets.client).toBe(client);
      expect(await client.config.maxAttempts()).toBe(5);
    });

    it("refuses both a client and a client config", () => {
      const client = realClient();
      // @ts-expect-error: `client` and `clientConfig` are mutually exclusive.
      expect(() => new DatasetClient({ client, clientConfig: { region: "us-east-1" } })).toThrow(
        expect.objectContaining({ name: "InvalidOptionsError", option: "clientConfig" }),
      );
    });

    it("refuses, at once, options it could not use, naming the option and the value", () => {
      const client = realClient();
      for (const [options, option, shown] of [
        ["x", "options", '"x"'],
        [null, "options", "null"],
        [{ client: {} }, "client", "{}"],
        [{ client: "rekognition" }, "client", '"rekognition"'],
        [{ clientConfig: "str" }, "clientConfig", '"str"'],
        [{ client, retry: "fast" }, "retry", '"fast"'],
        [{ client, retry: null }, "retry", "null"],
        [{ client, throttle: { limit: 0, interval: 1 } }, "throttle.limit", "0"],
        [{ client, throttle: { limit: 1, interval: Number.NaN } }, "throttle.interval", "NaN"],
        [{ client, throttle: 5 }, "throttle", "5"],
        [{ client, processingBytesPerSecond: 0 }, "processingBytesPerSecond", "0"],
        [{ client, processingBytesPerSecond: "fast" }, "processingBytesPerSecond", '"fast"'],
        [{ client, thottle: { limit: 1, interval: 1 } }, "thottle", '{"limit":1,"interval":1}'],
      ] as const) {
        let error: unknown;
        try {
          new DatasetClient(options as never);
        } catch (caught) {
          error = caught;
        }
        expect(error).toMatchObject({ name: "InvalidOptionsError", option });
        expect((error as Error).message).toContain(`got ${shown}`);
      }
      expect(() => new DatasetClient({ client, thottle: {} } as never)).toThrow(/Did you mean `throttle`/);
    });

    it("takes any client with a send method (another copy of the SDK), and no options at all", () => {
      const client = { send: async () => ({}) };
      expect(new DatasetClient({ client } as never).client).toBe(client);
      expect(new DatasetClient().client).toBeInstanceOf(RekognitionClient);
    });

    it("refuses bad retry and throttle options, naming them", () => {
      expect(() => new DatasetClient({ client: realClient(), retry: { attempts: 0 } })).toThrow(
        /retry\.attempts/,
      );
      expect(() => new DatasetClient({ client: realClient(), throttle: { limit: 0, interval: 1 } })).toThrow(
        /throttle\.limit/,
      );
    });
  });

  describe("Method: describe", () => {
    it("returns the typed description", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("CREATE_COMPLETE", BEFORE) as never);
      const datasets = new DatasetClient({ client: realClient() });
      const { value } = await settle(datasets.describe(DATASET_ARN));
      expect(value).toMatchObject({
        datasetArn: DATASET_ARN,
        status: "CREATE_COMPLETE",
        lastUpdatedTimestamp: BEFORE,
        statistics: { totalEntries: 12, errorEntries: 1 },
      });
      expect(rekognition).toHaveReceivedCommandWith(DescribeDatasetCommand, { DatasetArn: DATASET_ARN });
    });

    it("rides out throttling, then succeeds", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .rejectsOnce(sdkErrors.throttling())
        .rejectsOnce(sdkErrors.throughput())
        .resolves(describeOutput("UPDATE_COMPLETE") as never);
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { value } = await settle(datasets.describe(DATASET_ARN));
      expect(value?.status).toBe("UPDATE_COMPLETE");
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 3);
    });

    it("gives up after exactly the configured attempts", async () => {
      rekognition.on(DescribeDatasetCommand).rejects(sdkErrors.internal());
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { error } = await settle(datasets.describe(DATASET_ARN));
      expect(isRequestFailedError(error)).toBe(true);
      expect(error).toMatchObject({
        attempts: 3,
        awsErrorName: "InternalServerError",
        operation: "DescribeDataset",
      });
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 3);
    });

    it("does not retry AccessDenied", async () => {
      rekognition.on(DescribeDatasetCommand).rejects(sdkErrors.accessDenied());
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { error } = await settle(datasets.describe(DATASET_ARN));
      expect(error).toMatchObject({
        name: "RequestFailedError",
        attempts: 1,
        awsErrorName: "AccessDeniedException",
      });
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 1);
    });

    it("counts the attempts your client's SDK already made", async () => {
      // The mock bypasses the SDK's retry middleware, so the error is one a real client with maxAttempts 2
      // raised against the emulator: its $metadata.attempts says 2.
      rekognition.on(DescribeDatasetCommand).rejects(sdkErrors.throttling(2));
      const datasets = new DatasetClient({
        client: realClient({ maxAttempts: 2 }),
        retry: { ...fastRetry, attempts: 5 },
      });
      const { error } = await settle(datasets.describe(DATASET_ARN));
      expect(error).toMatchObject({ attempts: 6 });
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 3);
    });

    it("refuses a bad ARN before any request", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      await expect(
        datasets.describe("arn:aws:rekognition:us-east-1:123456789012:project/p/1"),
      ).rejects.toMatchObject({
        name: "InvalidDatasetArnError",
      });
      await expect(datasets.updateEntries("bad", "{}")).rejects.toMatchObject({
        name: "InvalidDatasetArnError",
      });
      await expect(datasets.waitUntilUpdated("bad")).rejects.toMatchObject({
        name: "InvalidDatasetArnError",
      });
      await expect(datasets.upload("bad", [])).rejects.toMatchObject({ name: "InvalidDatasetArnError" });
      expect(() => datasets.listLabels("nope")).toThrow(
        expect.objectContaining({ name: "InvalidDatasetArnError" }),
      );
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });

    it("paces requests with the shared throttle, retries included", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .rejectsOnce(sdkErrors.throttling())
        .resolves(describeOutput("UPDATE_COMPLETE") as never);
      const datasets = new DatasetClient({
        client: realClient(),
        retry: { ...fastRetry, minDelayMs: 0, maxDelayMs: 0 },
        throttle: { limit: 1, interval: 1000 },
      });
      const start = Date.now();
      const first = datasets.describe(DATASET_ARN);
      const second = datasets.describe(DATASET_ARN);
      await settle(Promise.all([first, second]));
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 3);
      expect(Date.now() - start).toBeGreaterThanOrEqual(2000);
    });
  });

  describe("Method: updateEntries", () => {
    it("describes first, then sends exactly one request with the lines", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const { value, error } = await settle(
        datasets.updateEntries(DATASET_ARN, [labelLine(1), labelLine(2)]),
      );
      expect(error).toBeUndefined();
      expect(value).toMatchObject({
        lineCount: 2,
        baseline: { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: BEFORE },
      });
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
      const sent = rekognition.commandCalls(UpdateDatasetEntriesCommand)[0]!.args[0].input;
      expect(new TextDecoder().decode(sent.Changes?.GroundTruth)).toBe(
        `${JSON.stringify(labelLine(1))}\n${JSON.stringify(labelLine(2))}`,
      );
      expect(value?.byteLength).toBe(sent.Changes?.GroundTruth?.byteLength);
    });

    it("refuses a payload exactly at the limit before anything is sent, and sends one byte under", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const atLimit = new Uint8Array(MAX_GROUND_TRUTH_BYTES).fill(0x61);
      const refused = await settle(datasets.updateEntries(DATASET_ARN, atLimit));
      expect(isPayloadTooLargeError(refused.error)).toBe(true);
      expect(rekognition).not.toHaveReceivedAnyCommand();
      const accepted = await settle(datasets.updateEntries(DATASET_ARN, atLimit.subarray(1)));
      expect(accepted.value?.byteLength).toBe(MAX_GROUND_TRUTH_BYTES - 1);
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
    });

    it("honours a lower configured ceiling, counted in UTF-8 bytes", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      const { error } = await settle(
        datasets.updateEntries(DATASET_ARN, new TextEncoder().encode("日本".repeat(20)), {
          maxRequestBytes: 120,
        }),
      );
      expect(error).toMatchObject({ name: "PayloadTooLargeError", byteLength: 120, limit: 120 });
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });

    it("refuses invalid typed lines with their line numbers before anything is sent", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      const { error } = await settle(
        datasets.updateEntries(DATASET_ARN, [labelLine(1), { "source-ref": "s3://bucket/2.jpg" }]),
      );
      expect(isManifestValidationError(error)).toBe(true);
      expect(error).toMatchObject({ lineNumber: 2 });
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });

    it("refuses a busy dataset with DatasetBusyError, sending nothing", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_IN_PROGRESS", BEFORE) as never);
      const datasets = new DatasetClient({ client: realClient() });
      const { error } = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(1)]));
      expect(isDatasetBusyError(error)).toBe(true);
      expect(error).toMatchObject({ status: "UPDATE_IN_PROGRESS" });
      expect(rekognition).not.toHaveReceivedCommand(UpdateDatasetEntriesCommand);
    });

    it("waits for a busy dataset when told to, then sends", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", BEFORE) as never)
        .resolves(describeOutput("UPDATE_COMPLETE", AFTER) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const { value } = await settle(
        datasets.updateEntries(DATASET_ARN, [labelLine(1)], { waitIfBusy: { minDelay: 1 } }),
      );
      expect(value?.baseline.lastUpdatedTimestamp).toEqual(AFTER);
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
    });

    it("sends after waiting for a busy dataset whose previous update failed", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .resolvesOnce(describeOutput("UPDATE_IN_PROGRESS", BEFORE) as never)
        .resolves(describeOutput("UPDATE_FAILED", AFTER, { StatusMessageCode: "CLIENT_ERROR" }) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const { value, error } = await settle(
        datasets.updateEntries(DATASET_ARN, [labelLine(1)], { waitIfBusy: true }),
      );
      expect(error).toBeUndefined();
      expect(value?.baseline).toMatchObject({ status: "UPDATE_FAILED", lastUpdatedTimestamp: AFTER });
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
    });

    it("turns ResourceInUse into DatasetBusyError without retrying the send", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      rekognition.on(UpdateDatasetEntriesCommand).rejects(sdkErrors.inUse());
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { error } = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(1)]));
      expect(isDatasetBusyError(error)).toBe(true);
      expect((error as Error).cause).toMatchObject({ name: "ResourceInUseException" });
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
    });

    it("refuses a dataset that failed creation", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("CREATE_FAILED") as never);
      const datasets = new DatasetClient({ client: realClient() });
      const { error } = await settle(datasets.updateEntries(DATASET_ARN, [labelLine(1)]));
      expect(error).toMatchObject({ name: "DatasetUnavailableError", reason: "CREATE_FAILED" });
      expect(rekognition).not.toHaveReceivedCommand(UpdateDatasetEntriesCommand);
    });
  });

  describe("Method: waitUntilUpdated", () => {
    it("uses the baseline updateEntries recorded: a stale completion does not end the wait", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .resolvesOnce(describeOutput("UPDATE_COMPLETE", BEFORE) as never) // baseline, before sending
        .resolvesOnce(describeOutput("UPDATE_COMPLETE", BEFORE) as never) // stale, right after sending
        .resolves(describeOutput("UPDATE_COMPLETE", AFTER) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      await settle(datasets.updateEntries(DATASET_ARN, [labelLine(1)]));
      const { value } = await settle(datasets.waitUntilUpdated(DATASET_ARN, { minDelay: 1, maxDelay: 2 }));
      expect(value?.lastUpdatedTimestamp).toEqual(AFTER);
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 3);
    });

    it("without a recorded update, accepts the current completion", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      const datasets = new DatasetClient({ client: realClient() });
      const { value } = await settle(datasets.waitUntilUpdated(DATASET_ARN));
      expect(value?.status).toBe("UPDATE_COMPLETE");
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 1);
    });

    it("fails at once on a dataset that is not found", async () => {
      rekognition.on(DescribeDatasetCommand).rejects(sdkErrors.notFound());
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { error } = await settle(datasets.waitUntilUpdated(DATASET_ARN));
      expect(error).toMatchObject({ name: "DatasetUnavailableError", reason: "NOT_FOUND" });
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, 1);
    });

    it("stops at once on abort: no further request, no timer left", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_IN_PROGRESS") as never);
      const datasets = new DatasetClient({ client: realClient() });
      const controller = new AbortController();
      const outcome = datasets
        .waitUntilUpdated(DATASET_ARN, { abortSignal: controller.signal })
        .catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(6000);
      const polls = rekognition.commandCalls(DescribeDatasetCommand).length;
      expect(polls).toBeGreaterThan(1);
      controller.abort();
      expect(await outcome).toMatchObject({ name: "OperationAbortedError" });
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(600_000);
      expect(rekognition).toHaveReceivedCommandTimes(DescribeDatasetCommand, polls);
    });
  });

  describe("Method: upload", () => {
    it("runs the bulk upload through this client's paced, retried requests", async () => {
      rekognition
        .on(DescribeDatasetCommand)
        .resolvesOnce(describeOutput("UPDATE_COMPLETE", BEFORE) as never)
        .resolves(describeOutput("UPDATE_COMPLETE", AFTER) as never);
      rekognition.on(UpdateDatasetEntriesCommand).rejectsOnce(sdkErrors.throttling()).resolves({});
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { value, error } = await settle(
        datasets.upload(DATASET_ARN, [labelLine(1), labelLine(2)], { wait: { minDelay: 1, maxDelay: 2 } }),
      );
      expect(error).toBeUndefined();
      expect(value).toMatchObject({
        datasetArn: DATASET_ARN,
        requests: [expect.anything()],
        appliedRequestLines: 2,
      });
      // one throttled attempt, then the request itself
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 2);
    });
  });

  describe("Method: upload, before anything is sent", () => {
    it("fails with UploadAbortedError and an empty result when aborted while queued behind another writer", async () => {
      let answer!: (value: unknown) => void;
      rekognition
        .on(DescribeDatasetCommand)
        .callsFakeOnce(() => new Promise((resolve) => (answer = resolve)))
        .resolves(describeOutput("UPDATE_COMPLETE", AFTER) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const first = datasets.updateEntries(DATASET_ARN, [labelLine(1)]); // holds the dataset
      await vi.advanceTimersByTimeAsync(0);
      const controller = new AbortController();
      const queued = datasets
        .upload(DATASET_ARN, [labelLine(2)], { abortSignal: controller.signal })
        .catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(0);
      controller.abort(new Error("changed my mind"));
      const error = await queued;
      expect(error).toMatchObject({
        name: "UploadAbortedError",
        result: { datasetArn: DATASET_ARN, inputLinesDone: 0, requests: [] },
      });
      expect((error as Error).cause).toMatchObject({ message: "changed my mind" });
      answer(describeOutput("UPDATE_COMPLETE", BEFORE));
      await settle(first);
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1); // only the first
    });

    it("refuses a checkpoint file in a folder that does not exist, before any request", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      const file = join(tmpdir(), "no-such-folder-for-a-checkpoint", "train.checkpoint.json");
      const { error } = await settle(datasets.upload(DATASET_ARN, [labelLine(1)], { checkpoint: { file } }));
      expect(error).toMatchObject({ name: "InvalidOptionsError", option: "checkpoint.file" });
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });
  });

  describe("Method: updateEntries, with the sources an upload reads", () => {
    it("reads a string as a manifest file path, not as the manifest itself", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const folder = await mkdtemp(join(tmpdir(), "update-entries-"));
      try {
        const file = join(folder, "train.manifest");
        await writeFile(file, `${JSON.stringify(labelLine(1))}\n${JSON.stringify(labelLine(2))}\n`);
        const datasets = new DatasetClient({ client: realClient() });
        vi.useRealTimers(); // the file is read through the thread pool
        const value = await datasets.updateEntries(DATASET_ARN, file);
        expect(value.lineCount).toBe(2);
        const sent = rekognition.commandCalls(UpdateDatasetEntriesCommand)[0]!.args[0].input;
        expect(new TextDecoder().decode(sent.Changes?.GroundTruth)).toBe(
          `${JSON.stringify(labelLine(1))}\n${JSON.stringify(labelLine(2))}`,
        );
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it("stops reading with OperationAbortedError when aborted, having sent nothing", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      const controller = new AbortController();
      controller.abort(new Error("not now"));
      const { error } = await settle(
        datasets.updateEntries(DATASET_ARN, [labelLine(1)], { abortSignal: controller.signal }),
      );
      expect(error).toMatchObject({ name: "OperationAbortedError", operation: "updateEntries" });
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });

    it("takes `{ text }` as content, and refuses a repeated source-ref among string items", async () => {
      rekognition.on(DescribeDatasetCommand).resolves(describeOutput("UPDATE_COMPLETE", BEFORE) as never);
      rekognition.on(UpdateDatasetEntriesCommand).resolves({});
      const datasets = new DatasetClient({ client: realClient() });
      const text = JSON.stringify(labelLine(1));
      const { value } = await settle(datasets.updateEntries(DATASET_ARN, { text }));
      expect(value?.lineCount).toBe(1);
      const { error } = await settle(datasets.updateEntries(DATASET_ARN, [text, text]));
      expect(isManifestValidationError(error)).toBe(true);
      expect(rekognition).toHaveReceivedCommandTimes(UpdateDatasetEntriesCommand, 1);
    });
  });

  describe("Method: listEntries and listLabels", () => {
    it("walks every ListDatasetEntries page with the filters", async () => {
      rekognition
        .on(ListDatasetEntriesCommand)
        .resolvesOnce({ DatasetEntries: ["a", "b"], NextToken: "t1" })
        .resolvesOnce({ DatasetEntries: [], NextToken: "t2" })
        .resolvesOnce({ DatasetEntries: ["c"] });
      const datasets = new DatasetClient({ client: realClient() });
      const entries = await collect(
        datasets.listEntries(DATASET_ARN, { hasErrors: true, containsLabels: ["Sunrise"], pageSize: 2 }),
      );
      expect(entries).toEqual(["a", "b", "c"]);
      expect(rekognition).toHaveReceivedCommandTimes(ListDatasetEntriesCommand, 3);
      expect(rekognition).toHaveReceivedNthCommandWith(ListDatasetEntriesCommand, 1, {
        DatasetArn: DATASET_ARN,
        HasErrors: true,
        ContainsLabels: ["Sunrise"],
        MaxResults: 2,
      });
      expect(rekognition).toHaveReceivedNthCommandWith(ListDatasetEntriesCommand, 3, { NextToken: "t2" });
    });

    it("retries a throttled page without losing its place", async () => {
      rekognition
        .on(ListDatasetEntriesCommand)
        .resolvesOnce({ DatasetEntries: ["a"], NextToken: "t1" })
        .rejectsOnce(sdkErrors.throttling())
        .resolvesOnce({ DatasetEntries: ["b"] });
      const datasets = new DatasetClient({ client: realClient(), retry: fastRetry });
      const { value } = await settle(collect(datasets.listEntries(DATASET_ARN)));
      expect(value).toEqual(["a", "b"]);
      expect(rekognition).toHaveReceivedNthCommandWith(ListDatasetEntriesCommand, 3, { NextToken: "t1" });
    });

    it("walks every ListDatasetLabels page", async () => {
      rekognition
        .on(ListDatasetLabelsCommand)
        .resolvesOnce({
          DatasetLabelDescriptions: [{ LabelName: "Sunrise", LabelStats: { EntryCount: 4 } }],
          NextToken: "n",
        })
        .resolvesOnce({
          DatasetLabelDescriptions: [
            { LabelName: "Echo Dot", LabelStats: { EntryCount: 2, BoundingBoxCount: 3 } },
          ],
        });
      const datasets = new DatasetClient({ client: realClient() });
      expect(await collect(datasets.listLabels(DATASET_ARN))).toEqual([
        { name: "Sunrise", entryCount: 4 },
        { name: "Echo Dot", entryCount: 2, boundingBoxCount: 3 },
      ]);
      expect(rekognition).toHaveReceivedCommandTimes(ListDatasetLabelsCommand, 2);
    });

    it("refuses a bad filter at the call, as it refuses a bad ARN, before any request", () => {
      const datasets = new DatasetClient({ client: realClient() });
      const elevenLabels = Array.from({ length: 11 }, (_, i) => `label-${i}`);
      for (const [filters, option] of [
        [{ pageSize: 101 }, "filters.pageSize"],
        [{ pageSize: 0 }, "filters.pageSize"],
        [{ containsLabels: [] }, "filters.containsLabels"],
        [{ containsLabels: elevenLabels }, "filters.containsLabels"],
        [{ containsLabels: ["ok", "x".repeat(256)] }, "filters.containsLabels[1]"],
        [{ sourceRefContains: "s".repeat(2049) }, "filters.sourceRefContains"],
        [{ labeled: "yes" }, "filters.labeled"],
        [{ hasError: true }, "filters.hasError"],
        [null, "filters"],
      ] as const) {
        expect(() => datasets.listEntries(DATASET_ARN, filters as never)).toThrow(
          expect.objectContaining({ name: "InvalidOptionsError", option }),
        );
      }
      expect(() => datasets.listEntries(DATASET_ARN, { hasError: true } as never)).toThrow(
        /Did you mean `filters.hasErrors`/,
      );
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });

    it("counts a label filter's length in code points, as the validator does", async () => {
      rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: ["a"] });
      const datasets = new DatasetClient({ client: realClient() });
      // 200 emoji: 400 UTF-16 units, 200 characters: a valid label name, so a valid filter.
      const emoji = "😀".repeat(200);
      expect(await collect(datasets.listEntries(DATASET_ARN, { containsLabels: [emoji] }))).toEqual(["a"]);
      expect(() => datasets.listEntries(DATASET_ARN, { containsLabels: ["😀".repeat(256)] })).toThrow(
        expect.objectContaining({ option: "filters.containsLabels[0]" }),
      );
    });
  });

  describe("every call: options refused at the call", () => {
    it("refuses null, unknown keys (with the nearest name) and a signal that is not one", async () => {
      const datasets = new DatasetClient({ client: realClient() });
      const signal = new AbortController().signal;
      const calls: [string, () => Promise<unknown> | unknown, string, string?][] = [
        ["describe", () => datasets.describe(DATASET_ARN, null as never), "options"],
        ["describe", () => datasets.describe(DATASET_ARN, { signal } as never), "signal", "abortSignal"],
        [
          "updateEntries",
          () => datasets.updateEntries(DATASET_ARN, [labelLine(1)], { signal } as never),
          "signal",
          "abortSignal",
        ],
        [
          "updateEntries",
          () => datasets.updateEntries(DATASET_ARN, [labelLine(1)], { abortSignal: {} } as never),
          "abortSignal",
        ],
        [
          "updateEntries",
          () => datasets.updateEntries(DATASET_ARN, [labelLine(1)], { waitIfBusy: 5 } as never),
          "waitIfBusy",
        ],
        [
          "updateEntries",
          () => datasets.updateEntries(DATASET_ARN, [labelLine(1)], { maxRequestBytes: "1" } as never),
          "maxRequestBytes",
        ],
        [
          "waitUntilUpdated",
          () => datasets.waitUntilUpdated(DATASET_ARN, { abortController: signal } as never),
          "abortController",
          "abortSignal",
        ],
        ["waitUntilUpdated", () => datasets.waitUntilUpdated(DATASET_ARN, 5 as never), "options"],
        [
          "waitUntilUpdated",
          () => datasets.waitUntilUpdated(DATASET_ARN, { baseline: "then" } as never),
          "baseline",
        ],
        ["upload", () => datasets.upload(DATASET_ARN, [labelLine(1)], { wait: 5 } as never), "wait"],
        ["upload", () => datasets.upload(DATASET_ARN, [labelLine(1)], null as never), "options"],
        ["listLabels", () => datasets.listLabels(DATASET_ARN, { signal } as never), "signal", "abortSignal"],
      ];
      for (const [, call, option, didYouMean] of calls) {
        let error: unknown;
        try {
          await call();
        } catch (caught) {
          error = caught;
        }
        expect(error).toMatchObject({ name: "InvalidOptionsError", option });
        if (didYouMean !== undefined) expect(error).toMatchObject({ didYouMean });
      }
      expect(rekognition).not.toHaveReceivedAnyCommand();
    });
  });

  it("reports a bad ARN as a branded error its guard recognises", async () => {
    const datasets = new DatasetClient({ client: realClient() });
    const error = await datasets.describe("bad").catch((caught: unknown) => caught);
    expect(isInvalidDatasetArnError(error)).toBe(true);
  });
});
