import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Checkpoint, UploadProgressEvent, UploadResult } from "../../src/client/upload/types.js";
import { uploadDataset } from "../../src/client/upload/upload.js";
import { DatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { isInvalidLinesError } from "../../src/errors/invalid-lines-error.js";
import { isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { OperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { RequestFailedError } from "../../src/errors/request-failed-error.js";
import { UpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isUploadAbortedError } from "../../src/errors/upload-aborted-error.js";
import { isUploadFailedError } from "../../src/errors/upload-failed-error.js";
import { labelLine } from "../support/lines.js";
import { ARN, FakeOperations } from "./fake-operations.js";

/** Two label lines (about 240 bytes each) fit under 500 bytes; three do not. */
const TWO_PER_REQUEST = 500;

function lines(count: number, from = 1) {
  return Array.from({ length: count }, (_, i) => labelLine(from + i));
}

function texts(count: number, from = 1): string[] {
  return lines(count, from).map((line) => JSON.stringify(line));
}

async function* asyncItems<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the upload to fail");
    },
    (error: unknown) => error,
  );
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "upload-test-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("uploadDataset: the happy path", () => {
  it("uploads an array of typed lines in several requests, each waited for before the next", async () => {
    const operations = new FakeOperations();
    const input = lines(5);
    const result = await uploadDataset(operations, ARN, input, { maxRequestBytes: TWO_PER_REQUEST });

    expect(operations.ops).toEqual(["describe", "send", "wait", "send", "wait", "send", "wait"]);
    expect(operations.bodies.map((body) => body.split("\n").length)).toEqual([2, 2, 1]);
    for (const body of operations.bodies) expect(Buffer.byteLength(body)).toBeLessThan(TWO_PER_REQUEST);
    expect([...operations.entries.values()]).toEqual(input.map((line) => JSON.stringify(line)));
    expect(result).toMatchObject({
      datasetArn: ARN,
      requests: expect.objectContaining({ length: 3 }),
      inputLinesDone: 5,
      lastLineDone: 5,
      appliedRequestLines: 5,
      linesSkipped: [],
      duplicatesReplaced: [],
      statisticsBefore: { totalEntries: 0 },
      statisticsAfter: { totalEntries: 5 },
    });
    expect(
      result.requests.map((request) => [request.index, request.firstLine, request.lastLine, request.lines]),
    ).toEqual([
      [0, 1, 2, 2],
      [1, 3, 4, 2],
      [2, 5, 5, 1],
    ]);
    expect(result.appliedRequestBytes).toBe(
      operations.bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0),
    );
    expect(result.requests.every((request) => request.sends === 1)).toBe(true);
    expect(result.resumedFromLine).toBeUndefined();
    expect(result.flaggedEntries).toBeUndefined();
  });

  it("waits for each update with the description seen before it was sent as baseline", async () => {
    const operations = new FakeOperations();
    await uploadDataset(operations, ARN, lines(4), {
      maxRequestBytes: TWO_PER_REQUEST,
      wait: { maxDelay: 7 },
    });
    const waits = operations.calls.filter((call) => call.op === "wait");
    expect(waits.map((call) => call.baseline?.lastUpdatedTimestamp?.getTime())).toEqual([1000, 2000]);
    expect(waits.every((call) => call.options.maxDelay === 7)).toBe(true);
  });

  it("reads strings, async iterables and streams the same way", async () => {
    for (const source of [
      texts(3),
      asyncItems(texts(3)),
      asyncItems(lines(3)),
      Readable.from([`${texts(3).join("\n")}\n`]),
    ]) {
      const operations = new FakeOperations();
      const result = await uploadDataset(operations, ARN, source, { maxRequestBytes: TWO_PER_REQUEST });
      expect(result.appliedRequestLines).toBe(3);
      expect([...operations.entries.values()]).toEqual(texts(3));
    }
  });

  it("streams a manifest file path, counting its physical lines", async () => {
    const file = join(folder, "manifest.jsonl");
    await writeFile(file, `${texts(2).join("\n")}\n\n${texts(1, 3)[0]}\r\n`);
    const operations = new FakeOperations();
    const result = await uploadDataset(operations, ARN, file, { maxRequestBytes: TWO_PER_REQUEST });
    expect(result.requests.map((request) => [request.firstLine, request.lastLine])).toEqual([
      [1, 2],
      [4, 4],
    ]);
    expect(result.lastLineDone).toBe(4);
    expect(operations.entries.size).toBe(3);
  });

  it("sends nothing for an empty input, and still reports the statistics", async () => {
    const operations = new FakeOperations();
    const result = await uploadDataset(operations, ARN, []);
    expect(operations.ops).toEqual(["describe"]);
    expect(result).toMatchObject({
      requests: expect.objectContaining({ length: 0 }),
      appliedRequestLines: 0,
      statisticsAfter: { totalEntries: 0 },
    });
  });

  it("lets a later line replace an earlier one with the same source-ref in a request, and reports both", async () => {
    const operations = new FakeOperations();
    const input = [labelLine(1, "First"), labelLine(2), labelLine(1, "Second")];
    const result = await uploadDataset(operations, ARN, input);
    expect(operations.bodies).toEqual([[input[1], input[2]].map((line) => JSON.stringify(line)).join("\n")]);
    expect(result.duplicatesReplaced).toEqual([
      { sourceRef: "s3://bucket/images/1.jpg", lineNumber: 1, replacedBy: 3 },
    ]);
    expect(result.appliedRequestLines).toBe(2);
    expect(result.inputLinesDone).toBe(3);
  });
});

