/**
 * Faults are seeded: the same seed and the same upload give the same faults, request for request, so a
 * failing end-to-end run can be replayed exactly; another seed gives other faults.
 */
import { describe, expect, it } from "vitest";
import { buildSample } from "../../scripts/demo/sample.js";
import { expectStoredExactly } from "./expectations.js";
import { FAST_WAIT, startE2E } from "./harness.js";
import { recordWire, type WireRecord } from "./wire-log.js";

const INPUT = buildSample({ images: 600, seed: 61 });
const FAULTS = {
  throttleRate: 0.3,
  internalErrorRate: 0.1,
  dropConnectionRate: 0.05,
  staleStatusMs: 100,
  failNextUpdates: 1,
};

/** One faulted upload on a fresh emulator; the sequence of requests and outcomes it went through. */
async function faultedRun(seed: number): Promise<string[]> {
  const e2e = await startE2E({ seed, faults: FAULTS });
  try {
    const wire = recordWire(e2e.datasets.client);
    await e2e.datasets.upload(e2e.datasetArn, INPUT, { maxRequestBytes: 128 * 1024, wait: FAST_WAIT });
    expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
    return wire.records.map((record: WireRecord) => `${record.operation}:${record.outcome}`);
  } finally {
    await e2e.close();
  }
}

describe("seeded faults", () => {
  it("the same seed replays the same requests and faults; another seed does not", async () => {
    const first = await faultedRun(1234);
    const again = await faultedRun(1234);
    const other = await faultedRun(4321);

    expect(first.filter((step) => !step.endsWith(":ok")).length).toBeGreaterThan(5);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });
});
