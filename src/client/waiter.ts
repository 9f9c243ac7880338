import { DatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { UpdateFailedError } from "../errors/update-failed-error.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import { checkAbortSignal, checkOptionsObject, optionPath } from "../options/check-options.js";
import { raceAbort, sleep } from "./abort.js";
import { awsErrorName } from "./aws-errors.js";
import { monotonicNow } from "./clock.js";
import { nextPollDelay, type PollPlan } from "./poll-schedule.js";
import type { DatasetDescription, DatasetStatus, UpdateBaseline, WaitOptions } from "./types.js";
import { unavailableError } from "./unavailable.js";

/** {@link WaitOptions} plus the state of the dataset before the awaited update was sent. */
export interface WaitUntilUpdatedOptions extends WaitOptions {
  /**
   * What DescribeDataset showed just before the update was sent (a {@link DatasetDescription} will do).
   * Without it any completion ends the wait, which is right only when no update was just sent (waiting for
   * a busy dataset to become idle). DatasetClient fills it in after its own `updateEntries`.
   */
  readonly baseline?: UpdateBaseline;
}

/**
 * Defaults of {@link WaitOptions}, in seconds. `minDelay` and `maxDelay` have none: without them the wait
 * polls on its adaptive schedule (see {@link WaitOptions}); with either, on the SDK waiters' schedule, the
 * other one then defaulting to 5 s (`minDelay`) or 30 s (`maxDelay`).
 */
export const DEFAULT_WAIT_OPTIONS: Readonly<{
  /** One hour: large datasets take minutes per update, and the caller can always wait again. */
  maxWaitTime: number;
  /** A stale-looking completion is accepted after half a minute (see `staleStatusGracePeriod`). */
  staleStatusGracePeriod: number;
}> = Object.freeze({ maxWaitTime: 3600, staleStatusGracePeriod: 30 });

/**
 * The other bound of the SDK waiters' schedule when the caller gives only one: AWS's own samples poll every
 * 5 s, and 30 s caps the backoff so that the end of an update is noticed within half a minute.
 */
const BOUNDED_SCHEDULE_DEFAULTS = Object.freeze({ minDelay: 5, maxDelay: 30 });

/** Every key a wait's options may hold. */
const WAIT_OPTION_NAMES: readonly (keyof WaitUntilUpdatedOptions)[] = [
  "maxWaitTime",
  "minDelay",
  "maxDelay",
  "staleStatusGracePeriod",
  "abortSignal",
  "baseline",
];

/**
 * How an awaited update ended, when another waiter in the same DatasetClient saw it end first. @internal
 */
export type WaitOutcome = { readonly description: DatasetDescription } | { readonly error: Error };

/**
 * Reads one description (paced and retried); gets the wait's abort signal, and a function to tell of each
 * failed attempt (a throttled poll), which spaces the next polls out. @internal
 */
export type DescribeDataset = (
  signal: AbortSignal | undefined,
  onFailedAttempt: (error: unknown) => void,
) => Promise<DatasetDescription>;

/** The update a wait is for, as the DatasetClient that sent it knows it. @internal */
export interface AwaitedUpdate {
  /** When the service accepted it, on the {@link monotonicNow} clock (milliseconds). */
  readonly acceptedAt: number;
  /** How long it is expected to take, in seconds after `acceptedAt`, from this client's earlier updates. */
  readonly expectedSeconds?: number | undefined;
}

/** What a wait knows beyond its options. @internal */
export interface WaitContext {
  /**
   * Read after each description: once another waiter has seen the same update end, its outcome is taken
   * instead of this description, which may already show a later update.
   */
  readonly settledElsewhere?: () => WaitOutcome | undefined;
  /** The update waited for, when this client sent it: the schedule counts from its acceptance. */
  readonly update?: AwaitedUpdate;
  /**
   * Told when the dataset showed the awaited operation over (completed or failed): with the processing
   * time in seconds after `update.acceptedAt` when a completion of this very update was seen and timed
   * closely enough to learn from, else `undefined`.
   */
  readonly onEnded?: (processedSeconds: number | undefined) => void;
  /** The jitter's source (tests and the benchmark pin it). */
  readonly random?: () => number;
}

/** The wait's timing, checked: totals in seconds, and the poll plan's bounds if the caller gave any. @internal */
export interface ResolvedWaitTiming {
  /** See {@link WaitOptions.maxWaitTime}. */
  readonly maxWaitTime: number;
  /** See {@link WaitOptions.staleStatusGracePeriod}. */
  readonly staleStatusGracePeriod: number;
  /** `minDelay`/`maxDelay` when either was given (the SDK waiters' schedule); else the adaptive one. */
  readonly bounds: { readonly minDelay: number; readonly maxDelay: number } | undefined;
}

/** What one description means for the wait. @internal */
export type WaitVerdict =
  | { readonly kind: "done" }
  | { readonly kind: "failed"; readonly error: Error }
  | { readonly kind: "pending"; readonly inProgress: boolean; readonly stale: boolean };

/** What the wait knows so far. @internal */
export interface WaitState {
  /** The baseline, if an update was sent after it. */
  readonly baseline: UpdateBaseline | undefined;
  /** Whether `*_IN_PROGRESS` was seen during this wait (or in the baseline). */
  readonly seenInProgress: boolean;
  /** Whether the stale-status grace period is over. */
  readonly graceOver: boolean;
}

const IN_PROGRESS: ReadonlySet<DatasetStatus | undefined> = new Set<DatasetStatus | undefined>([
  "UPDATE_IN_PROGRESS",
  "CREATE_IN_PROGRESS",
]);

/** Whether `description` shows a change made after `baseline` (the service's own clock on both sides). */
function timestampMoved(description: DatasetDescription, baseline: UpdateBaseline): boolean {
  const now = description.lastUpdatedTimestamp;
  if (now === undefined) return false;
  const before = baseline.lastUpdatedTimestamp;
  return before === undefined || now.getTime() > before.getTime();
}

/**
 * Reads one description: is the awaited update over, failed, or still pending? A terminal status counts
 * only when it is fresh: no baseline, `*_IN_PROGRESS` seen, `LastUpdatedTimestamp` past the baseline's, or
 * the grace period over. Pure, so every case is testable alone.
 *
 * @internal
 */
export function judgeDescription(description: DatasetDescription, state: WaitState): WaitVerdict {
  const { status, datasetArn } = description;
  if (IN_PROGRESS.has(status)) return { kind: "pending", inProgress: true, stale: false };
  const unavailable = unavailableError(description);
  if (unavailable !== undefined) return { kind: "failed", error: unavailable };
  if (status !== "UPDATE_COMPLETE" && status !== "CREATE_COMPLETE" && status !== "UPDATE_FAILED") {
    return { kind: "pending", inProgress: false, stale: false };
  }
  const fresh =
    state.baseline === undefined ||
    state.seenInProgress ||
    timestampMoved(description, state.baseline) ||
    state.graceOver;
  if (!fresh) return { kind: "pending", inProgress: false, stale: true };
  if (status !== "UPDATE_FAILED") return { kind: "done" };
  const code = description.statusMessageCode;
  return {
    kind: "failed",
    error: new UpdateFailedError({
      datasetArn,
      ...(description.statusMessage === undefined ? {} : { statusMessage: description.statusMessage }),
      ...(code === "SERVICE_ERROR" || code === "CLIENT_ERROR" ? { statusMessageCode: code } : {}),
    }),
  };
}

function seconds(parent: string, name: keyof WaitOptions, value: unknown, allowZero: boolean): number {
  if (typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))
    return value;
  throw new InvalidOptionsError({
    option: optionPath(parent, name),
    expected: `a finite number of seconds ${allowZero ? ">= 0" : "> 0"}`,
    value,
  });
}

