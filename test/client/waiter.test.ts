import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatasetDescription } from "../../src/client/types.js";
import { judgeDescription, waitUntilUpdated } from "../../src/client/waiter.js";
import { isDatasetUnavailableError } from "../../src/errors/dataset-unavailable-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { isUpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isWaitTimeoutError } from "../../src/errors/wait-timeout-error.js";
import { settle } from "../support/async.js";
import { DATASET_ARN, description } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

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
    ["CREATE_FAILED", () => description("CREATE_FAILED")],
    ["DELETE_IN_PROGRESS", () => description("DELETE_IN_PROGRESS")],
    ["NOT_FOUND", () => sdkErrors.notFound()],
  ] as const)("fails at once when the dataset is unavailable (%s)", async (reason, answer) => {
    const describeDataset = scripted(answer());
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
});

describe("waitUntilUpdated with the default (adaptive) schedule", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:01Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A dataset whose update ends `processingMs` after now; each poll's time is recorded. */
  function updateEndingIn(processingMs: number) {
    const acceptedAt = performance.now();
    const polls: number[] = [];
    const describeDataset = vi.fn(
      async (_signal?: AbortSignal, _onFailedAttempt?: (error: unknown) => void) => {
        const elapsed = performance.now() - acceptedAt;
        polls.push(elapsed);
        return elapsed >= processingMs
          ? description("UPDATE_COMPLETE", AFTER)
          : description("UPDATE_IN_PROGRESS", BEFORE);
      },
    );
    return { acceptedAt, polls, describeDataset };
  }

  const baseline = { status: "UPDATE_COMPLETE", lastUpdatedTimestamp: BEFORE } as const;

  it("notices a short update within a second, not 5 s later", async () => {
    const { acceptedAt, polls, describeDataset } = updateEndingIn(2_500);
    const { value } = await settle(
      waitUntilUpdated(
        describeDataset,
        DATASET_ARN,
        { baseline },
        { update: { acceptedAt }, random: () => 0 },
      ),
    );
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(polls).toEqual([300, 1550, 2800]);
  });

  it("aims at the end this client's earlier updates make it expect: one poll when it ends on time", async () => {
    const { acceptedAt, polls, describeDataset } = updateEndingIn(5_100);
    await settle(
      waitUntilUpdated(
        describeDataset,
        DATASET_ARN,
        { baseline },
        { update: { acceptedAt, expectedSeconds: 5 }, random: () => 0 },
      ),
    );
    // Sparse before the expected end (2 s apart at first), then one poll just after it.
    expect(polls).toEqual([2000, 4000, 5250]);
  });

  it("reports the processing time it measured, from the last pending poll and the first done one", async () => {
    const { acceptedAt, describeDataset } = updateEndingIn(2_500);
    const onEnded = vi.fn();
    await settle(
      waitUntilUpdated(
        describeDataset,
        DATASET_ARN,
        { baseline },
        { update: { acceptedAt }, onEnded, random: () => 0 },
      ),
    );
    expect(onEnded).toHaveBeenCalledOnce();
    expect(onEnded.mock.calls[0]?.[0]).toBeCloseTo((1.55 + 2.8) / 2);
  });

  it("learns nothing from a completion accepted only because the grace period ended", async () => {
    const acceptedAt = performance.now();
    const describeDataset = scripted(description("UPDATE_COMPLETE", BEFORE));
    const onEnded = vi.fn();
    const { value } = await settle(
      waitUntilUpdated(
        describeDataset,
        DATASET_ARN,
        { baseline, staleStatusGracePeriod: 3 },
        { update: { acceptedAt }, onEnded, random: () => 0 },
      ),
    );
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(onEnded).toHaveBeenCalledWith(undefined);
  });

  it("spaces its polls out after a throttled DescribeDataset", async () => {
    const { acceptedAt, polls, describeDataset } = updateEndingIn(60_000);
    describeDataset.mockImplementationOnce(async (_signal, onFailedAttempt) => {
      polls.push(performance.now() - acceptedAt);
      onFailedAttempt?.(new Error("ThrottlingException stand-in"));
      onFailedAttempt?.(new Error("ThrottlingException stand-in"));
      return description("UPDATE_IN_PROGRESS", BEFORE);
    });
    const wait = waitUntilUpdated(
      describeDataset,
      DATASET_ARN,
      { baseline },
      { update: { acceptedAt }, random: () => 0 },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    // Two throttled attempts on the first poll: the next gap is 5 s instead of 1.25 s, then it shrinks back.
    expect(polls.slice(0, 4)).toEqual([300, 5300, 7800, 9050]);
    await settle(wait);
  });

  it("keeps its deadline on the monotonic clock: a wall-clock jump neither ends nor stretches the wait", async () => {
    const { acceptedAt, polls, describeDataset } = updateEndingIn(20_000);
    const wait = waitUntilUpdated(
      describeDataset,
      DATASET_ARN,
      { baseline, maxWaitTime: 60 },
      { update: { acceptedAt }, random: () => 0 },
    );
    await vi.advanceTimersByTimeAsync(5_000);
    vi.setSystemTime(Date.now() + 2 * 3600 * 1000); // NTP step, a resumed VM...
    const { value, error } = await settle(wait);
    expect(error).toBeUndefined();
    expect(value?.status).toBe("UPDATE_COMPLETE");
    expect(polls.at(-1)).toBeGreaterThanOrEqual(20_000);
  });
});
