import { DatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { UpdateFailedError } from "../errors/update-failed-error.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import { raceAbort, sleep } from "./abort.js";
import { awsErrorName } from "./aws-errors.js";
import type { DatasetDescription, DatasetStatus, UpdateBaseline, WaitOptions } from "./types.js";

/** {@link WaitOptions} plus the state of the dataset before the awaited update was sent. */
export interface WaitUntilUpdatedOptions extends WaitOptions {
  /**
   * What DescribeDataset showed just before the update was sent (a {@link DatasetDescription} will do).
   * Without it any completion ends the wait, which is right only when no update was just sent (waiting for
   * a busy dataset to become idle). DatasetClient fills it in after its own `updateEntries`.
   */
  readonly baseline?: UpdateBaseline;
}

/** Defaults of {@link WaitOptions}, in seconds. */
export const DEFAULT_WAIT_OPTIONS: Readonly<{
  /** One hour: large datasets take minutes per update, and the caller can always wait again. */
  maxWaitTime: number;
  /** AWS's own samples poll every 5 s; this is the first delay. */
  minDelay: number;
  /** Caps the backoff so that the end of an update is noticed within half a minute. */
  maxDelay: number;
  /** A stale-looking completion is accepted after half a minute (see `staleStatusGracePeriod`). */
  staleStatusGracePeriod: number;
}> = Object.freeze({ maxWaitTime: 3600, minDelay: 5, maxDelay: 30, staleStatusGracePeriod: 30 });

/**
 * How an awaited update ended, when another waiter in the same DatasetClient saw it end first. @internal
 */
export type WaitOutcome = { readonly description: DatasetDescription } | { readonly error: Error };

/** Reads one description; gets the wait's abort signal. @internal */
export type DescribeDataset = (signal?: AbortSignal) => Promise<DatasetDescription>;

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
  if (status === "CREATE_FAILED" || status === "DELETE_IN_PROGRESS") {
    return {
      kind: "failed",
      error: new DatasetUnavailableError({
        datasetArn,
        reason: status,
        ...(description.statusMessage === undefined ? {} : { statusMessage: description.statusMessage }),
      }),
    };
  }
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

/**
 * The options with defaults applied and checked, in seconds.
 *
 * @throws TypeError naming the first option out of range.
 * @internal
 */
export function resolveWaitOptions(options: WaitOptions): Required<Omit<WaitOptions, "abortSignal">> {
  const minDelay = options.minDelay ?? Math.min(DEFAULT_WAIT_OPTIONS.minDelay, options.maxDelay ?? Infinity);
  const maxDelay = options.maxDelay ?? Math.max(DEFAULT_WAIT_OPTIONS.maxDelay, minDelay);
  const maxWaitTime = options.maxWaitTime ?? DEFAULT_WAIT_OPTIONS.maxWaitTime;
  const staleStatusGracePeriod =
    options.staleStatusGracePeriod ?? DEFAULT_WAIT_OPTIONS.staleStatusGracePeriod;
  const positive = { maxWaitTime, minDelay, maxDelay };
  for (const [name, value] of Object.entries(positive)) {
    if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
      throw new TypeError(`Expected \`${name}\` to be a number of seconds > 0, got ${String(value)}.`);
    }
  }
  if (!(typeof staleStatusGracePeriod === "number" && staleStatusGracePeriod >= 0)) {
    throw new TypeError(
      `Expected \`staleStatusGracePeriod\` to be a number of seconds >= 0, got ${String(staleStatusGracePeriod)}.`,
    );
  }
  if (maxDelay < minDelay) {
    throw new TypeError(`Expected \`maxDelay\` (${maxDelay}) to be >= \`minDelay\` (${minDelay}).`);
  }
  return { maxWaitTime, minDelay, maxDelay, staleStatusGracePeriod };
}

/**
 * The delay before poll number `retry + 2`, in seconds, as the SDK's waiters do it: exponential from
 * `minDelay`, capped at `maxDelay`, uniformly jittered between `minDelay` and that cap.
 *
 * @internal
 */
