/**
 * The README's demo (`npm run demo`), run small: it must keep working, report what it did truthfully, and
 * shut down by itself.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgressDisplay, progressLine } from "../../scripts/demo/progress.js";
import { runDemo } from "../../scripts/demo/run.js";
import type { UploadProgressEvent } from "../../src/index.js";

/** A stream that keeps what is written, as text. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

describe("the demo", () => {
  it("uploads its sample, skips the broken lines, reports flagged entries and labels, and stops", async () => {
    const out = collector();
    const outcome = await runDemo({ images: 2000, out: out.stream, interactive: false });
    const text = out.text();

    const { result } = outcome;
    expect(outcome.badLineNumbers).toHaveLength(4);
    expect(result.linesSkipped.map((line) => line.lineNumber)).toEqual(outcome.badLineNumbers);
    expect(result.statisticsAfter.totalEntries).toBe(2000 - 4);
    expect(result.statisticsAfter.errorEntries).toBe(outcome.surprises.length);
    expect(outcome.surprises.length).toBeGreaterThan(0);
    expect(
      (result.flaggedEntries ?? []).map((entry) => [entry.sourceRef, entry.problems.map((p) => p.code)]),
    ).toEqual(outcome.surprises.map((image) => [image.sourceRef, [image.expectedCode]]));
    expect(outcome.labels.length).toBe(result.statisticsAfter.totalLabels);

    expect(text).toContain("Local Rekognition emulator listening at http://127.0.0.1:");
    expect(text).toContain(`request ${result.requests.length}/${result.requests.length} applied`);
    expect(text).toContain("All 4 deliberately broken lines were caught before sending.");
    expect(text).toContain(
      `Entries the service flagged (ListDatasetEntries, HasErrors): ${outcome.surprises.length}`,
    );
    for (const image of outcome.surprises) expect(text).toContain(image.sourceRef);
    expect(text).toContain("Shutting the emulator down.");
    // No credentials but the emulator's dummy ones ever reach the output.
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
  });

  it("prints plain progress lines with or without totals", () => {
    const base = { requestIndex: 1, requestsDone: 2, linesDone: 5000, bytesDone: 3 * 1024 * 1024 };
    expect(progressLine({ type: "applied", ...base })).toBe("request 2 applied: 5,000 lines, 3.0 MB");
    expect(
      progressLine({
        type: "applied",
        ...base,
        totalLines: 10_000,
        totalBytes: 6 * 1024 * 1024,
        totalRequests: 4,
      }),
    ).toBe("request 2/4 applied: 5,000/10,000 lines, 3.0/6.0 MB (50%)");
    expect(progressLine({ type: "sent", ...base, totalRequests: 4 })).toBe(
      "request 2/4 sent, waiting for the dataset to apply it...",
    );
  });

  it("draws a live bar on a terminal, and falls back to plain lines when totals are unknown", () => {
    const totals = { totalLines: 200, totalBytes: 2000, totalRequests: 2 };
    const events: UploadProgressEvent[] = [
      { type: "sent", requestIndex: 0, requestsDone: 1, linesDone: 100, bytesDone: 1000, ...totals },
      { type: "applied", requestIndex: 0, requestsDone: 1, linesDone: 100, bytesDone: 1000, ...totals },
      { type: "sent", requestIndex: 1, requestsDone: 2, linesDone: 200, bytesDone: 2000, ...totals },
      { type: "applied", requestIndex: 1, requestsDone: 2, linesDone: 200, bytesDone: 2000, ...totals },
    ];
    const terminal = collector();
    Object.assign(terminal.stream, { isTTY: true, columns: 160 });
    const bar = createProgressDisplay({ stream: terminal.stream });
    for (const event of events) bar.onProgress(event);
    bar.stop();
    expect(terminal.text()).toContain("100% | 200 lines | 0.0 MB | request 2/2 applied");
    expect(terminal.text()).not.toContain("{");

    const log = collector();
    const plain = createProgressDisplay({ stream: log.stream, interactive: true });
    plain.onProgress({ type: "applied", requestIndex: 0, requestsDone: 1, linesDone: 100, bytesDone: 1000 });
    plain.stop();
    expect(log.text()).toBe("  request 1 applied: 100 lines, 0.0 MB\n");
  });
});
