import { describe, expect, it } from "vitest";
import { checkCallOptions, checkWaitOptions, everyKey } from "../../src/client/call-options.js";
import { checkAbortSignal, nearestOptionName } from "../../src/options/check-options.js";

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("the checks every DatasetClient call runs on its options", () => {
  it("lists every key of an options type", () => {
    expect(everyKey<{ a?: number; b: string }>({ a: true, b: true })).toEqual(["a", "b"]);
  });

  it("offers the nearest known name for a slip, a missing prefix, or the same first word", () => {
    expect(nearestOptionName("signal", ["abortSignal", "maxRequestBytes"])).toBe("abortSignal");
    expect(nearestOptionName("abortController", ["abortSignal", "maxRequestBytes"])).toBe("abortSignal");
    expect(nearestOptionName("maxRequestByte", ["abortSignal", "maxRequestBytes"])).toBe("maxRequestBytes");
    expect(nearestOptionName("colour", ["abortSignal", "maxRequestBytes"])).toBeUndefined();
  });

  it("takes an AbortSignal, and refuses what only looks like one in part", () => {
    expect(() => checkAbortSignal(new AbortController().signal, "abortSignal")).not.toThrow();
    expect(() => checkAbortSignal(undefined, "abortSignal")).not.toThrow();
    for (const value of [{}, { aborted: false }, new AbortController(), null, "yes"]) {
      expect(refusal(() => checkAbortSignal(value, "abortSignal"))).toMatchObject({
        name: "InvalidOptionsError",
        option: "abortSignal",
      });
    }
  });

  it("checks a call's abort signal only when the call takes one", () => {
    expect(refusal(() => checkCallOptions({ abortSignal: 1 }, ["abortSignal"]))).toMatchObject({
      option: "abortSignal",
    });
    expect(refusal(() => checkCallOptions({ abortSignal: 1 }, ["other"]))).toMatchObject({
      option: "abortSignal",
      expected: expect.stringContaining("known options"),
    });
  });

  it("names wait timings under the option that holds them", () => {
    expect(refusal(() => checkWaitOptions(5, "waitIfBusy"))).toMatchObject({ option: "waitIfBusy" });
    expect(refusal(() => checkWaitOptions({ maxDelays: 1 }, "waitIfBusy"))).toMatchObject({
      option: "waitIfBusy.maxDelays",
      didYouMean: "waitIfBusy.maxDelay",
    });
    const bad = refusal(() => checkWaitOptions({ minDelay: -1 }, "wait")) as Error;
    expect(bad).toMatchObject({ name: "InvalidOptionsError" });
    expect(bad.message).toMatch(/wait/);
    expect(bad.message).toMatch(/minDelay/);
    expect(() => checkWaitOptions({ minDelay: 1, baseline: {} }, "", ["baseline"])).not.toThrow();
  });
});