/**
 * The wait options with defaults applied and checked, in seconds. Only `undefined` counts as absent.
 *
 * @param options - the caller's wait options.
 * @param parent - where they sit in the call's options (`"wait"` in an upload's, `""` for
 *   `waitUntilUpdated`'s own), for the option paths of errors.
 * @throws {@link InvalidOptionsError} naming the option (`wait.maxDelay`...): not an options object, an
 *   unknown key (with the nearest known name), a value out of range, or `maxDelay` under `minDelay`.
 * @internal
 */
export function resolveWaitOptions(
  options: WaitUntilUpdatedOptions | undefined,
  parent = "",
): ResolvedWaitTiming {
  const given: unknown = options;
  checkOptionsObject(given, WAIT_OPTION_NAMES, parent);
  const read = (name: keyof WaitOptions, fallback?: number) => {
    const value = given?.[name];
    return value === undefined ? fallback : value;
  };
  const maxWaitTime = seconds(
    parent,
    "maxWaitTime",
    read("maxWaitTime", DEFAULT_WAIT_OPTIONS.maxWaitTime),
    false,
  );
  const staleStatusGracePeriod = seconds(
    parent,
    "staleStatusGracePeriod",
    read("staleStatusGracePeriod", DEFAULT_WAIT_OPTIONS.staleStatusGracePeriod),
    true,
  );
  checkAbortSignal(read("abortSignal"), optionPath(parent, "abortSignal"));
  const givenMin = read("minDelay");
  const givenMax = read("maxDelay");
  if (givenMin === undefined && givenMax === undefined) {
    return { maxWaitTime, staleStatusGracePeriod, bounds: undefined };
  }
  const maxDelayGiven = givenMax === undefined ? undefined : seconds(parent, "maxDelay", givenMax, false);
  const minDelay =
    givenMin === undefined
      ? Math.min(BOUNDED_SCHEDULE_DEFAULTS.minDelay, maxDelayGiven ?? Number.POSITIVE_INFINITY)
      : seconds(parent, "minDelay", givenMin, false);
  const maxDelay = maxDelayGiven ?? Math.max(BOUNDED_SCHEDULE_DEFAULTS.maxDelay, minDelay);
  if (maxDelay < minDelay) {
    throw new InvalidOptionsError({
      option: optionPath(parent, "maxDelay"),
      expected: `a number of seconds >= ${optionPath(parent, "minDelay")} (${minDelay})`,
      value: maxDelay,
    });
  }
  return { maxWaitTime, staleStatusGracePeriod, bounds: { minDelay, maxDelay } };
}

