/**
 * The end-to-end invariants under random (but seeded, so replayable) fault mixes, through the real SDK:
 * - an upload completes with the input stored exactly, or stops with a typed error and the dataset holds
 *   exactly the lines its result names as applied; at every "applied" event the dataset really holds them;
 * - aborted anywhere and resumed from its checkpoint, an upload ends with the input stored exactly, and the
 *   resumed run sends no line of the applied prefix again.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSample } from "../../scripts/demo/sample.js";
import type { Checkpoint, CheckpointStore } from "../../src/index.js";
import type { FaultOptions } from "../../src/local/index.js";
import {
  expectCompleteOrExactPrefix,
  expectStoredExactly,
  outcomeOf,
  ProgressProbe,
  sourceRefOf,
} from "./expectations.js";
import { FAST_WAIT, startE2E } from "./harness.js";
import { recordWire } from "./wire-log.js";

const INPUT = buildSample({ images: 300, seed: 81 });
const MAX_REQUEST_BYTES = 32 * 1024;

const rate = (max: number) => fc.double({ min: 0, max, noNaN: true });

/** A mix of every fault the emulator injects. */
const faultMix: fc.Arbitrary<FaultOptions> = fc.record({
  throttleRate: rate(0.4),
  internalErrorRate: rate(0.2),
  dropConnectionRate: rate(0.1),
  dropResponseRate: rate(0.1),
  staleStatusMs: fc.integer({ min: 0, max: 200 }),
  updateFailureRate: rate(0.2),
  updateFailureCode: fc.constantFrom("SERVICE_ERROR" as const, "CLIENT_ERROR" as const),
});

describe("end-to-end invariants under random fault mixes", () => {
  it("an upload completes with the input stored, or stops with exactly the applied prefix stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        faultMix,
        fc.integer({ min: 2, max: 10 }),
        async (seed, faults, attempts) => {
          const run = await startE2E({ seed, faults, retry: { attempts, minDelay: 1, maxDelay: 3 } });
          try {
            const probe = new ProgressProbe(run.local, run.datasetArn);
            const outcome = await outcomeOf(
              run.datasets.upload(run.datasetArn, INPUT, {
                maxRequestBytes: MAX_REQUEST_BYTES,
                wait: FAST_WAIT,
                onProgress: probe.onProgress,
              }),
            );
            expectCompleteOrExactPrefix(run.local, run.datasetArn, INPUT, outcome);
            for (const check of probe.heldAtApplied) expect(check.held).toBe(check.expected);
            if (outcome.kind === "completed") probe.expectConsistentWith(outcome.result);
          } finally {
            await run.close();
          }
        },
      ),
      { numRuns: 12, seed: 20261122 },
    );
  });

  it("aborted at any step and resumed, the input ends up stored and no applied line is sent again", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        rate(0.3),
        fc.integer({ min: 0, max: 150 }),
        async (seed, abortAtEvent, throttleRate, staleStatusMs) => {
          const run = await startE2E({ seed, faults: { throttleRate, staleStatusMs } });
          try {
            const saved: Checkpoint[] = [];
            const checkpoint: CheckpointStore = {
              load: async () => saved.at(-1),
              save: async (value) => {
                saved.push(value);
              },
            };
            const controller = new AbortController();
            let events = 0;
            const first = await outcomeOf(
              run.datasets.upload(run.datasetArn, INPUT, {
                maxRequestBytes: MAX_REQUEST_BYTES,
                wait: FAST_WAIT,
                checkpoint,
                abortSignal: controller.signal,
                onProgress: () => {
                  if (events++ === abortAtEvent) controller.abort(new Error("stopped by the test"));
                },
              }),
            );
            expectCompleteOrExactPrefix(run.local, run.datasetArn, INPUT, first);
            const applied = first.kind === "completed" ? first.result : first.error.result;
            if (first.kind === "stopped") expect(first.error.name).toBe("UploadAbortedError");

            const wire = recordWire(run.datasets.client);
            const resumed = await run.datasets.upload(run.datasetArn, INPUT, {
              maxRequestBytes: MAX_REQUEST_BYTES,
              wait: FAST_WAIT,
              checkpoint,
            });

            expectStoredExactly(run.local, run.datasetArn, INPUT);
            expect(resumed.appliedLines).toBe(INPUT.length);
            const prefix = new Set(INPUT.slice(0, applied.appliedLines).map(sourceRefOf));
            const resent = wire
              .of("UpdateDatasetEntries")
              .flatMap((record) => record.sourceRefs ?? [])
              .filter((ref) => prefix.has(ref));
            expect(resent).toEqual([]);
          } finally {
            await run.close();
          }
        },
      ),
      { numRuns: 10, seed: 20261123 },
    );
  });
});
