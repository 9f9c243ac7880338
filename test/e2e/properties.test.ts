/**
 * The end-to-end invariants under random (but seeded, so replayable) fault mixes, through the real SDK:
 * - an upload completes with the input stored exactly, or stops with a typed error and the dataset holds
 *   exactly the lines its result names as applied; at every "applied" event the dataset really holds them;
 * - aborted anywhere and resumed from its checkpoint, an upload (broken lines skipped, some images stated
 *   twice) ends with the input stored exactly, every broken line reported once, and the resumed run sends no
 *   line of the applied prefix again.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withBadLines } from "../../scripts/demo/bad-lines.js";
import { buildSample } from "../../scripts/demo/sample.js";
import type { Checkpoint, CheckpointStore, ManifestLine } from "../../src/index.js";
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

const INPUT = buildSample({ images: 200, seed: 81 });

/** An input with broken lines and images stated twice (the second time with an extra key). */
const MIXED = withBadLines(
  [
    ...INPUT.slice(0, 100),
    ...INPUT.slice(10, 30).map((line) => ({ ...line, "review-note": "restated" }) as ManifestLine),
    ...INPUT.slice(100),
  ],
  40,
);

/** Each image's last statement, in the order images first appear (how the dataset keeps them). */
function lastStatementWins(lines: readonly ManifestLine[]): ManifestLine[] {
  const byImage = new Map<string, ManifestLine>();
  for (const line of lines) byImage.set(sourceRefOf(line), line);
  return [...byImage.values()];
}

/** A line's source-ref, or `""` for a line given as (broken) text. */
function refOf(line: ManifestLine | string): string {
  return typeof line === "string" ? "" : sourceRefOf(line);
}
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
          const run = await startE2E({ seed, faults, retry: { attempts, minDelayMs: 1, maxDelayMs: 3 } });
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
      { numRuns: 8, seed: 20261122 },
    );
  });

  it("aborted at any step and resumed, the input ends up stored and no applied line is sent again", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        rate(0.3),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 8, max: 64 }),
        async (seed, abortAtEvent, throttleRate, staleStatusMs, kib) => {
          const run = await startE2E({ seed, faults: { throttleRate, staleStatusMs } });
          try {
            const saved: Checkpoint[] = [];
            const checkpoint: CheckpointStore = {
              load: async () => saved.at(-1),
              save: async (value) => {
                saved.push(value);
              },
            };
            const options = {
              maxRequestBytes: kib * 1024,
              wait: FAST_WAIT,
              checkpoint,
              onInvalidLine: "skip" as const,
            };
            const controller = new AbortController();
            let events = 0;
            const first = await outcomeOf(
              run.datasets.upload(run.datasetArn, MIXED.lines, {
                ...options,
                abortSignal: controller.signal,
                onProgress: () => {
                  if (events++ === abortAtEvent) controller.abort(new Error("stopped by the test"));
                },
              }),
            );
            const applied = first.kind === "completed" ? first.result : first.error.result;
            if (first.kind === "stopped") expect(first.error.name).toBe("UploadAbortedError");

            const wire = recordWire(run.datasets.client);
            const resumed = await run.datasets.upload(run.datasetArn, MIXED.lines, options);

            // The later statement of an image wins, as a single upload of the whole input would leave it.
            expectStoredExactly(run.local, run.datasetArn, lastStatementWins(MIXED.validLines));
            expect(resumed.inputLinesDone).toBe(MIXED.lines.length);
            // Every bad line reported once over both runs: before the point the second resumed from (the
            // checkpoint, or the end of a request in flight the dataset showed applied) by the first, after by the second.
            const skipped = [
              ...applied.linesSkipped.filter((line) => line.lineNumber <= (resumed.resumedFromLine ?? 0)),
              ...resumed.linesSkipped,
            ];
            expect(skipped.map((line) => line.lineNumber)).toEqual(
              MIXED.badLines.map((bad) => bad.lineNumber),
            );
            // No line of the applied prefix is sent again (unless the input states its image again later).
            const done = MIXED.lines.slice(0, applied.inputLinesDone);
            const rest = new Set(MIXED.lines.slice(applied.inputLinesDone).map(refOf));
            const prefix = new Set(done.map(refOf).filter((ref) => !rest.has(ref)));
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
      { numRuns: 8, seed: 20261123 },
    );
  });
});