describe("uploadDataset: invalid lines", () => {
  const bad = { "source-ref": "s3://bucket/images/bad.jpg" };

  it("stops an array upload before the first request, listing every invalid line with its codes", async () => {
    const operations = new FakeOperations();
    const input = [...lines(3), bad, ...lines(3, 10), "not json", labelLine(20)];
    const error = await rejection(
      uploadDataset(operations, ARN, input, { maxRequestBytes: TWO_PER_REQUEST }),
    );
    expect(isInvalidLinesError(error)).toBe(true);
    expect(operations.ops).toEqual([]);
    expect(error).toMatchObject({
      invalidLineCount: 2,
      wholeInputChecked: true,
      invalidLines: [
        { lineNumber: 4, codes: ["ERROR_NO_LABEL_ATTRIBUTES"] },
        { lineNumber: 8, codes: ["INVALID_JSON"] },
      ],
      result: { requests: expect.objectContaining({ length: 0 }), inputLinesDone: 0 },
    });
  });

  it("caps the listed lines but counts them all", async () => {
    const error = await rejection(
      uploadDataset(new FakeOperations(), ARN, [bad, bad, bad, ...lines(1)], { maxListedInvalidLines: 2 }),
    );
    expect(error).toMatchObject({ invalidLineCount: 3 });
    expect((error as { invalidLines: unknown[] }).invalidLines).toHaveLength(2);
    expect((error as Error).message).toContain("line 1 (ERROR_NO_LABEL_ATTRIBUTES)");
  });

  it("stops a file upload before the first request even when the invalid line is the last one", async () => {
    const file = join(folder, "manifest.jsonl");
    await writeFile(file, `${texts(6).join("\n")}\n{"source-ref":\n`);
    const operations = new FakeOperations();
    const error = await rejection(uploadDataset(operations, ARN, file, { maxRequestBytes: TWO_PER_REQUEST }));
    expect(error).toMatchObject({
      name: "InvalidLinesError",
      invalidLines: [{ lineNumber: 7, codes: ["INVALID_JSON"] }],
    });
    expect(operations.bodies).toEqual([]);
  });

  it("stops a one-shot source before the request that would carry the invalid line", async () => {
    const operations = new FakeOperations();
    const input = asyncItems([...lines(5), bad, ...lines(2, 7)]);
    const error = await rejection(
      uploadDataset(operations, ARN, input, { maxRequestBytes: TWO_PER_REQUEST }),
    );
    expect(error).toMatchObject({
      name: "InvalidLinesError",
      wholeInputChecked: false,
      invalidLines: [{ lineNumber: 6 }],
      result: { requests: expect.objectContaining({ length: 2 }), inputLinesDone: 4, lastLineDone: 4 },
    });
    // Lines 1-4 went out; line 5 shared the request line 6 would have joined, so it was never sent.
    expect(operations.bodies.join("\n").split("\n")).toHaveLength(4);
    expect(operations.entries.has("s3://bucket/images/5.jpg")).toBe(false);
  });

  it("skips invalid lines with onInvalidLine: skip and reports each with its codes", async () => {
    const operations = new FakeOperations();
    const input = [labelLine(1), bad, "", "{oops", labelLine(2)];
    const result = await uploadDataset(operations, ARN, input, { onInvalidLine: "skip" });
    expect(result.linesSkipped).toMatchObject([
      {
        lineNumber: 2,
        codes: ["ERROR_NO_LABEL_ATTRIBUTES"],
        problems: [{ code: "ERROR_NO_LABEL_ATTRIBUTES" }],
      },
      { lineNumber: 4, codes: ["INVALID_JSON"], problems: [{ code: "INVALID_JSON", severity: "error" }] },
    ]);
    expect(result).toMatchObject({ appliedRequestLines: 2, inputLinesDone: 4, lastLineDone: 5 });
    expect([...operations.entries.keys()]).toEqual(["s3://bucket/images/1.jpg", "s3://bucket/images/2.jpg"]);
  });

  it("refuses a line too large for any request before the first request, naming it", async () => {
    const operations = new FakeOperations();
    const error = await rejection(uploadDataset(operations, ARN, lines(3), { maxRequestBytes: 200 }));
    expect(error).toMatchObject({
      name: "LineTooLargeError",
      lineNumber: 1,
      maxRequestBytes: 200,
      result: { requests: expect.objectContaining({ length: 0 }) },
    });
    expect(operations.ops).toEqual([]);
  });
});