export function waiterDelay(retry: number, minDelay: number, maxDelay: number, random = Math.random): number {
  const cap = Math.min(maxDelay, minDelay * 2 ** retry);
  return minDelay + random() * (cap - minDelay);
}

/**
 * Polls DescribeDataset until the update sent after `options.baseline` is over. The first poll is
 * immediate; then delays grow exponentially from `minDelay` to `maxDelay`, jittered.
 *
 * - `UPDATE_COMPLETE` (or `CREATE_COMPLETE`) resolves with the description; `UPDATE_FAILED` rejects with
 *   {@link UpdateFailedError}; `CREATE_FAILED`, `DELETE_IN_PROGRESS` and ResourceNotFound reject at once with
 *   {@link DatasetUnavailableError}; running out of `maxWaitTime` rejects with {@link WaitTimeoutError}.
 * - Stale status: with a baseline, a completion counts only once `LastUpdatedTimestamp` moved past the
 *   baseline's or `UPDATE_IN_PROGRESS` was seen; after `staleStatusGracePeriod` it counts anyway, so the wait
 *   ends even when the service shows neither sign.
 * - Abort rejects at once with {@link OperationAbortedError}: no further request, and no timer left.
 *
 * @param describe - one (paced, retried) DescribeDataset.
 * @param datasetArn - the dataset, for errors.
 * @param options - timing, baseline and abort signal.
 * @param settledElsewhere - read after each description: once another waiter has seen the same update end,
 *   its outcome is taken instead of this description, which may already show a later update.
 */
export async function waitUntilUpdated(
  describe: DescribeDataset,
  datasetArn: string,
  options: WaitUntilUpdatedOptions = {},
  settledElsewhere?: () => WaitOutcome | undefined,
): Promise<DatasetDescription> {
  const timing = resolveWaitOptions(options);
  const signal = options.abortSignal;
  const aborted = (reason: unknown) =>
    new OperationAbortedError({ operation: "waitUntilUpdated", datasetArn, cause: reason });
  if (signal?.aborted) throw aborted(signal.reason);

  const start = Date.now();
  const deadline = start + timing.maxWaitTime * 1000;
  const graceEnd = start + timing.staleStatusGracePeriod * 1000;
  const baseline = options.baseline;
  let seenInProgress = IN_PROGRESS.has(baseline?.status);
  let last: DatasetDescription | undefined;

  for (let retry = 0; ; retry += 1) {
    let description: DatasetDescription;
    try {
      description = await raceAbort(describe(signal), signal, aborted);
    } catch (error) {
      if (signal?.aborted) throw aborted(signal.reason);
      if (awsErrorName(error) === "ResourceNotFoundException") {
        throw new DatasetUnavailableError({ datasetArn, reason: "NOT_FOUND", cause: error });
      }
      throw error;
    }
    const outcome = settledElsewhere?.();
    if (outcome !== undefined) {
      if ("error" in outcome) throw outcome.error;
      return outcome.description;
    }
    last = description;
    const verdict = judgeDescription(description, {
      baseline,
      seenInProgress,
      graceOver: Date.now() >= graceEnd,
    });
    if (verdict.kind === "done") return description;
    if (verdict.kind === "failed") throw verdict.error;
    seenInProgress ||= verdict.inProgress;

    const now = Date.now();
    if (now >= deadline) {
      throw new WaitTimeoutError({ datasetArn, maxWaitTime: timing.maxWaitTime, lastDescription: last });
    }
    let delay = waiterDelay(retry, timing.minDelay, timing.maxDelay) * 1000;
    // A stale completion is accepted when the grace period ends: poll right then, not up to maxDelay later.
    if (verdict.stale && graceEnd > now) delay = Math.min(delay, graceEnd - now);
    await sleep(Math.min(delay, deadline - now), signal, aborted);
  }
}
