/**
 * Invalid lines through the whole path: `"skip"` sends the rest and reports each skipped line with its
 * number and codes; the default `"stop"` sends nothing at all for an array input.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withBadLines } from "../../scripts/demo/bad-lines.js";
import { buildSample } from "../../scripts/demo/sample.js";
import { isInvalidLinesError } from "../../src/index.js";
import { expectStoredExactly, outcomeOf, ProgressProbe } from "./expectations.js";
import { type E2E, FAST_WAIT, startE2E } from "./harness.js";
import { recordWire } from "./wire-log.js";

const MAX_REQUEST_BYTES = 256 * 1024;
const SAMPLE = withBadLines(buildSample({ images: 1000, seed: 31 }), 200);

let e2e: E2E;

beforeEach(async () => {
  e2e = await startE2E();
});

afterEach(async () => {
  await e2e.close();
});

describe("an input with deliberately bad lines", () => {
  it("has one bad line of each kind, spread over the input", () => {
    expect(SAMPLE.badLines.map((bad) => bad.expectedCode)).toEqual([
      "ERROR_INVALID_BOUNDING_BOX",
      "ERROR_INVALID_SOURCE_REF_FORMAT",
      "ERROR_INVALID_LABEL_NAME_LENGTH",
      "INVALID_JSON",
    ]);
    expect(SAMPLE.validLines).toHaveLength(SAMPLE.lines.length - 4);
  });

  it('"skip" stores every valid line and reports each skipped one with its line number and codes', async () => {
    const probe = new ProgressProbe(e2e.local, e2e.datasetArn);
    const result = await e2e.datasets.upload(e2e.datasetArn, SAMPLE.lines, {
      onInvalidLine: "skip",
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
      onProgress: probe.onProgress,
    });

    expect(result.linesSkipped.map(({ lineNumber, codes }) => ({ lineNumber, codes }))).toEqual(
      SAMPLE.badLines.map((bad) => ({ lineNumber: bad.lineNumber, codes: [bad.expectedCode] })),
    );
    expectStoredExactly(e2e.local, e2e.datasetArn, SAMPLE.validLines);
    expect(result.appliedRequestLines).toBe(SAMPLE.validLines.length);
    // Skipped lines are done too: a resume starts after them.
    expect(result.inputLinesDone).toBe(SAMPLE.lines.length);
    expect(result.lastLineDone).toBe(SAMPLE.lines.length);
    expect(result.statisticsAfter.errorEntries).toBe(0);
    expect(result.statisticsAfter.totalEntries).toBe(SAMPLE.validLines.length);
    probe.expectConsistentWith(result);
  });

  it('"stop" (the default) refuses the whole input before sending anything, listing every bad line', async () => {
    const wire = recordWire(e2e.datasets.client);
    const outcome = await outcomeOf(
      e2e.datasets.upload(e2e.datasetArn, SAMPLE.lines, {
        maxRequestBytes: MAX_REQUEST_BYTES,
        wait: FAST_WAIT,
      }),
    );

    expect(outcome.kind).toBe("stopped");
    if (outcome.kind !== "stopped" || !isInvalidLinesError(outcome.error)) {
      throw new Error("expected an InvalidLinesError");
    }
    expect(outcome.error.invalidLines.map((line) => [line.lineNumber, line.codes])).toEqual(
      SAMPLE.badLines.map((bad) => [bad.lineNumber, [bad.expectedCode]]),
    );
    expect(outcome.error.result.inputLinesDone).toBe(0);
    expect(wire.of("UpdateDatasetEntries")).toEqual([]);
    expect(e2e.local.entries(e2e.datasetArn)).toEqual([]);
  });

  it('"stop" on a source read once sends the lines before the bad one, then stops naming exactly what is applied', async () => {
    async function* once() {
      yield* SAMPLE.lines;
    }
    const outcome = await outcomeOf(
      e2e.datasets.upload(e2e.datasetArn, once(), { maxRequestBytes: 64 * 1024, wait: FAST_WAIT }),
    );

    if (outcome.kind !== "stopped" || !isInvalidLinesError(outcome.error)) {
      throw new Error("expected an InvalidLinesError");
    }
    const first = SAMPLE.badLines[0]!;
    expect(outcome.error.invalidLines.map((line) => line.lineNumber)).toEqual([first.lineNumber]);
    const { result } = outcome.error;
    // Requests that ended before the bad line were applied; none carried it.
    expect(result.requests.length).toBeGreaterThan(0);
    expect(result.lastLineDone).toBeLessThan(first.lineNumber);
    expectStoredExactly(e2e.local, e2e.datasetArn, SAMPLE.validLines.slice(0, result.inputLinesDone));
  });
});
