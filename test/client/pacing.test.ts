import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPacer } from "../../src/client/pacing.js";

describe("pacing", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts at most `limit` calls per interval", async () => {
    const pace = createPacer({ limit: 2, interval: 1000 });
    const starts: number[] = [];
    const start = Date.now();
    const calls = Array.from({ length: 5 }, () =>
      pace(async () => {
        starts.push(Date.now() - start);
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(starts).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it("rejects a queued call at once on abort, and never runs it", async () => {
    const pace = createPacer({ limit: 1, interval: 1000 });
    const first = vi.fn(async () => "first");
    const second = vi.fn(async () => "second");
    const controller = new AbortController();
    await pace(first);
    const queued = pace(second, controller.signal).catch((error: unknown) => error);
    controller.abort(new Error("stop"));
    expect(await queued).toEqual(new Error("stop"));
    await vi.advanceTimersByTimeAsync(2000);
    expect(second).not.toHaveBeenCalled();
  });

  it("runs calls at once without throttle options", async () => {
    const pace = createPacer();
    await expect(pace(async () => 42)).resolves.toBe(42);
    await expect(pace(async () => 42, AbortSignal.abort())).rejects.toThrow();
  });

  it("refuses a bad limit or interval with an InvalidOptionsError naming it", () => {
    expect(() => createPacer({ limit: 0, interval: 1000 })).toThrow(
      expect.objectContaining({ name: "InvalidOptionsError", option: "throttle.limit" }),
    );
    expect(() => createPacer({ limit: 1, interval: Number.NaN })).toThrow(/throttle\.interval.*got NaN/);
  });

  it("refuses a throttle that is not an object, or an unknown key with the nearest name", () => {
    expect(() => createPacer(null as never)).toThrow(
      expect.objectContaining({ name: "InvalidOptionsError", option: "throttle" }),
    );
    expect(() => createPacer({ limit: 1, intervalMs: 10 } as never)).toThrow(
      expect.objectContaining({ option: "throttle.intervalMs", didYouMean: "throttle.interval" }),
    );
  });
});
