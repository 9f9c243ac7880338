import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/local/prng.js";

describe("mulberry32", () => {
  it("replays the same numbers from the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 20; i += 1) expect(a()).toBe(b());
      }),
    );
  });

  it("stays within [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = mulberry32(seed);
        for (let i = 0; i < 50; i += 1) {
          const value = random();
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
        }
      }),
    );
  });

  it("spreads its numbers: about a tenth fall under 0.1", () => {
    const random = mulberry32(123);
    let under = 0;
    for (let i = 0; i < 10_000; i += 1) if (random() < 0.1) under += 1;
    expect(under).toBeGreaterThan(900);
    expect(under).toBeLessThan(1_100);
  });
});