describe("uploadDataset: a busy or failing dataset", () => {
  it("waits for an update already in progress before sending the first request", async () => {
    const operations = new FakeOperations();
    operations.status = "UPDATE_IN_PROGRESS";
    await uploadDataset(operations, ARN, lines(1));
    expect(operations.ops).toEqual(["describe", "wait", "send", "wait"]);
    expect(operations.calls[1]).not.toHaveProperty("baseline");
  });

  it("ignores someone else's failed update while waiting for the dataset to be free", async () => {
    const operations = new FakeOperations();
    operations.status = "UPDATE_IN_PROGRESS";
    operations.waitScript.set(0, () => {
      throw new UpdateFailedError({ datasetArn: ARN, statusMessageCode: "CLIENT_ERROR" });
    });
    const result = await uploadDataset(operations, ARN, lines(1));
    expect(operations.ops).toEqual(["describe", "wait", "describe", "send", "wait"]);
    expect(result.appliedRequestLines).toBe(1);
  });

  it("waits then sends again when the dataset answers busy", async () => {
    const operations = new FakeOperations();
    operations.sendScript.set(0, () => {
      throw new DatasetBusyError({ datasetArn: ARN });
    });
    const result = await uploadDataset(operations, ARN, lines(1));
    expect(operations.ops).toEqual(["describe", "send", "wait", "send", "wait"]);
    // The description from before the refused send: a stale idle view cannot end this wait.
    expect(operations.calls[2]).toMatchObject({
      op: "wait",
      baseline: { lastUpdatedTimestamp: new Date(1000) },
    });
    expect(result.requests[0]!.sends).toBe(2);
    expect(operations.entries.size).toBe(1);
  });

  it("gives up after maxBusyResends busy answers, naming the request", async () => {
    const operations = new FakeOperations();
    for (let call = 0; call < 3; call++) {
      operations.sendScript.set(call, () => {
        throw new DatasetBusyError({ datasetArn: ARN });
      });
    }
    const error = await rejection(uploadDataset(operations, ARN, lines(1), { maxBusyResends: 2 }));
    expect(isUploadFailedError(error)).toBe(true);
    expect(error).toMatchObject({
      stage: "send",
      requestIndex: 0,
      firstLine: 1,
      lastLine: 1,
      cause: { name: "DatasetBusyError" },
    });
    expect(operations.bodies).toHaveLength(3);
  });

  it("sends a request again when its update failed with SERVICE_ERROR", async () => {
    const operations = new FakeOperations();
    operations.waitScript.set(1, () => {
      throw new UpdateFailedError({
        datasetArn: ARN,
        statusMessage: "Internal",
        statusMessageCode: "SERVICE_ERROR",
      });
    });
    const result = await uploadDataset(operations, ARN, lines(4), { maxRequestBytes: TWO_PER_REQUEST });
    expect(operations.ops).toEqual(["describe", "send", "wait", "send", "wait", "describe", "send", "wait"]);
    expect(operations.bodies[1]).toBe(operations.bodies[2]);
    expect(result.requests.map((request) => request.sends)).toEqual([1, 2]);
    expect(operations.entries.size).toBe(4);
  });

  it("stops after maxServiceErrorResends service failures of the same request", async () => {
    const operations = new FakeOperations();
    for (let call = 0; call < 2; call++) {
      operations.waitScript.set(call, () => {
        throw new UpdateFailedError({ datasetArn: ARN, statusMessageCode: "SERVICE_ERROR" });
      });
    }
    const error = await rejection(uploadDataset(operations, ARN, lines(1), { maxServiceErrorResends: 1 }));
    expect(error).toMatchObject({
      name: "UploadFailedError",
      stage: "wait",
      requestIndex: 0,
      result: { requests: expect.objectContaining({ length: 0 }) },
    });
    expect(operations.bodies).toHaveLength(2);
  });

  it("stops at once on CLIENT_ERROR, naming the request and its line range and what is applied", async () => {
    const operations = new FakeOperations();
    operations.waitScript.set(1, () => {
      throw new UpdateFailedError({
        datasetArn: ARN,
        statusMessage: "Bad lines",
        statusMessageCode: "CLIENT_ERROR",
      });
    });
    const error = await rejection(
      uploadDataset(operations, ARN, lines(6), { maxRequestBytes: TWO_PER_REQUEST }),
    );
    expect(error).toMatchObject({
      name: "UploadFailedError",
      stage: "wait",
      requestIndex: 1,
      firstLine: 3,
      lastLine: 4,
      cause: { name: "UpdateFailedError", statusMessageCode: "CLIENT_ERROR" },
      result: { requests: expect.objectContaining({ length: 1 }), inputLinesDone: 2, lastLineDone: 2 },
    });
    expect((error as Error).message).toContain("request 1 (lines 3-4)");
    expect((error as { result: { unconfirmedRequest?: unknown } }).result.unconfirmedRequest).toBeUndefined();
    expect(operations.bodies).toHaveLength(2);
  });

  it("stops with the request's failure when a send fails for good", async () => {
    const operations = new FakeOperations();
    const cause = new RequestFailedError({
      operation: "UpdateDatasetEntries",
      datasetArn: ARN,
      attempts: 3,
      awsErrorName: "AccessDeniedException",
      retryable: false,
      cause: new Error("denied"),
    });
    operations.sendScript.set(0, () => {
      throw cause;
    });
    const error = await rejection(uploadDataset(operations, ARN, lines(1)));
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "send", cause });
    expect(operations.ops).toEqual(["describe", "send"]);
  });

  it("stops when the dataset cannot be described", async () => {
    const operations = new FakeOperations();
    operations.describeScript.set(0, () => {
      throw new Error("gone");
    });
    const error = await rejection(uploadDataset(operations, ARN, lines(1)));
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "describe", requestIndex: undefined });
  });
});

