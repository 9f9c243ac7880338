import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { waiterDelay } from "../../src/client/poll-schedule.js";
import type { DatasetDescription } from "../../src/client/types.js";
import { judgeDescription, waitUntilUpdated } from "../../src/client/waiter.js";
import { isDatasetUnavailableError } from "../../src/errors/dataset-unavailable-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { isUpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isWaitTimeoutError } from "../../src/errors/wait-timeout-error.js";
import { DATASET_ARN, description, sdkErrors } from "./fixtures.js";

const BEFORE = new Date("2026-11-22T00:00:00Z");
const AFTER = new Date("2026-11-22T00:00:07Z");

/** A DescribeDataset stand-in that answers from a script; the last answer repeats. */
function scripted(...answers: (DatasetDescription | Error)[]) {
  return vi.fn(async (_signal?: AbortSignal) => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

/** Runs a wait to its end under fake timers. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

const timing = { minDelay: 5, maxDelay: 30 };

describe("waitUntilUpdated", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:01Z") });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls at once and resolves with the description on UPDATE_COMPLETE", async () => {
    const describeDataset = scripted(description("UPDATE_COMPLETE", AFTER));
    const { value } = await settle(waitUntilUpdated(describeDataset, DATASET_ARN, timing));
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(describeDataset).toHaveBeenCalledTimes(1);
  });

  it("backs off from minDelay, doubling up to maxDelay", async () => {
    const describeDataset = scripted(description("UPDATE_IN_PROGRESS"));
    const polls: number[] = [];
    const start = Date.now();
    describeDataset.mockImplementation(async () => {
      polls.push((Date.now() - start) / 1000);
      return description("UPDATE_IN_PROGRESS");
    });
    vi.spyOn(Math, "random").mockReturnValue(1);
    const outcome = waitUntilUpdated(describeDataset, DATASET_ARN, { ...timing, maxWaitTime: 100 }).catch(
      (error: unknown) => error,
    );
    await vi.runAllTimersAsync();
    expect(isWaitTimeoutError(await outcome)).toBe(true);
    // delays 5, 10, 20, 30, 30 (capped), then the rest of the 100 s
    expect(polls).toEqual([0, 5, 15, 35, 65, 95, 100]);
  });

  it("ignores a stale completion that predates the update (same LastUpdatedTimestamp)", async () => {
    const describeDataset = scripted(
      description("UPDATE_COMPLETE", BEFORE),
      description("UPDATE_COMPLETE", BEFORE),
      description("UPDATE_COMPLETE", AFTER),
    );
    const { value } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, {
        ...timing,
        baseline: { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: BEFORE },
      }),
    );
    expect(value?.lastUpdatedTimestamp).toEqual(AFTER);
    expect(describeDataset).toHaveBeenCalledTimes(3);
  });

  it("accepts a completion once UPDATE_IN_PROGRESS was seen, even with the old timestamp", async () => {
    const describeDataset = scripted(
      description("UPDATE_COMPLETE", BEFORE),
      description("UPDATE_IN_PROGRESS", BEFORE),
      description("UPDATE_COMPLETE", BEFORE),
    );
    const { value } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, {
        ...timing,
        baseline: { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: BEFORE },
      }),
    );
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(describeDataset).toHaveBeenCalledTimes(3);
  });

  it("accepts a stale-looking completion when the grace period ends, polling right then", async () => {
    const describeDataset = scripted(description("UPDATE_COMPLETE", BEFORE));
    const start = Date.now();
    const { value } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, {
        minDelay: 5,
        maxDelay: 60,
        staleStatusGracePeriod: 12,
        baseline: { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: BEFORE },
      }),
    );
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(Date.now() - start).toBe(12_000);
    expect(describeDataset).toHaveBeenCalledTimes(4); // at 0, 5, 10 and 12 s
  });

  it("does not fail on the previous operation's UPDATE_FAILED", async () => {
    const describeDataset = scripted(
      description("UPDATE_FAILED", BEFORE, { statusMessageCode: "CLIENT_ERROR" }),
      description("UPDATE_COMPLETE", AFTER),
    );
    const { value, error } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, {
        ...timing,
        baseline: { status: "UPDATE_FAILED", lastUpdatedTimestamp: BEFORE },
      }),
    );
    expect(error).toBeUndefined();
    expect(value?.status).toBe("UPDATE_COMPLETE");
  });

  it("rejects UPDATE_FAILED from the service with SERVICE_ERROR (try again later)", async () => {
    const describeDataset = scripted(
      description("UPDATE_FAILED", AFTER, {
        statusMessage: "Internal failure",
        statusMessageCode: "SERVICE_ERROR",
      }),
    );
    const { error } = await settle(waitUntilUpdated(describeDataset, DATASET_ARN, timing));
    expect(isUpdateFailedError(error)).toBe(true);
    expect(error).toMatchObject({ statusMessage: "Internal failure", statusMessageCode: "SERVICE_ERROR" });
    expect((error as Error).message).toMatch(/send the same update again later/);
  });

  it("rejects UPDATE_FAILED from the input with CLIENT_ERROR (fix the input)", async () => {
    const describeDataset = scripted(
      description("UPDATE_IN_PROGRESS"),
      description("UPDATE_FAILED", BEFORE, {
        statusMessage: "Bad manifest",
        statusMessageCode: "CLIENT_ERROR",
      }),
    );
    const { error } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, {
        ...timing,
        baseline: { lastUpdatedTimestamp: BEFORE },
      }),
    );
    expect(error).toMatchObject({ name: "UpdateFailedError", statusMessageCode: "CLIENT_ERROR" });
    expect((error as Error).message).toMatch(/fix the lines/);
  });

  it.each([
    ["CREATE_FAILED", description("CREATE_FAILED")],
    ["DELETE_IN_PROGRESS", description("DELETE_IN_PROGRESS")],
    ["NOT_FOUND", sdkErrors.notFound()],
  ] as const)("fails at once when the dataset is unavailable (%s)", async (reason, answer) => {
    const describeDataset = scripted(answer);
    const { error } = await settle(waitUntilUpdated(describeDataset, DATASET_ARN, timing));
    expect(isDatasetUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({ reason });
    expect(describeDataset).toHaveBeenCalledTimes(1);
  });

  it("times out with WaitTimeoutError carrying the last status", async () => {
    const describeDataset = scripted(description("UPDATE_IN_PROGRESS"));
    const start = Date.now();
    const { error } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, { ...timing, maxWaitTime: 60 }),
    );
    expect(isWaitTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ maxWaitTime: 60, lastDescription: { status: "UPDATE_IN_PROGRESS" } });
    expect(Date.now() - start).toBe(60_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops at once on abort mid-wait: no further request and no timer left", async () => {
    const describeDataset = scripted(description("UPDATE_IN_PROGRESS"));
    const controller = new AbortController();
    const outcome = waitUntilUpdated(describeDataset, DATASET_ARN, {
      ...timing,
      abortSignal: controller.signal,
    }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(describeDataset).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error("shutting down"));
    const error = await outcome;
    expect(isOperationAbortedError(error)).toBe(true);
    expect((error as Error).cause).toEqual(new Error("shutting down"));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(describeDataset).toHaveBeenCalledTimes(2);
  });

  it("stops at once when aborted during a poll", async () => {
    const controller = new AbortController();
    const describeDataset = vi.fn(() => new Promise<DatasetDescription>(() => {}));
    const outcome = waitUntilUpdated(describeDataset, DATASET_ARN, {
      ...timing,
      abortSignal: controller.signal,
    }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(isOperationAbortedError(await outcome)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const describeDataset = scripted(description("UPDATE_COMPLETE"));
    const { error } = await settle(
      waitUntilUpdated(describeDataset, DATASET_ARN, { ...timing, abortSignal: AbortSignal.abort() }),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(describeDataset).not.toHaveBeenCalled();
  });

  it("waits for a busy dataset without a baseline, accepting CREATE_COMPLETE", async () => {
    const describeDataset = scripted(description("CREATE_IN_PROGRESS"), description("CREATE_COMPLETE"));
    const { value } = await settle(waitUntilUpdated(describeDataset, DATASET_ARN, timing));
    expect(value?.status).toBe("CREATE_COMPLETE");
  });

  it("passes on a describe failure that is not about the dataset", async () => {
    const failure = new Error("RequestFailedError stand-in");
    const describeDataset = scripted(failure);
    const { error } = await settle(waitUntilUpdated(describeDataset, DATASET_ARN, timing));
    expect(error).toBe(failure);
  });

  it.each([
    [{ minDelay: 0 }, /minDelay/],
    [{ maxWaitTime: -1 }, /maxWaitTime/],
    [{ minDelay: 10, maxDelay: 5 }, /maxDelay/],
    [{ staleStatusGracePeriod: -1 }, /staleStatusGracePeriod/],
    [{ maxWaitTime: Number.NaN }, /`maxWaitTime` must be .* got NaN/],
    [{ signal: AbortSignal.abort() }, /Did you mean `abortSignal`/],
    [{ abortSignal: {} }, /abortSignal/],
  ])(
    "refuses %o with an InvalidOptionsError naming the option, before any request",
    async (options, message) => {
      const describeDataset = scripted(description("UPDATE_COMPLETE"));
      const error = await waitUntilUpdated(describeDataset, DATASET_ARN, options as never).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: "InvalidOptionsError" });
      expect((error as Error).message).toMatch(message);
      expect(describeDataset).not.toHaveBeenCalled();
    },
  );

  it("refuses null options with the path `options`", async () => {
    const error = await waitUntilUpdated(
      scripted(description("UPDATE_COMPLETE")),
      DATASET_ARN,
      null as never,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidOptionsError", option: "options" });
  });

  it("takes a maxDelay under the default minDelay as the cap for both", async () => {
    const describeDataset = scripted(description("UPDATE_IN_PROGRESS"), description("UPDATE_COMPLETE"));
    const start = Date.now();
    await settle(waitUntilUpdated(describeDataset, DATASET_ARN, { maxDelay: 2 }));
    expect(Date.now() - start).toBe(2_000);
  });
});

describe("judging one description", () => {
  const statuses = [
    "CREATE_IN_PROGRESS",
    "CREATE_COMPLETE",
    "CREATE_FAILED",
    "UPDATE_IN_PROGRESS",
    "UPDATE_COMPLETE",
    "UPDATE_FAILED",
    "DELETE_IN_PROGRESS",
    undefined,
  ] as const;

  it("never ends the wait on a stale completion before the grace period", () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.date({ noInvalidDate: true }), (status, when) => {
        const verdict = judgeDescription(description(status, when), {
          baseline: { lastUpdatedTimestamp: when },
          seenInProgress: false,
          graceOver: false,
        });
        if (status === "CREATE_FAILED" || status === "DELETE_IN_PROGRESS") return verdict.kind === "failed";
        return verdict.kind === "pending";
      }),
    );
  });

  it("ends the wait on any terminal status once the timestamp moved", () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.integer({ min: 1, max: 1e9 }), (status, later) => {
        const verdict = judgeDescription(description(status, new Date(BEFORE.getTime() + later)), {
          baseline: { lastUpdatedTimestamp: BEFORE },
          seenInProgress: false,
          graceOver: false,
        });
        const terminal = status !== undefined && !status.endsWith("_IN_PROGRESS");
        return terminal || status === "DELETE_IN_PROGRESS"
          ? verdict.kind !== "pending"
          : verdict.kind === "pending";
      }),
    );
  });

  it("keeps every poll delay between minDelay and maxDelay", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (retry, minDelay, extra, random) => {
          const delay = waiterDelay(retry, minDelay, minDelay + extra, () => random);
          return delay >= minDelay && delay <= minDelay + extra + 1e-9;
        },
      ),
    );
  });
});