/** Seconds between two readings of the monotonic clock (milliseconds). */
function secondsBetween(from: number, to: number): number {
  return (to - from) / 1000;
}

/** A completion bracketed more loosely than this (seconds, or fraction of its time) teaches nothing. */
const LEARNABLE_BRACKET = { seconds: 1.5, fraction: 0.25 };

/**
 * The processing time to learn from, or `undefined`: only a completion of this very update (not one
 * accepted through the grace period alone), bracketed closely enough between its last pending poll and the
 * poll that saw it over.
 */
function measuredProcessing(
  description: DatasetDescription,
  state: Omit<WaitState, "graceOver">,
  pendingUntil: number,
  doneBy: number,
): number | undefined {
  if (judgeDescription(description, { ...state, graceOver: false }).kind !== "done") return undefined;
  const bracket = doneBy - pendingUntil;
  if (bracket > Math.max(LEARNABLE_BRACKET.seconds, LEARNABLE_BRACKET.fraction * doneBy)) return undefined;
  return (pendingUntil + doneBy) / 2;
}

/**
 * Polls DescribeDataset until the update sent after `options.baseline` is over.
 *
 * Schedule: without `minDelay` and `maxDelay`, the adaptive one (see {@link WaitOptions}): a first poll about
 * 0.3 s after the update was accepted (at once when no update of this client is known), then gaps of at
 * most `max(1.25 s, 10 %)` of the time waited, sparser before the end that this client's earlier updates make
 * it expect, with a poll aimed just after that end. With `minDelay` or `maxDelay`, the SDK waiters' shape: a
 * first poll at once, then delays exponential from `minDelay` to `maxDelay`, jittered. Either way a poll
 * whose DescribeDataset was throttled lengthens the next gaps.
 *
 * - `UPDATE_COMPLETE` (or `CREATE_COMPLETE`) resolves with the description; `UPDATE_FAILED` rejects with
 *   {@link UpdateFailedError}; `CREATE_FAILED`, `DELETE_IN_PROGRESS` and ResourceNotFound reject at once with
 *   {@link DatasetUnavailableError}; running out of `maxWaitTime` rejects with {@link WaitTimeoutError}.
 * - Stale status: with a baseline, a completion counts only once `LastUpdatedTimestamp` moved past the
 *   baseline's or `UPDATE_IN_PROGRESS` was seen; after `staleStatusGracePeriod` it counts anyway, so the wait
 *   ends even when the service shows neither sign.
 * - Abort rejects at once with {@link OperationAbortedError}: no further request, and no timer left.
 * - Every deadline is on the monotonic clock: a step of the wall clock neither ends a wait nor stretches it.
 *
 * @param describe - one (paced, retried) DescribeDataset.
 * @param datasetArn - the dataset, for errors.
 * @param options - timing, baseline and abort signal.
 * @param context - what the DatasetClient knows of the update and of other waits on it.
 * @throws {@link InvalidOptionsError} for options it cannot use, before any request.
 */