describe("uploadDataset: progress", () => {
  it("reports each request when sent and when applied, with totals read in advance", async () => {
    const events: UploadProgressEvent[] = [];
    await uploadDataset(new FakeOperations(), ARN, lines(3), {
      maxRequestBytes: TWO_PER_REQUEST,
      onProgress: (event) => events.push(event),
    });
    const totals = { totalRequests: 2, totalLines: 3 };
    expect(events).toMatchObject([
      { type: "sent", requestIndex: 0, requestsDone: 1, linesDone: 2, ...totals },
      { type: "applied", requestIndex: 0, requestsDone: 1, linesDone: 2, ...totals },
      { type: "sent", requestIndex: 1, requestsDone: 2, linesDone: 3, ...totals },
      { type: "applied", requestIndex: 1, requestsDone: 2, linesDone: 3, ...totals },
    ]);
    expect(events[3]!.bytesDone).toBe(events[3]!.totalBytes);
  });

  it("gives no totals for a one-shot source", async () => {
    const events: UploadProgressEvent[] = [];
    await uploadDataset(new FakeOperations(), ARN, asyncItems(lines(1)), {
      onProgress: (event) => events.push(event),
    });
    expect(events).toHaveLength(2);
    expect(events[0]).not.toHaveProperty("totalLines");
  });
});

describe("uploadDataset: abort", () => {
  it("stops between requests, and the result says exactly which lines are applied", async () => {
    const controller = new AbortController();
    const operations = new FakeOperations();
    const error = await rejection(
      uploadDataset(operations, ARN, lines(6), {
        maxRequestBytes: TWO_PER_REQUEST,
        abortSignal: controller.signal,
        onProgress: (event) => {
          if (event.type === "applied" && event.requestIndex === 1) controller.abort(new Error("stop"));
        },
      }),
    );
    expect(isUploadAbortedError(error)).toBe(true);
    expect(error).toMatchObject({
      result: { requests: expect.objectContaining({ length: 2 }), inputLinesDone: 4, lastLineDone: 4 },
      cause: { message: "stop" },
    });
    expect(operations.bodies).toHaveLength(2);
    expect((error as Error).message).toContain("through line 4");
  });

  it("stops during a wait and names the request whose outcome is unknown", async () => {
    const controller = new AbortController();
    const operations = new FakeOperations();
    // The abort arrives while the second update is being waited for; the waiter rejects as the real one does.
    operations.waitScript.set(1, () => {
      controller.abort();
      throw new OperationAbortedError({
        operation: "waitUntilUpdated",
        datasetArn: ARN,
        cause: controller.signal.reason,
      });
    });
    const upload = uploadDataset(operations, ARN, lines(4), {
      maxRequestBytes: TWO_PER_REQUEST,
      abortSignal: controller.signal,
    });
    const error = await rejection(upload);
    expect(error).toMatchObject({
      name: "UploadAbortedError",
      result: {
        requests: expect.objectContaining({ length: 1 }),
        lastLineDone: 2,
        unconfirmedRequest: { index: 1, firstLine: 3, lastLine: 4 },
      },
    });
    expect((error as Error).message).toContain("may or may not be applied");
  });

  it("sends nothing when aborted before it starts", async () => {
    const operations = new FakeOperations();
    const error = await rejection(
      uploadDataset(operations, ARN, lines(1), { abortSignal: AbortSignal.abort() }),
    );
    expect(isUploadAbortedError(error)).toBe(true);
    expect(operations.ops).toEqual([]);
  });

  it("passes the abort signal into every operation", async () => {
    const controller = new AbortController();
    const operations = new FakeOperations();
    const spies = [
      vi.spyOn(operations, "describe"),
      vi.spyOn(operations, "sendUpdate"),
      vi.spyOn(operations, "listEntries"),
    ];
    await uploadDataset(operations, ARN, lines(1), {
      abortSignal: controller.signal,
      reportFlaggedEntries: true,
    });
    for (const spy of spies) expect(spy.mock.calls[0]!.at(-1)).toBe(controller.signal);
    const wait = operations.calls.find((call) => call.op === "wait");
    expect(wait).toMatchObject({ options: { abortSignal: controller.signal } });
  });
});

