/**
 * A connection that black-holes (accepted, never answered) must fail the attempt as a retryable timeout that
 * may have reached the service, with our own client and with a user's. Real SDK over HTTP against a
 * loopback server that never answers; per-attempt limits of 100 ms keep the real time short.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeDatasetCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AttemptTimeoutError, withAttemptTimeout } from "../../src/client/attempt-timeout.js";
import { isRetryableError, mayHaveReachedService } from "../../src/client/aws-errors.js";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { certainlyNotApplied } from "../../src/client/not-applied.js";
import { buildOwnClient, DEFAULT_REQUEST_TIMEOUT_MS } from "../../src/client/own-client.js";
import { isRequestFailedError } from "../../src/errors/request-failed-error.js";
import { labelLine } from "../support/lines.js";
import { DATASET_ARN } from "../support/rekognition.js";

let server: Server;
let endpoint: string;
let hits = 0;
/** Whether DescribeDataset is answered (everything else never is). */
let answerDescribe = false;
const open = new Set<import("node:http").ServerResponse>();

beforeAll(async () => {
  server = createServer((request, response) => {
    hits += 1;
    request.resume();
    if (request.headers["x-amz-target"] === "RekognitionService.DescribeDataset" && answerDescribe) {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      response.end(
        JSON.stringify({ DatasetDescription: { Status: "UPDATE_COMPLETE", LastUpdatedTimestamp: 1 } }),
      );
      return;
    }
    open.add(response); // never answered
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The SDK loads parts of itself on its first request: warm it up, so that 100 ms limits time the wire only.
  answerDescribe = true;
  await new RekognitionClient(config()).send(new DescribeDatasetCommand({ DatasetArn: DATASET_ARN }));
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

beforeEach(() => {
  hits = 0;
  answerDescribe = false;
});

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" };
const config = () => ({ endpoint, region: "us-east-1", credentials });
const twoQuickAttempts = { attempts: 2, minDelayMs: 0, maxDelayMs: 0 };

describe("a request that never answers", () => {
  it("fails each attempt of our own client as a timeout, retried, then a RequestFailedError", async () => {
    const datasets = new DatasetClient({
      clientConfig: config(),
      retry: twoQuickAttempts,
      requestTimeoutMs: 100,
    });
    const error = await datasets.describe(DATASET_ARN).catch((caught: unknown) => caught);
    expect(isRequestFailedError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 2, retryable: true, awsErrorName: "TimeoutError" });
    expect(hits).toBe(2);
  });

  it("fails each attempt of a user's client through a per-attempt abort, leaving the client as it was", async () => {
    const client = new RekognitionClient({ ...config(), maxAttempts: 1 });
    const handlerBefore = client.config.requestHandler;
    const datasets = new DatasetClient({ client, retry: twoQuickAttempts, requestTimeoutMs: 100 });
    const error = await datasets.describe(DATASET_ARN).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "RequestFailedError", attempts: 2, awsErrorName: "TimeoutError" });
    expect(hits).toBe(2);
    expect(client.config.requestHandler).toBe(handlerBefore);
  });

  it("counts a timed-out update as one that may have reached the service", async () => {
    answerDescribe = true;
    const client = new RekognitionClient({ ...config(), maxAttempts: 1 });
    const datasets = new DatasetClient({ client, retry: { attempts: 1 }, requestTimeoutMs: 100 });
    const failure = await datasets
      .updateEntries(DATASET_ARN, [labelLine(1)])
      .catch((caught: unknown) => caught);
    expect(failure).toMatchObject({ name: "RequestFailedError", operation: "UpdateDatasetEntries" });
    const cause = (failure as Error).cause;
    expect(cause).toBeInstanceOf(AttemptTimeoutError);
    expect(isRetryableError(cause)).toBe(true);
    expect(mayHaveReachedService(cause)).toBe(true);
    expect(certainlyNotApplied(failure)).toBe(false);
  });

  it("our own client's SDK handler throws on its request timeout (it only warns unless told to throw)", async () => {
    const client = buildOwnClient(config(), 100);
    const error = await client
      .send(new DescribeDatasetCommand({ DatasetArn: DATASET_ARN }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect((error as Error).message).toMatch(/requestTimeout/);
    expect(await client.config.maxAttempts()).toBe(1);
  });

  it("leaves a requestHandler given in clientConfig as it is", () => {
    const handler = { handle: () => new Promise<never>(() => {}) };
    const client = buildOwnClient({ ...config(), requestHandler: handler as never }, 100);
    expect(client.config.requestHandler).toBe(handler);
  });

  it("refuses a requestTimeoutMs that is not a positive number of milliseconds", () => {
    for (const requestTimeoutMs of [0, -1, Number.NaN, "30s"]) {
      expect(
        () => new DatasetClient({ clientConfig: config(), requestTimeoutMs: requestTimeoutMs as never }),
      ).toThrow(expect.objectContaining({ name: "InvalidOptionsError", option: "requestTimeoutMs" }));
    }
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000);
  });
});

describe("withAttemptTimeout", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rejects an attempt that ignores its signal at the time limit, and leaves no timer", async () => {
    const outcome = withAttemptTimeout(
      "DescribeDataset",
      () => new Promise<never>(() => {}),
      undefined,
      500,
    ).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(499);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(AttemptTimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts the attempt's signal at the time limit", async () => {
    let seen: AbortSignal | undefined;
    const outcome = withAttemptTimeout(
      "DescribeDataset",
      (signal) => {
        seen = signal;
        return new Promise<never>(() => {});
      },
      undefined,
      500,
    ).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(500);
    await outcome;
    expect(seen?.aborted).toBe(true);
  });

  it("rejects with the caller's reason at once when the caller aborts, and clears the timer", async () => {
    const controller = new AbortController();
    const outcome = withAttemptTimeout(
      "DescribeDataset",
      () => new Promise<never>(() => {}),
      controller.signal,
      60_000,
    ).catch((caught: unknown) => caught);
    controller.abort(new Error("user stop"));
    expect(await outcome).toEqual(new Error("user stop"));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("returns the attempt's value and clears the timer", async () => {
    await expect(withAttemptTimeout("DescribeDataset", async () => 42, undefined, 1000)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });
});