export async function waitUntilUpdated(
  describe: DescribeDataset,
  datasetArn: string,
  options: WaitUntilUpdatedOptions = {},
  context: WaitContext = {},
): Promise<DatasetDescription> {
  const timing = resolveWaitOptions(options);
  const signal = options.abortSignal;
  const aborted = (reason: unknown) =>
    new OperationAbortedError({ operation: "waitUntilUpdated", datasetArn, cause: reason });
  if (signal?.aborted) throw aborted(signal.reason);

  const random = context.random ?? Math.random;
  const start = monotonicNow();
  const deadline = start + timing.maxWaitTime * 1000;
  const graceEnd = start + timing.staleStatusGracePeriod * 1000;
  const update = context.update;
  // The schedule counts from the update's acceptance when it is known: a wait started late polls sooner.
  const origin = update === undefined ? start : Math.min(update.acceptedAt, start);
  const plan: PollPlan =
    timing.bounds === undefined
      ? { kind: "adaptive", justSent: update !== undefined, expectedSeconds: update?.expectedSeconds }
      : { kind: "bounded", ...timing.bounds };
  const baseline = options.baseline;
  let seenInProgress = IN_PROGRESS.has(baseline?.status);
  let polls = 0;
  let pressure = 0;
  let stale = false;
  let pendingUntil = 0;

  for (;;) {
    const now = monotonicNow();
    let delay = nextPollDelay(plan, { elapsed: secondsBetween(origin, now), polls, pressure, random }) * 1000;
    // A stale completion is accepted when the grace period ends: poll right then, not up to a gap later.
    if (stale && graceEnd > now) delay = Math.min(delay, graceEnd - now);
    delay = Math.min(delay, deadline - now);
    if (delay > 0) await sleep(delay, signal, aborted);

    const polledAt = secondsBetween(origin, monotonicNow());
    let failedAttempts = 0;
    let description: DatasetDescription;
    try {
      description = await raceAbort(
        describe(signal, () => {
          failedAttempts += 1;
        }),
        signal,
        aborted,
      );
    } catch (error) {
      if (signal?.aborted) throw aborted(signal.reason);
      if (awsErrorName(error) === "ResourceNotFoundException") {
        throw new DatasetUnavailableError({ datasetArn, reason: "NOT_FOUND", cause: error });
      }
      throw error;
    }
    polls += 1;
    // Each throttled attempt doubles the next gap; each poll that went through at once halves it back.
    pressure = failedAttempts > 0 ? pressure + failedAttempts : Math.max(0, pressure - 1);
    const outcome = context.settledElsewhere?.();
    if (outcome !== undefined) {
      if ("error" in outcome) throw outcome.error;
      return outcome.description;
    }
    const state = { baseline, seenInProgress };
    const verdict = judgeDescription(description, { ...state, graceOver: monotonicNow() >= graceEnd });
    if (verdict.kind !== "pending") {
      const learned =
        verdict.kind === "done" && update !== undefined
          ? measuredProcessing(description, state, pendingUntil, polledAt)
          : undefined;
      context.onEnded?.(learned);
      if (verdict.kind === "failed") throw verdict.error;
      return description;
    }
    seenInProgress ||= verdict.inProgress;
    stale = verdict.stale;
    pendingUntil = polledAt;

    if (monotonicNow() >= deadline) {
      throw new WaitTimeoutError({
        datasetArn,
        maxWaitTime: timing.maxWaitTime,
        lastDescription: description,
      });
    }
  }
}