describe("uploadDataset: checkpoints and resume", () => {
  it("saves a checkpoint before each request is sent (recording it as pending) and after it is applied", async () => {
    const saved: Checkpoint[] = [];
    const operations = new FakeOperations();
    await uploadDataset(operations, ARN, [labelLine(1), "{bad", labelLine(2), labelLine(3)], {
      maxRequestBytes: TWO_PER_REQUEST,
      onInvalidLine: "skip",
      checkpoint: {
        load: async () => undefined,
        save: async (checkpoint) => {
          // Saved before the send it announces: the bodies sent so far tell which one that is.
          saved.push(checkpoint);
          expect(operations.bodies).toHaveLength(saved.length >> 1);
        },
      },
    });
    expect(
      saved.map(({ inputLinesDone, lastLineDone, pendingRequest }) => [
        inputLinesDone,
        lastLineDone,
        pendingRequest?.inputLinesDone,
        pendingRequest?.lastLineDone,
      ]),
    ).toEqual([
      [0, 0, 3, 3],
      [3, 3, undefined, undefined],
      [3, 3, 4, 4],
      [4, 4, undefined, undefined],
    ]);
    expect(saved[0]!.pendingRequest).toEqual({
      firstLine: 1,
      lastLine: 3,
      lines: 2,
      bytes: Buffer.byteLength(operations.bodies[0]!),
      inputLinesDone: 3,
      lastLineDone: 3,
      fingerprint: saved[1]!.fingerprint,
      statusBefore: "CREATE_COMPLETE",
      lastUpdatedBefore: new Date(1000).toISOString(),
    });
    expect(saved[2]!.pendingRequest).toMatchObject({ statusBefore: "UPDATE_COMPLETE" });
    expect(saved.every((checkpoint) => checkpoint.version === 2 && checkpoint.datasetArn === ARN)).toBe(true);
    expect(saved[0]!.fingerprint).toBe(createHash("sha256").digest("hex"));
  });

  it("resumes after the applied lines and sends only the rest", async () => {
    const file = join(folder, "checkpoint.json");
    const input = lines(6);
    const controller = new AbortController();
    const first = new FakeOperations();
    await rejection(
      uploadDataset(first, ARN, input, {
        maxRequestBytes: TWO_PER_REQUEST,
        checkpoint: { file },
        abortSignal: controller.signal,
        onProgress: (event) => {
          if (event.type === "applied" && event.requestIndex === 1) controller.abort();
        },
      }),
    );
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      inputLinesDone: 4,
      lastLineDone: 4,
    });

    const second = new FakeOperations();
    const result = await uploadDataset(second, ARN, input, {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: { file },
    });
    expect(second.bodies).toEqual([texts(2, 5).join("\n")]);
    expect(result).toMatchObject({
      resumedFromLine: 4,
      inputLinesDone: 6,
      lastLineDone: 6,
      appliedRequestLines: 2,
      requests: expect.objectContaining({ length: 1 }),
    });
    expect(result.requests[0]).toMatchObject({ index: 0, firstLine: 5, lastLine: 6 });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      inputLinesDone: 6,
      lastLineDone: 6,
    });
  });

  it("resumes a one-shot source too", async () => {
    const file = join(folder, "checkpoint.json");
    await uploadDataset(new FakeOperations(), ARN, lines(2), { checkpoint: { file } });
    const operations = new FakeOperations();
    const result = await uploadDataset(operations, ARN, asyncItems(lines(3)), { checkpoint: { file } });
    expect(operations.bodies).toEqual(texts(1, 3));
    expect(result.resumedFromLine).toBe(2);
  });

  it("refuses other input before anything is sent", async () => {
    const file = join(folder, "checkpoint.json");
    await uploadDataset(new FakeOperations(), ARN, lines(4), {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: { file },
    });
    for (const source of [
      [labelLine(1), labelLine(2, "Other"), ...lines(3, 3)],
      asyncItems([labelLine(9), ...lines(4, 2)]),
    ]) {
      const operations = new FakeOperations();
      const error = await rejection(uploadDataset(operations, ARN, source, { checkpoint: { file } }));
      expect(error).toMatchObject({
        name: "CheckpointMismatchError",
        reason: "fingerprint",
        inputLinesDone: 4,
      });
      expect(operations.bodies).toEqual([]);
      expect((error as { result: { resumedFromLine?: number } }).result.resumedFromLine).toBeUndefined();
    }
  });

  it("refuses an input shorter than the checkpoint", async () => {
    const file = join(folder, "checkpoint.json");
    await uploadDataset(new FakeOperations(), ARN, lines(4), { checkpoint: { file } });
    const operations = new FakeOperations();
    const error = await rejection(uploadDataset(operations, ARN, lines(3), { checkpoint: { file } }));
    expect(error).toMatchObject({ name: "CheckpointMismatchError", reason: "input-too-short" });
    expect(operations.ops).toEqual([]);
  });

  it("refuses a checkpoint saved for another dataset", async () => {
    const file = join(folder, "checkpoint.json");
    const other = ARN.replace("/train/", "/test/");
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        datasetArn: other,
        appliedLines: 1,
        appliedThroughLine: 1,
        fingerprint: "0".repeat(64),
      }),
    );
    const operations = new FakeOperations();
    const error = await rejection(uploadDataset(operations, ARN, lines(2), { checkpoint: { file } }));
    expect(error).toMatchObject({
      name: "CheckpointMismatchError",
      reason: "dataset",
      checkpointDatasetArn: other,
    });
    expect(operations.ops).toEqual([]);
  });

  it("refuses a corrupt checkpoint file rather than starting over", async () => {
    const file = join(folder, "checkpoint.json");
    await writeFile(file, "{ half a checkp");
    const error = await rejection(
      uploadDataset(new FakeOperations(), ARN, lines(1), { checkpoint: { file } }),
    );
    expect(error).toMatchObject({
      name: "CheckpointMismatchError",
      reason: "unreadable",
      datasetArn: ARN,
      checkpointFile: file,
      result: { inputLinesDone: 0 },
    });
    expect((error as Error).message).toContain(file);
  });

  it("stops when a checkpoint cannot be saved after a request is applied, with the request counted as applied", async () => {
    let saves = 0;
    const error = await rejection(
      uploadDataset(new FakeOperations(), ARN, lines(1), {
        checkpoint: {
          load: async () => undefined,
          save: async () => {
            if (saves++ === 1) throw new Error("disk full");
          },
        },
      }),
    );
    expect(error).toMatchObject({
      name: "UploadFailedError",
      stage: "checkpoint",
      result: { requests: expect.objectContaining({ length: 1 }), inputLinesDone: 1 },
    });
  });

  it("sends nothing when the checkpoint cannot be saved before a request", async () => {
    const operations = new FakeOperations();
    const error = await rejection(
      uploadDataset(operations, ARN, lines(1), {
        checkpoint: {
          load: async () => undefined,
          save: async () => {
            throw new Error("disk full");
          },
        },
      }),
    );
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "checkpoint", requestIndex: 0 });
    expect((error as { result: UploadResult }).result.unconfirmedRequest).toBeUndefined();
    expect(operations.bodies).toEqual([]);
  });
});

