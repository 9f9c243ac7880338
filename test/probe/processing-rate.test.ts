import { describe, expect, it } from "vitest";
import { fitProcessingRate } from "../../src/probe/experiments/processing-rate.js";

const sample = (bytes: number, seconds: number) => ({ bytes, seconds, fromServiceTimestamps: true });

describe("fitProcessingRate", () => {
  it("finds the fixed time and the rate of updates that follow a straight line", () => {
    const rate = fitProcessingRate([sample(1_000, 3), sample(101_000, 4), sample(1_001_000, 13)]);
    expect(rate.bytesPerSecond).toBeCloseTo(100_000, 3);
    expect(rate.baseSeconds).toBeCloseTo(2.99, 3);
  });

  it("tells no rate when bigger updates were not slower, or all had one size", () => {
    expect(fitProcessingRate([sample(1_000, 5), sample(1_000_000, 4)]).bytesPerSecond).toBeUndefined();
    expect(fitProcessingRate([sample(1_000, 5), sample(1_000, 6)])).toMatchObject({
      bytesPerSecond: undefined,
      baseSeconds: 5.5,
    });
  });
});
