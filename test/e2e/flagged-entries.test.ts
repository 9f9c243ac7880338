/**
 * `reportFlaggedEntries: true` reads back, through ListDatasetEntries with `HasErrors`, exactly the entries
 * the emulator flagged. The upload itself never sends a line with an error, so the flagged entries here
 * were written by another program straight through the SDK before the upload.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORRUPTIONS } from "../../scripts/demo/bad-lines.js";
import { buildSample } from "../../scripts/demo/sample.js";
import type { ManifestLine } from "../../src/index.js";
import { expectStoredExactly } from "./expectations.js";
import { type E2E, FAST_WAIT, sendRawUpdate, startE2E } from "./harness.js";

const INPUT = buildSample({ images: 600, seed: 51 });

/**
 * Lines the service keeps but flags: a box past the image's edge and an over-long label name (a bad
 * source-ref or broken JSON would be dropped silently, never flagged).
 */
function flawedLines(): { line: ManifestLine; code: string }[] {
  const originals = buildSample({ images: 40, seed: 52, bucket: "demo-shelf-photos" }).map((line) => ({
    ...line,
    "source-ref": line["source-ref"].replace("/shelves/", "/legacy-import/"),
  }));
  const flawed: { line: ManifestLine; code: string }[] = [];
  for (const corruption of CORRUPTIONS) {
    if (
      corruption.expectedCode !== "ERROR_INVALID_BOUNDING_BOX" &&
      corruption.expectedCode !== "ERROR_INVALID_LABEL_NAME_LENGTH"
    ) {
      continue;
    }
    let made = 0;
    for (const original of originals) {
      if (made === 2) break;
      if (flawed.some((entry) => entry.line["source-ref"] === original["source-ref"])) continue;
      const line = corruption.corrupt(original);
      if (line === undefined || typeof line === "string") continue;
      flawed.push({ line, code: corruption.expectedCode });
      made++;
    }
  }
  return flawed;
}

let e2e: E2E;

beforeEach(async () => {
  e2e = await startE2E();
});

afterEach(async () => {
  await e2e.close();
});

describe("reading the entries the service flagged", () => {
  it("reports exactly the flagged entries, with their source-refs and codes", async () => {
    const flawed = flawedLines();
    expect(flawed).toHaveLength(4);
    await sendRawUpdate(e2e.datasets.client, e2e.datasetArn, [
      ...flawed.map((entry) => entry.line),
      ...INPUT.slice(0, 10),
    ]);

    const result = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: 128 * 1024,
      wait: FAST_WAIT,
      reportFlaggedEntries: true,
    });

    expect(result.statisticsAfter.errorEntries).toBe(flawed.length);
    const reported = (result.flaggedEntries ?? []).map((entry) => ({
      sourceRef: entry.sourceRef,
      codes: [...new Set(entry.problems.filter((p) => p.severity === "error").map((p) => p.code))],
    }));
    expect(reported).toEqual(
      flawed.map((entry) => ({ sourceRef: entry.line["source-ref"], codes: [entry.code] })),
    );
    // Each problem says where on the entry it is, as the service's lists place it.
    expect(
      (result.flaggedEntries ?? []).map((entry) => entry.problems.map((problem) => problem.path)),
    ).toEqual(
      flawed.map((entry) =>
        entry.code === "ERROR_INVALID_BOUNDING_BOX"
          ? ["bounding-box.annotations[0]"]
          : [expect.stringMatching(/^[a-z-]+-metadata$/)],
      ),
    );
    // The same entries the emulator holds with errors, read straight from it.
    const withErrors = e2e.local
      .entryLines(e2e.datasetArn)
      .filter((text) => /"(errors|cl-errors)"/.test(text))
      .map((text) => (JSON.parse(text) as ManifestLine)["source-ref"]);
    expect(reported.map((entry) => entry.sourceRef)).toEqual(withErrors);
    // The flagged entries are still there, and the upload's lines (ten of them re-sent) are stored as given.
    expectStoredExactly(e2e.local, e2e.datasetArn, [...flawed.map((entry) => entry.line), ...INPUT]);
  });

  it("reports an empty list when nothing is flagged", async () => {
    const result = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      wait: FAST_WAIT,
      reportFlaggedEntries: true,
    });

    expect(result.flaggedEntries).toEqual([]);
    expect(result.statisticsAfter.errorEntries).toBe(0);
  });
});
