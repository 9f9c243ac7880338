import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../src/local/faults.js";
import { mulberry32 } from "../../src/local/prng.js";

describe("FaultInjector", () => {
  it("decides nothing without faults", () => {
    const faults = new FaultInjector({}, mulberry32(1));
    for (let i = 0; i < 20; i += 1)
      expect(faults.decide("DescribeDataset")).toEqual({ fault: { kind: "none" }, latencyMs: 0 });
    expect(faults.decideUpdateFailure()).toBeUndefined();
  });

  it("draws the same numbers whatever the rates, so one rate does not shift the others' decisions", () => {
    const withThrottle = new FaultInjector({ throttleRate: 0.5, internalErrorRate: 0.3 }, mulberry32(9));
    const withoutThrottle = new FaultInjector({ internalErrorRate: 0.3 }, mulberry32(9));
    let compared = 0;
    for (let i = 0; i < 50; i += 1) {
      const a = withThrottle.decide("X").fault;
      const b = withoutThrottle.decide("X").fault;
      if (a.kind === "error" && a.type === "InternalServerError") {
        expect(b).toEqual(a);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("lets an operation's own fault win over the global one", () => {
    const faults = new FaultInjector(
      {
        internalErrorRate: 1,
        latencyMs: 5,
        operations: { DescribeDataset: { internalErrorRate: 0, latencyMs: 0 } },
      },
      mulberry32(1),
    );
    expect(faults.decide("DescribeDataset")).toEqual({ fault: { kind: "none" }, latencyMs: 0 });
    expect(faults.decide("ListDatasetEntries")).toEqual({
      fault: { kind: "error", type: "InternalServerError" },
      latencyMs: 5,
    });
  });

  it("counts forced update failures down, and setFaults can re-arm them", () => {
    const faults = new FaultInjector(
      { failNextUpdates: 2, updateFailureCode: "CLIENT_ERROR" },
      mulberry32(1),
    );
    expect([
      faults.decideUpdateFailure(),
      faults.decideUpdateFailure(),
      faults.decideUpdateFailure(),
    ]).toEqual(["CLIENT_ERROR", "CLIENT_ERROR", undefined]);
    expect(faults.current.failNextUpdates).toBe(0);
    faults.set({ failNextUpdates: 1, updateFailureCode: "SERVICE_ERROR" });
    expect(faults.decideUpdateFailure()).toBe("SERVICE_ERROR");
  });

  it.each([
    [{ dropConnectionRate: -0.1 }, /dropConnectionRate/],
    [{ latencyMs: Number.NaN }, /latencyMs/],
    [{ operations: { X: { throttleRate: 3 } } }, /operations\.X\.throttleRate/],
    [{ updateFailureCode: "NOPE" }, /updateFailureCode/],
  ])("refuses %o", (faults, pattern) => {
    expect(() => new FaultInjector(faults as never, mulberry32(1))).toThrow(pattern);
  });
});
