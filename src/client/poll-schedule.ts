/**
 * When the waiter polls DescribeDataset next. Two schedules, both pure functions of what the wait knows:
 *
 * - the **adaptive** default, which notices the end of an update within a bounded fraction of its
 *   processing time, with few polls: the first one soon after the update was accepted (small updates end
 *   in under a second); then gaps bounded by a tenth of the time already waited (at least 1.25 s), so the
 *   latency stays proportional; sparser gaps (a fifth, at least 2 s) before the end that the learned
 *   processing rate expects, and a poll aimed just after that end;
 * - the **SDK waiter's** shape when the caller gives `minDelay` or `maxDelay`: exponential from `minDelay`,
 *   capped at `maxDelay`, jittered.
 *
 * Both lengthen the gaps after a throttled or failed poll (on top of the retry layer's own backoff), so that
 * a waiter never adds to the pressure that throttled it.
 *
 * Every time here is in seconds, like the wait options.
 *
 * @module
 * @internal
 */

/** The adaptive schedule's numbers, in seconds or fractions. @internal */
export const ADAPTIVE_POLLING = Object.freeze({
  /** First poll after an update was accepted when nothing tells how long it takes. */
  firstPoll: 0.3,
  /** Earliest first poll, even when the update is expected to end sooner; also the shortest gap. */
  earliestPoll: 0.25,
  /** Gap bound once the expected end has passed (or when none is known): a fraction of the time waited... */
  denseFraction: 0.1,
  /**
   * ... and never below this: a short update then costs under one poll a second, the early first poll
   * included, and is still noticed within about 0.6 s at the median.
   */
  denseFloor: 1.25,
  /** Gap bound before the expected end: a bad estimate then costs at most this fraction of the wait... */
  sparseFraction: 0.2,
  /** ... or this many seconds. */
  sparseFloor: 2,
  /** The poll aimed at the expected end lands this fraction after it, to catch an update a little slower. */
  aimMargin: 0.05,
  /**
   * Gaps proportional to the time waited are shortened by up to this fraction at random, so that waiters
   * started together drift apart (the floors are not: they would only cost more polls).
   */
  jitter: 0.1,
  /** Longest gap that throttling can stretch a gap to (unless the gap was already longer). */
  throttledGapCap: 30,
  /** Throttled polls remembered at most: each one doubles the next gap. */
  maxPressure: 5,
});

/** How the waiter schedules its polls. @internal */
export type PollPlan =
  | {
      /** The SDK waiter's shape, within the caller's bounds. */
      readonly kind: "bounded";
      /** Shortest gap, seconds. */
      readonly minDelay: number;
      /** Longest gap, seconds. */
      readonly maxDelay: number;
    }
  | {
      /** The default. */
      readonly kind: "adaptive";
      /**
       * Whether an update is known to have been accepted just before the wait (its age is the `elapsed` the
       * schedule is given). Without one there is nothing to wait a moment for: the first poll is at once.
       */
      readonly justSent: boolean;
      /** How long the update is expected to take, seconds after it was accepted, when a rate was learned. */
      readonly expectedSeconds?: number | undefined;
    };

/** What the schedule needs to know at one point of the wait. @internal */
export interface PollMoment {
  /**
   * Seconds since the update was accepted (adaptive plan with `justSent`), else since the wait started.
   */
  readonly elapsed: number;
  /** Polls made so far in this wait. */
  readonly polls: number;
  /** Recent throttled or failed poll attempts (0 when the last polls went through at once). */
  readonly pressure: number;
  /** Uniform in [0, 1): the jitter's source. */
  readonly random: () => number;
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

/** The adaptive gap before throttling is taken into account. */
function adaptiveGap(plan: Extract<PollPlan, { kind: "adaptive" }>, moment: PollMoment): number {
  const { elapsed, polls } = moment;
  const p = ADAPTIVE_POLLING;
  if (polls === 0 && !plan.justSent) return 0;
  const shorten = 1 - p.jitter * moment.random();
  const expected = plan.expectedSeconds;
  const aim = expected === undefined ? undefined : expected * (1 + p.aimMargin);
  let gap: number;
  if (aim !== undefined && elapsed < aim) {
    // Before the expected end: sparse, but land a poll just after it (not jittered: it is aimed).
    gap = Math.min(aim - elapsed, Math.max(p.sparseFloor, p.sparseFraction * elapsed * shorten));
  } else if (polls === 0) {
    gap = p.firstPoll - elapsed;
  } else {
    gap = Math.max(p.denseFloor, p.denseFraction * elapsed * shorten);
  }
  // No gap shorter than the earliest poll: a poll aimed a hair before its target must not be followed by a
  // stream of ever tinier gaps.
  gap = polls === 0 ? Math.max(gap, p.earliestPoll - elapsed) : Math.max(gap, p.earliestPoll);
  return Math.max(0, gap);
}

/**
 * Seconds until the next poll. The first poll of a wait is `polls: 0`. Throttled polls (`pressure`) double
 * the gap each, up to {@link ADAPTIVE_POLLING}'s `throttledGapCap` (the bounded plan's `maxDelay`), or the
 * gap itself when longer.
 *
 * Bounds the adaptive plan keeps, with no throttling: once the first poll is made, the gap is at most
 * `max(1.25 s, 10 %)` of the time waited past the expected end (or when none is expected), and at most
 * `max(2 s, 20 %)` before it; so an update is noticed within those fractions of its own processing time
 * however wrong the estimate. Jitter only shortens gaps.
 *
 * @internal
 */
export function nextPollDelay(plan: PollPlan, moment: PollMoment): number {
  let gap: number;
  if (plan.kind === "bounded") {
    gap = moment.polls === 0 ? 0 : waiterDelay(moment.polls - 1, plan.minDelay, plan.maxDelay, moment.random);
  } else {
    gap = adaptiveGap(plan, moment);
  }
  const pressure = Math.min(moment.pressure, ADAPTIVE_POLLING.maxPressure);
  if (pressure > 0 && moment.polls > 0) {
    // The caller's maxDelay still wins over throttling.
    const cap = Math.max(gap, plan.kind === "bounded" ? plan.maxDelay : ADAPTIVE_POLLING.throttledGapCap);
    gap = Math.min(cap, Math.max(gap, ADAPTIVE_POLLING.denseFloor) * 2 ** pressure);
  }
  return gap;
}
