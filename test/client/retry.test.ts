import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  DEFAULT_RETRY_OPTIONS,
  type ResolvedRetryOptions,
  resolveRetryOptions,
  withRetries,
} from "../../src/client/retry.js";
import { isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { isDatasetUnavailableError } from "../../src/errors/dataset-unavailable-error.js";
import { isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { isRequestFailedError, type RequestFailedError } from "../../src/errors/request-failed-error.js";
import { settle } from "../support/async.js";
import { DATASET_ARN } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const retry: ResolvedRetryOptions = {
  attempts: 4,
  minDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryTimeMs: 60_000,
};
const context = { operation: "DescribeDataset", datasetArn: DATASET_ARN, retry };

/** What `run` threw (the test fails if it threw nothing). */
function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("withRetries", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rides out throttling and returns the result", async () => {
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(sdkErrors.throttling())
      .mockRejectedValueOnce(sdkErrors.internal())
      .mockResolvedValueOnce("ok");
    const { value } = await settle(withRetries(call, context));
    expect(value).toBe("ok");
    expect(call).toHaveBeenCalledTimes(3);
  });

  it("stops after exactly `attempts` attempts with RequestFailedError", async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.throttling());
    const { error } = await settle(withRetries(call, context));
    expect(call).toHaveBeenCalledTimes(4);
    expect(isRequestFailedError(error)).toBe(true);
    const failure = error as RequestFailedError;
    expect(failure).toMatchObject({
      attempts: 4,
      awsErrorName: "ThrottlingException",
      retryable: true,
      operation: "DescribeDataset",
    });
    expect(failure.cause).toBeInstanceOf(Error);
  });

  it("does not retry a non-retryable error", async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.invalidParameter());
    const { error } = await settle(withRetries(call, context));
    expect(call).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ name: "RequestFailedError", attempts: 1, retryable: false });
  });

  it("turns ResourceInUse into DatasetBusyError and ResourceNotFound into DatasetUnavailableError, at once", async () => {
    const busy = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.inUse());
    const gone = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.notFound());
    const busyOutcome = await settle(withRetries(busy, context));
    const goneOutcome = await settle(withRetries(gone, context));
    expect(isDatasetBusyError(busyOutcome.error)).toBe(true);
    expect(isDatasetUnavailableError(goneOutcome.error)).toBe(true);
    expect(goneOutcome.error).toMatchObject({ reason: "NOT_FOUND" });
    expect(busy).toHaveBeenCalledTimes(1);
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it("counts the SDK's own attempts ($metadata.attempts) toward the budget", async () => {
    // 3 SDK attempts, then 1 more of ours: 4 in all, the budget.
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(sdkErrors.throttling(3))
      .mockRejectedValue(sdkErrors.throttling(1));
    const { error } = await settle(withRetries(call, context));
    expect(call).toHaveBeenCalledTimes(2);
    expect(error).toMatchObject({ attempts: 4 });
  });

  it("starts no retry after maxRetryTimeMs", async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.internal());
    const slow = { ...context, retry: { ...retry, attempts: 100, maxRetryTimeMs: 2500 } };
    const started = Date.now();
    const { error } = await settle(withRetries(call, slow));
    expect(isRequestFailedError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThanOrEqual(2500);
    expect(call.mock.calls.length).toBeLessThan(100);
  });

  it("waits a jittered delay between minDelayMs and the exponential cap", async () => {
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(sdkErrors.throttling())
      .mockRejectedValueOnce(sdkErrors.throttling())
      .mockResolvedValueOnce("ok");
    const pending = withRetries(call, { ...context, random: () => 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(call).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(call).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(call).toHaveBeenCalledTimes(2);
    // second retry: cap min(1000, 100 * 2) = 200 with random() = 1
    await vi.advanceTimersByTimeAsync(199);
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toBe("ok");
  });

  it("aborts at once during a backoff, leaving no timer and making no further attempt", async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(sdkErrors.throttling());
    const controller = new AbortController();
    const pending = withRetries(call, { ...context, signal: controller.signal });
    const outcome = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error("user stop"));
    const error = await outcome;
    expect(isOperationAbortedError(error)).toBe(true);
    expect((error as Error).cause).toEqual(new Error("user stop"));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it("aborts at once while a request is in flight", async () => {
    const controller = new AbortController();
    const call = vi.fn<() => Promise<string>>(() => new Promise(() => {}));
    const outcome = withRetries(call, { ...context, signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(isOperationAbortedError(await outcome)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("tells onFailedAttempt of every failed attempt, retried or not", async () => {
    const failures: unknown[] = [];
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(sdkErrors.throttling())
      .mockRejectedValueOnce(sdkErrors.throttling())
      .mockResolvedValueOnce("ok");
    const { value } = await settle(
      withRetries(call, { ...context, onFailedAttempt: (error) => failures.push(error) }),
    );
    expect(value).toBe("ok");
    expect(failures.map((error) => (error as Error).name)).toEqual([
      "ThrottlingException",
      "ThrottlingException",
    ]);
  });

  it("makes no attempt when already aborted", async () => {
    const call = vi.fn<() => Promise<string>>().mockResolvedValue("ok");
    const { error } = await settle(withRetries(call, { ...context, signal: AbortSignal.abort() }));
    expect(isOperationAbortedError(error)).toBe(true);
    expect(call).not.toHaveBeenCalled();
  });
});

describe("retry options", () => {
  it("applies the defaults, ignoring explicit undefined", () => {
    expect(resolveRetryOptions(undefined)).toEqual(DEFAULT_RETRY_OPTIONS);
    expect(resolveRetryOptions({ attempts: 2, minDelayMs: undefined } as never)).toEqual({
      ...DEFAULT_RETRY_OPTIONS,
      attempts: 2,
    });
  });

  it.each([
    [{ attempts: 0 }, "retry.attempts", "got 0."],
    [{ attempts: 1.5 }, "retry.attempts", "got 1.5."],
    [{ minDelayMs: -1 }, "retry.minDelayMs", "got -1."],
    [{ minDelayMs: 500, maxDelayMs: 100 }, "retry.maxDelayMs", "got 100."],
    [{ maxRetryTimeMs: Number.NaN }, "retry.maxRetryTimeMs", "got NaN."],
    [{ attempts: null }, "retry.attempts", "got null."],
  ])("refuses %o with an InvalidOptionsError naming the option and the value", (options, option, got) => {
    const error = catchError(() => resolveRetryOptions(options as never));
    expect(isInvalidOptionsError(error)).toBe(true);
    expect(error).toMatchObject({ option });
    expect((error as Error).message).toContain(got);
  });

  it.each([null, "fast", 5, []])("refuses %o as the retry options with the path `retry`", (value) => {
    const error = catchError(() => resolveRetryOptions(value as never));
    expect(error).toMatchObject({ name: "InvalidOptionsError", option: "retry" });
  });

  it.each([
    ["minDelay", "retry.minDelayMs"],
    ["maxDelay", "retry.maxDelayMs"],
    ["maxRetryTime", "retry.maxRetryTimeMs"],
    ["attempt", "retry.attempts"],
  ])("refuses the unknown key %s with the nearest known name", (key, nearest) => {
    const error = catchError(() => resolveRetryOptions({ [key]: 5 } as never));
    expect(error).toMatchObject({ name: "InvalidOptionsError", option: `retry.${key}`, didYouMean: nearest });
  });

  it("keeps every backoff delay between minDelayMs and maxDelayMs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (index, minDelayMs, extra, random) => {
          const options = { minDelayMs, maxDelayMs: minDelayMs + extra };
          const delay = backoffDelay(index, options, () => random);
          return (
            delay >= minDelayMs &&
            delay <= options.maxDelayMs &&
            delay <= Math.max(minDelayMs, minDelayMs * 2 ** index)
          );
        },
      ),
    );
  });
});
