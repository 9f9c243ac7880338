import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ADAPTIVE_POLLING,
  nextPollDelay,
  type PollPlan,
  waiterDelay,
} from "../../src/client/poll-schedule.js";

/**
 * Poll times (seconds after acceptance) of a wait on an update that ends `processing` seconds after it was
 * accepted, until the first poll at or after that end: the schedule alone, no timers.
 */
function pollsUntilNoticed(plan: PollPlan, processing: number, random: () => number): number[] {
  const polls: number[] = [];
  let now = 0;
  for (;;) {
    now += nextPollDelay(plan, { elapsed: now, polls: polls.length, pressure: 0, random });
    polls.push(now);
    if (now >= processing) return polls;
    if (polls.length > 10_000) throw new Error("the schedule never reaches the end");
  }
}

const randomSource = fc.double({ min: 0, max: 0.999_999, noNaN: true }).map((value) => () => value);

describe("the adaptive poll schedule", () => {
  const cold: PollPlan = { kind: "adaptive", justSent: true };

  it("polls soon after the update was accepted, then about once a second", () => {
    const polls = pollsUntilNoticed(cold, 3.5, () => 0);
    expect(polls).toEqual([0.3, 1.55, 2.8, 4.05]);
  });

  it("polls at once when no update of this client was just sent", () => {
    expect(
      nextPollDelay(
        { kind: "adaptive", justSent: false },
        { elapsed: 0, polls: 0, pressure: 0, random: () => 0 },
      ),
    ).toBe(0);
  });

  it("polls at once when the wait starts after the first poll's time", () => {
    expect(nextPollDelay(cold, { elapsed: 12, polls: 0, pressure: 0, random: () => 0 })).toBe(0);
  });

  it("notices any update within max(1.25 s, 10 %) of its processing time when nothing was learned", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 3600, noNaN: true }), randomSource, (processing, random) => {
        const polls = pollsUntilNoticed(cold, processing, random);
        const latency = (polls.at(-1) ?? 0) - processing;
        return latency <= Math.max(ADAPTIVE_POLLING.denseFloor, 0.1 * processing) + 1e-9;
      }),
    );
  });

  it("notices any update within max(2 s, 20 %) whatever the estimate, however wrong", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 3600, noNaN: true }),
        fc.double({ min: 0.001, max: 36_000, noNaN: true }),
        randomSource,
        (processing, expectedSeconds, random) => {
          const plan: PollPlan = { kind: "adaptive", justSent: true, expectedSeconds };
          const polls = pollsUntilNoticed(plan, processing, random);
          const latency = (polls.at(-1) ?? 0) - processing;
          return latency <= Math.max(2, 0.2 * processing) + 1e-9;
        },
      ),
    );
  });

  it("notices an update that ends when expected with the poll aimed just after that end", () => {
    const plan: PollPlan = { kind: "adaptive", justSent: true, expectedSeconds: 1 };
    expect(pollsUntilNoticed(plan, 1, () => 0)).toEqual([1 + ADAPTIVE_POLLING.aimMargin]);
  });

  it("polls less often before the expected end of a long update than without an estimate", () => {
    const learned: PollPlan = { kind: "adaptive", justSent: true, expectedSeconds: 120 };
    const withEstimate = pollsUntilNoticed(learned, 120, () => 0.5).length;
    const without = pollsUntilNoticed(cold, 120, () => 0.5).length;
    expect(withEstimate).toBeLessThan(without * 0.75);
  });

  it("never schedules a gap shorter than the earliest poll once polling has begun", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 1e5, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        randomSource,
        (elapsed, expectedSeconds, polls, random) => {
          const plan: PollPlan = { kind: "adaptive", justSent: true, expectedSeconds };
          return (
            nextPollDelay(plan, { elapsed, polls, pressure: 0, random }) >= ADAPTIVE_POLLING.earliestPoll
          );
        },
      ),
    );
    // The case that once looped: a poll landed a hair before the aimed end.
    const plan: PollPlan = { kind: "adaptive", justSent: true, expectedSeconds: 100 };
    const aim = 100 * (1 + ADAPTIVE_POLLING.aimMargin);
    expect(nextPollDelay(plan, { elapsed: aim - 1e-12, polls: 5, pressure: 0, random: () => 0 })).toBe(
      ADAPTIVE_POLLING.earliestPoll,
    );
  });

  it("doubles the gap for each throttled poll, up to the cap", () => {
    const at = (pressure: number) => nextPollDelay(cold, { elapsed: 5, polls: 3, pressure, random: () => 0 });
    expect(at(0)).toBe(1.25);
    expect(at(1)).toBe(2.5);
    expect(at(3)).toBe(10);
    expect(at(20)).toBe(ADAPTIVE_POLLING.throttledGapCap);
  });
});

describe("the SDK waiters' schedule (minDelay or maxDelay given)", () => {
  const bounded: PollPlan = { kind: "bounded", minDelay: 5, maxDelay: 30 };

  it("polls at once, then backs off from minDelay to maxDelay", () => {
    const gaps = [0, 1, 2, 3, 4, 5].map((polls) =>
      nextPollDelay(bounded, { elapsed: 0, polls, pressure: 0, random: () => 1 }),
    );
    expect(gaps).toEqual([0, 5, 10, 20, 30, 30]);
  });

  it("never stretches a throttled gap past the caller's maxDelay", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10 }),
        randomSource,
        (polls, pressure, random) => {
          const gap = nextPollDelay(bounded, { elapsed: 0, polls, pressure, random });
          return gap >= 5 && gap <= 30;
        },
      ),
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