describe("uploadDataset: flagged entries and options", () => {
  it("reads the entries the service flagged when asked", async () => {
    const operations = new FakeOperations();
    operations.flaggedEntries = [
      JSON.stringify({
        "source-ref": "s3://bucket/images/1.jpg",
        errors: [{ code: "ERROR_INVALID_IMAGE", message: "x" }],
      }),
    ];
    const result = await uploadDataset(operations, ARN, lines(1), { reportFlaggedEntries: true });
    expect(operations.calls.at(-1)).toEqual({ op: "list", filters: { hasErrors: true } });
    expect(result.flaggedEntries).toEqual([
      {
        sourceRef: "s3://bucket/images/1.jpg",
        problems: [{ code: "ERROR_INVALID_IMAGE", message: "x", path: "", severity: "error" }],
      },
    ]);
  });

  it("refuses unusable options before reading anything", async () => {
    const operations = new FakeOperations();
    for (const options of [
      { maxRequestBytes: 5_242_881 },
      { maxRequestBytes: 1 },
      { maxBusyResends: -1 },
      { onInvalidLine: "ignore" as "skip" },
      { checkpoint: {} as { file: string } },
    ]) {
      const error = await rejection(uploadDataset(operations, ARN, lines(1), options));
      expect(isInvalidOptionsError(error)).toBe(true);
    }
    expect(operations.ops).toEqual([]);
  });

  it("ignores options given as undefined", async () => {
    const result = await uploadDataset(new FakeOperations(), ARN, lines(1), {
      maxRequestBytes: undefined as unknown as number,
    });
    expect(result.appliedRequestLines).toBe(1);
  });

  it("reports a missing manifest file as a failure to read the source", async () => {
    const error = await rejection(uploadDataset(new FakeOperations(), ARN, join(folder, "nope.jsonl")));
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "read" });
  });
});

