import { DescribeDatasetCommand, UpdateDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatasetOperations } from "../../src/client/dataset-operations.js";
import { createPacer } from "../../src/client/pacing.js";
import { ProcessingRates } from "../../src/client/processing-rate.js";
import { resolveRetryOptions } from "../../src/client/retry.js";
import { DATASET_ARN, describeOutput, realClient } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const OTHER_ARN = DATASET_ARN.replace("/train/", "/test/");

describe("ProcessingRates", () => {
  it("expects nothing before an update was measured", () => {
    expect(new ProcessingRates().expectedSeconds(DATASET_ARN, 1000)).toBeUndefined();
  });

  it("scales the learned rate with the update's size", () => {
    const rates = new ProcessingRates();
    rates.record(DATASET_ARN, 1_000_000, 4);
    expect(rates.expectedSeconds(DATASET_ARN, 500_000)).toBeCloseTo(2);
  });

  it("falls back on the client's other datasets, and prefers the dataset's own rate", () => {
    const rates = new ProcessingRates();
    rates.record(OTHER_ARN, 1_000_000, 10);
    expect(rates.expectedSeconds(DATASET_ARN, 1_000_000)).toBeCloseTo(10);
    rates.record(DATASET_ARN, 1_000_000, 2);
    expect(rates.expectedSeconds(DATASET_ARN, 1_000_000)).toBeCloseTo(2);
  });

  it("averages recent updates, the newest weighing half", () => {
    const rates = new ProcessingRates();
    rates.record(DATASET_ARN, 1000, 4);
    rates.record(DATASET_ARN, 1000, 2);
    expect(rates.expectedSeconds(DATASET_ARN, 1000)).toBeCloseTo(3);
  });

  it("starts from a seed rate before any update was measured, then blends the samples in", () => {
    const rates = new ProcessingRates(500_000);
    expect(rates.expectedSeconds(DATASET_ARN, 1_000_000)).toBeCloseTo(2);
    rates.record(DATASET_ARN, 1_000_000, 4);
    expect(rates.expectedSeconds(DATASET_ARN, 1_000_000)).toBeCloseTo(4);
    expect(rates.expectedSeconds(OTHER_ARN, 1_000_000)).toBeCloseTo(3);
  });

  it("ignores a sample it cannot use", () => {
    const rates = new ProcessingRates();
    rates.record(DATASET_ARN, 0, 4);
    rates.record(DATASET_ARN, 1000, Number.NaN);
    expect(rates.expectedSeconds(DATASET_ARN, 1000)).toBeUndefined();
  });
});

describe("the waits of a DatasetClient's operations", () => {
  const rekognition = mockClient(realClient());
  beforeEach(() => {
    rekognition.reset();
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const PROCESSING_MS = 12_000;
  const body = new Uint8Array(1_000_000);

  /** A service that finishes each update PROCESSING_MS after accepting it, its timestamps moving forward. */
  function simulateService() {
    let acceptedAt = 0;
    let updates = 0;
    rekognition.on(UpdateDatasetEntriesCommand).callsFake(async () => {
      acceptedAt = performance.now();
      updates += 1;
      return {};
    });
    rekognition.on(DescribeDatasetCommand).callsFake(async () => {
      const done = performance.now() - acceptedAt >= PROCESSING_MS;
      return describeOutput(
        done ? "UPDATE_COMPLETE" : "UPDATE_IN_PROGRESS",
        new Date(Date.UTC(2026, 10, 22, 0, 0, updates * 100 + (done ? 50 : 0))),
      );
    });
    return { acceptedAt: () => acceptedAt };
  }

  /** Sends one update through `operations` and waits for it: the polls it took and how late it noticed. */
  async function sendAndWait(
    operations: ReturnType<typeof createDatasetOperations>,
    service: ReturnType<typeof simulateService>,
  ) {
    const baseline = await operations.describe(DATASET_ARN);
    await operations.sendUpdate(DATASET_ARN, body);
    const before = rekognition.commandCalls(DescribeDatasetCommand).length;
    const wait = operations.waitUntilUpdated(DATASET_ARN, { baseline });
    await vi.runAllTimersAsync();
    await wait;
    return {
      polls: rekognition.commandCalls(DescribeDatasetCommand).length - before,
      latencyMs: performance.now() - service.acceptedAt() - PROCESSING_MS,
    };
  }

  function operationsWith(processingBytesPerSecond?: number) {
    return createDatasetOperations({
      client: rekognition as never,
      retry: resolveRetryOptions(undefined),
      pace: createPacer(),
      random: () => 0,
      processingBytesPerSecond,
    });
  }

  it("polls fewer times for the second update of the same size, and notices it as soon", async () => {
    const service = simulateService();
    const operations = operationsWith();
    const first = await sendAndWait(operations, service);
    const second = await sendAndWait(operations, service);
    expect(first.latencyMs).toBeLessThanOrEqual(1000);
    expect(second.latencyMs).toBeLessThanOrEqual(0.1 * PROCESSING_MS);
    expect(second.polls).toBeLessThanOrEqual(first.polls * 0.6);
  });

  it("with a seeded rate, polls the first update as sparingly as a learned rate would", async () => {
    const service = simulateService();
    const unseeded = await sendAndWait(operationsWith(), service);
    // 1 MB in 12 s: the rate the probe would have measured.
    const seeded = await sendAndWait(operationsWith(1_000_000 / 12), service);
    expect(seeded.latencyMs).toBeLessThanOrEqual(0.1 * PROCESSING_MS);
    expect(seeded.polls).toBeLessThanOrEqual(unseeded.polls * 0.6);
  });

  it("spaces the polls out after a DescribeDataset the service throttled, though its retry succeeded", async () => {
    const polls: number[] = [];
    const start = performance.now();
    let throttled = 0;
    rekognition.on(DescribeDatasetCommand).callsFake(async () => {
      if (throttled < 2) {
        throttled += 1;
        throw sdkErrors.throttling();
      }
      polls.push(performance.now() - start);
      return describeOutput("UPDATE_IN_PROGRESS");
    });
    const operations = createDatasetOperations({
      client: rekognition as never,
      retry: { ...resolveRetryOptions(undefined), minDelayMs: 100, maxDelayMs: 100 },
      pace: createPacer(),
      random: () => 0,
    });
    const wait = operations
      .waitUntilUpdated(DATASET_ARN, { maxWaitTime: 12 })
      .catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await wait).toMatchObject({ name: "WaitTimeoutError" });
    // First poll at once, after two throttled attempts (100 ms apart): the next gap is 4 x 1.25 s, not 1.25 s.
    expect(polls[0]).toBe(200);
    expect(polls[1]).toBe(200 + 5000);
    expect((polls[2] ?? 0) - (polls[1] ?? 0)).toBe(2500);
  });
});