describe("uploadDataset properties", () => {
  const entryArbitrary = fc.array(
    fc.record({
      ref: fc.integer({ min: 0, max: 6 }),
      label: fc.constantFrom("Cat", "Dog", "Bird"),
      valid: fc.boolean(),
    }),
    { maxLength: 40 },
  );

  function build(entries: { ref: number; label: string; valid: boolean }[]) {
    return entries.map(({ ref, label, valid }) =>
      valid ? labelLine(ref, label) : { "source-ref": `s3://bucket/images/${ref}.jpg` },
    );
  }

  /** What the dataset must hold: the last valid line of each source-ref. */
  function expected(entries: { ref: number; label: string; valid: boolean }[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const { ref, label, valid } of entries) {
      if (valid) out.set(`s3://bucket/images/${ref}.jpg`, JSON.stringify(labelLine(ref, label)));
    }
    return out;
  }

  it("ends with the last valid line of every source-ref, every line accounted for, every body under the ceiling", async () => {
    await fc.assert(
      fc.asyncProperty(entryArbitrary, fc.integer({ min: 260, max: 1500 }), async (entries, ceiling) => {
        const operations = new FakeOperations();
        const result = await uploadDataset(operations, ARN, build(entries), {
          onInvalidLine: "skip",
          maxRequestBytes: ceiling,
        });
        expect(new Map(operations.entries)).toEqual(expected(entries));
        expect(
          result.appliedRequestLines + result.linesSkipped.length + result.duplicatesReplaced.length,
        ).toBe(entries.length);
        for (const body of operations.bodies) expect(Buffer.byteLength(body)).toBeLessThan(ceiling);
        expect(result.inputLinesDone).toBe(result.requests.length === 0 ? 0 : entries.length);
      }),
      { numRuns: 100 },
    );
  });

  it("gives the same dataset when aborted after any request and resumed from its checkpoint", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(entryArbitrary, fc.integer({ min: 0, max: 6 }), async (entries, stopAfter) => {
        const file = join(folder, `checkpoint-${run++}.json`);
        const input = build(entries).filter((_, i) => entries[i]!.valid);
        const operations = new FakeOperations();
        const controller = new AbortController();
        const first = await uploadDataset(operations, ARN, input, {
          maxRequestBytes: TWO_PER_REQUEST,
          checkpoint: { file },
          abortSignal: controller.signal,
          onProgress: (event) => {
            if (event.type === "applied" && event.requestIndex === stopAfter) controller.abort();
          },
        }).catch((error: unknown) => (error as { result: { inputLinesDone: number } }).result);
        const resumed = await uploadDataset(operations, ARN, input, {
          maxRequestBytes: TWO_PER_REQUEST,
          checkpoint: { file },
        });
        expect(new Map(operations.entries)).toEqual(expected(entries));
        if (first.inputLinesDone > 0 && first.inputLinesDone < input.length) {
          expect(resumed.resumedFromLine).toBe(first.inputLinesDone);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("uploadDataset: busy behind a stale status", () => {
  it("does not take another writer's completion for its own after a busy answer", async () => {
    // Another writer's update runs; DescribeDataset still shows the earlier idle state (stale).
    const operations = new FakeOperations();
    operations.status = "UPDATE_COMPLETE";
    const idle = operations.description();
    operations.describeScript.set(0, () => idle);
    operations.sendScript.set(0, () => {
      throw new DatasetBusyError({ datasetArn: ARN });
    });
    // The busy wait must be against the idle view, so that the waiter looks for something newer than it.
    operations.waitScript.set(0, () => {
      const call = operations.calls.at(-1);
      expect(call).toMatchObject({ op: "wait", baseline: idle });
      return { ...idle, lastUpdatedTimestamp: new Date(5000) };
    });
    const result = await uploadDataset(operations, ARN, lines(1));
    const ownWait = operations.calls.at(-1);
    expect(ownWait).toMatchObject({ op: "wait", baseline: { lastUpdatedTimestamp: new Date(5000) } });
    expect(result.requests[0]!.sends).toBe(2);
  });
});

describe("uploadDataset refuses what cannot work, before sending", () => {
  it.each(["CREATE_FAILED", "DELETE_IN_PROGRESS"] as const)("a dataset in %s", async (status) => {
    const operations = new FakeOperations();
    operations.status = status;
    const error = await rejection(uploadDataset(operations, ARN, lines(3)));
    expect(isUploadFailedError(error)).toBe(true);
    expect((error as { cause?: { name?: string; reason?: string } }).cause).toMatchObject({
      name: "DatasetUnavailableError",
      reason: status,
    });
    expect(operations.bodies).toHaveLength(0);
  });

  it("wait options the waiter would refuse", async () => {
    const operations = new FakeOperations();
    const error = await rejection(
      uploadDataset(operations, ARN, lines(3), { wait: { minDelay: 10, maxDelay: 1 } }),
    );
    expect(isInvalidOptionsError(error)).toBe(true);
    expect((error as Error).message).toMatch(/maxDelay/);
    expect(operations.calls).toHaveLength(0);
  });
});

describe("uploadDataset: a refused request is not reported as unconfirmed", () => {
  function refusal(awsErrorName: string, cause: unknown) {
    return new RequestFailedError({
      operation: "UpdateDatasetEntries",
      datasetArn: ARN,
      attempts: 1,
      awsErrorName,
      retryable: false,
      cause,
    });
  }

  it.each([
    ["AccessDenied", refusal("AccessDeniedException", { name: "AccessDeniedException", $fault: "client" })],
    ["a validation error", refusal("ValidationException", { name: "ValidationException", $fault: "client" })],
    ["a busy answer that did arrive", new DatasetBusyError({ datasetArn: ARN })],
  ])("%s proves nothing was applied", async (_, error) => {
    const operations = new FakeOperations();
    operations.sendScript.set(1, () => {
      throw error;
    });
    const failed = await rejection(
      uploadDataset(operations, ARN, lines(4), { maxRequestBytes: TWO_PER_REQUEST, maxBusyResends: 0 }),
    );
    expect(failed).toMatchObject({ name: "UploadFailedError", stage: "send", requestIndex: 1 });
    const result = (failed as { result: UploadResult }).result;
    expect(result.unconfirmedRequest).toBeUndefined();
    expect(result.requests).toHaveLength(1);
  });

  it("a dropped connection leaves the request unconfirmed: it may have been applied", async () => {
    const operations = new FakeOperations();
    operations.sendScript.set(0, () => {
      throw refusal("ECONNRESET", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    });
    const failed = await rejection(uploadDataset(operations, ARN, lines(1)));
    expect(failed).toMatchObject({
      result: { unconfirmedRequest: { index: 0, firstLine: 1, lastLine: 1, sends: 1 } },
    });
  });

  it("a refused resend keeps unconfirmed a request whose earlier send may have been applied", async () => {
    const operations = new FakeOperations();
    operations.sendScript.set(0, () => {
      throw new DatasetBusyError({ datasetArn: ARN, mayHaveBeenApplied: true });
    });
    operations.sendScript.set(1, () => {
      throw refusal("AccessDeniedException", { name: "AccessDeniedException", $fault: "client" });
    });
    const failed = await rejection(uploadDataset(operations, ARN, lines(1)));
    expect(failed).toMatchObject({ result: { unconfirmedRequest: { index: 0, sends: 2 } } });
  });
});

describe("uploadDataset: request bodies", () => {
  it("hands every request a body of its own: one kept by the operations never changes", async () => {
    const operations = new FakeOperations();
    let firstAsSent: string | undefined;
    await uploadDataset(operations, ARN, lines(6), {
      maxRequestBytes: TWO_PER_REQUEST,
      onProgress: (event) => {
        if (event.type === "sent" && event.requestIndex === 0) {
          firstAsSent = Buffer.from(operations.sentBodies[0]!).toString("utf8");
        }
      },
    });
    expect(operations.sentBodies).toHaveLength(3);
    expect(firstAsSent).toBe(texts(2).join("\n"));
    // After request 3 was built and sent, request 1's body is still what was sent.
    expect(Buffer.from(operations.sentBodies[0]!).toString("utf8")).toBe(firstAsSent);
  });
});

/** A checkpoint store in memory that keeps every checkpoint saved. */
class MemoryCheckpoints {
  readonly saved: Checkpoint[] = [];
  load = async (): Promise<Checkpoint | undefined> => this.saved.at(-1);
  save = async (checkpoint: Checkpoint): Promise<void> => {
    this.saved.push(checkpoint);
  };
}

describe("uploadDataset: resuming after a crash with a request in flight", () => {
  /**
   * Runs an upload of `input` that "crashes" just after request 1 went out: the checkpoint then holds the
   * pre-send record of request 1, as after a kill -9.
   */
  async function crashAfterSending(operations: FakeOperations, store: MemoryCheckpoints, input: unknown[]) {
    const crashed = await rejection(
      uploadDataset(operations, ARN, input as string[], {
        maxRequestBytes: TWO_PER_REQUEST,
        checkpoint: store,
        onProgress: (event) => {
          if (event.type === "sent" && event.requestIndex === 1) throw new Error("crash");
        },
      }),
    );
    expect(crashed).toMatchObject({ name: "UploadFailedError", stage: "progress" });
    expect(store.saved.at(-1)).toMatchObject({
      inputLinesDone: 2,
      pendingRequest: { firstLine: 3, lastLine: 4, inputLinesDone: 4 },
    });
    return operations.bodies.length;
  }

  it("counts a request the service completed meanwhile as applied, and does not send it again", async () => {
    const operations = new FakeOperations();
    const store = new MemoryCheckpoints();
    const sentBefore = await crashAfterSending(operations, store, lines(6));
    operations.completePendingUpdate();

    const result = await uploadDataset(operations, ARN, lines(6), {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: store,
    });
    expect(operations.bodies.slice(sentBefore)).toEqual([texts(2, 5).join("\n")]);
    expect(result).toMatchObject({
      resumedPendingRequest: "confirmed-applied",
      resumedFromLine: 4,
      inputLinesDone: 6,
      appliedRequestLines: 2,
    });
    expect([...operations.entries.values()]).toEqual(texts(6));
  });

  it("waits for a request still being applied, then counts it", async () => {
    const operations = new FakeOperations();
    const store = new MemoryCheckpoints();
    const sentBefore = await crashAfterSending(operations, store, lines(6));
    expect(operations.status).toBe("UPDATE_IN_PROGRESS");
    const opsBefore = operations.ops.length;

    const result = await uploadDataset(operations, ARN, asyncItems(lines(6)), {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: store,
    });
    // The update in progress is waited for (not collided with), then only request 2 goes out.
    expect(operations.ops.slice(opsBefore)).toEqual(["describe", "wait", "send", "wait"]);
    expect(operations.bodies.slice(sentBefore)).toEqual([texts(2, 5).join("\n")]);
    expect(result.resumedPendingRequest).toBe("confirmed-applied");
    expect([...operations.entries.values()]).toEqual(texts(6));
  });

  it("sends a request again whose update failed", async () => {
    const operations = new FakeOperations();
    const store = new MemoryCheckpoints();
    const sentBefore = await crashAfterSending(operations, store, lines(6));
    operations.failPendingUpdate();

    const result = await uploadDataset(operations, ARN, lines(6), {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: store,
    });
    expect(operations.bodies.slice(sentBefore)).toEqual([texts(2, 3).join("\n"), texts(2, 5).join("\n")]);
    expect(result).toMatchObject({ resumedPendingRequest: "resent", resumedFromLine: 2, inputLinesDone: 6 });
    expect([...operations.entries.values()]).toEqual(texts(6));
  });

  it("sends a request again when the dataset shows no update after it (it never arrived)", async () => {
    const operations = new FakeOperations();
    const store = new MemoryCheckpoints();
    // The process dies right after saving the pre-send checkpoint of request 1: nothing of it went out.
    const dying = {
      load: store.load,
      save: async (checkpoint: Checkpoint) => {
        await store.save(checkpoint);
        if (checkpoint.pendingRequest?.firstLine === 3) throw new Error("crash");
      },
    };
    await rejection(
      uploadDataset(operations, ARN, lines(6), { maxRequestBytes: TWO_PER_REQUEST, checkpoint: dying }),
    );
    expect(operations.bodies).toHaveLength(1);

    const result = await uploadDataset(operations, ARN, lines(6), {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: store,
    });
    expect(operations.bodies.slice(1)).toEqual([texts(2, 3).join("\n"), texts(2, 5).join("\n")]);
    expect(result.resumedPendingRequest).toBe("resent");
  });

  it("sends the pending request's lines as they are now when the input changed there", async () => {
    const operations = new FakeOperations();
    const store = new MemoryCheckpoints();
    const sentBefore = await crashAfterSending(operations, store, lines(6));
    operations.completePendingUpdate();
    const edited = [...lines(3), labelLine(4, "Edited"), ...lines(2, 5)];

    const result = await uploadDataset(operations, ARN, edited, {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: store,
    });
    expect(result).toMatchObject({ resumedPendingRequest: "input-changed", resumedFromLine: 2 });
    expect(operations.bodies.slice(sentBefore)[0]).toContain('"class-name":"Edited"');
    expect(operations.entries.get("s3://bucket/images/4.jpg")).toContain('"class-name":"Edited"');
  });

  it("names the physical line resumed after when blank lines were inserted before it", async () => {
    const file = join(folder, "manifest.jsonl");
    const checkpoint = join(folder, "checkpoint.json");
    await writeFile(file, `${texts(6).join("\n")}\n`);
    const controller = new AbortController();
    const operations = new FakeOperations();
    await rejection(
      uploadDataset(operations, ARN, file, {
        maxRequestBytes: TWO_PER_REQUEST,
        checkpoint: { file: checkpoint },
        abortSignal: controller.signal,
        onProgress: (event) => {
          if (event.type === "applied" && event.requestIndex === 0) controller.abort();
        },
      }),
    );
    const [one, two, ...rest] = texts(6);
    await writeFile(file, `${one}\n\n\n${two}\n${rest.join("\n")}\n`);
    const result = await uploadDataset(operations, ARN, file, {
      maxRequestBytes: TWO_PER_REQUEST,
      checkpoint: { file: checkpoint },
    });
    expect(result.resumedFromLine).toBe(4);
    expect(result.requests[0]).toMatchObject({ firstLine: 5, lastLine: 6 });
    expect(result.lastLineDone).toBe(8);
  });
});
