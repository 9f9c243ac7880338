/**
 * The demo's closing report, as text: what was skipped and why, the dataset's statistics before and after,
 * its labels, what the service flagged, and what the upload took. Pure functions that return lines, so
 * the format can be checked without running an upload.
 *
 * @module
 */
import type {
  DatasetLabel,
  DatasetStatistics,
  FlaggedEntry,
  InvalidLine,
  UploadResult,
} from "../../src/index.js";
import type { BadLineReport } from "./bad-lines.js";
import { count, megabytes } from "./progress.js";
import type { ImageSurprise } from "./s3-images.js";

/** A section title. */
export function heading(title: string): string[] {
  return ["", title, "-".repeat(title.length)];
}

/** Pads cells to column widths; numbers (right-aligned) and text (left-aligned). */
function table(rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === "number" ? count(cell) : cell)));
  const widths =
    cells[0]?.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0))) ?? [];
  return cells.map((row, r) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return typeof rows[r]?.[column] === "number" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("   ")
      .trimEnd(),
  );
}

/**
 * The lines the upload skipped, with their line numbers and codes, and what the demo did to each.
 *
 * @param skipped - `result.linesSkipped`.
 * @param known - the lines the demo broke on purpose, to say what is wrong with each.
 */
export function skippedLinesReport(
  skipped: readonly InvalidLine[],
  known: readonly BadLineReport[],
): string[] {
  const out = heading(`Lines skipped (invalid, never sent): ${skipped.length}`);
  if (skipped.length === 0) return [...out, "  (none)"];
  const rows = skipped.map((line) => [
    `  line ${line.lineNumber}`,
    line.codes.join(", "),
    known.find((bad) => bad.lineNumber === line.lineNumber)?.description ?? "",
  ]);
  // A broken line that got through would be a bug worth shouting about, not hiding.
  const missed = known.filter((bad) => !skipped.some((line) => line.lineNumber === bad.lineNumber));
  const verdict =
    missed.length === 0
      ? [`  All ${known.length} deliberately broken lines were caught before sending.`]
      : missed.map((bad) => `  NOT CAUGHT: line ${bad.lineNumber} (${bad.description})`);
  return [...out, ...table(rows), ...verdict];
}

/**
 * The dataset's statistics before and after the upload, side by side.
 *
 * @param before - `result.statisticsBefore`.
 * @param after - `result.statisticsAfter`.
 */
export function statisticsReport(before: DatasetStatistics, after: DatasetStatistics): string[] {
  const figure = (value: number | undefined) => value ?? "-";
  const rows: (string | number)[][] = [
    ["  statistic", "before", "after"],
    ["  total entries", figure(before.totalEntries), figure(after.totalEntries)],
    ["  labeled entries", figure(before.labeledEntries), figure(after.labeledEntries)],
    ["  labels", figure(before.totalLabels), figure(after.totalLabels)],
    ["  entries with errors", figure(before.errorEntries), figure(after.errorEntries)],
  ];
  return [...heading("Dataset statistics (DescribeDataset)"), ...table(rows)];
}

/**
 * The dataset's labels with how many images and boxes carry each, most used first.
 *
 * @param labels - every label, from `listLabels`.
 */
export function labelsReport(labels: readonly DatasetLabel[]): string[] {
  const sorted = [...labels].sort((a, b) => (b.entryCount ?? 0) - (a.entryCount ?? 0));
  const rows: (string | number)[][] = [
    ["  label", "images", "boxes"],
    ...sorted.map((label) => [`  ${label.name}`, label.entryCount ?? 0, label.boundingBoxCount ?? 0]),
  ];
  return [...heading(`Labels (ListDatasetLabels): ${labels.length}`), ...table(rows)];
}

/**
 * The entries the service flagged after reading them, with each problem's code, place and message, and
 * what the demo did to the image.
 *
 * @param flagged - `result.flaggedEntries`.
 * @param known - the images the demo's emulated S3 holds differently from their lines.
 */
export function flaggedEntriesReport(
  flagged: readonly FlaggedEntry[],
  known: readonly ImageSurprise[],
): string[] {
  const out = heading(`Entries the service flagged (ListDatasetEntries, HasErrors): ${flagged.length}`);
  if (flagged.length === 0) return [...out, "  (none)"];
  for (const entry of flagged) {
    const why = known.find((image) => image.sourceRef === entry.sourceRef)?.description;
    out.push(`  ${entry.sourceRef ?? "(no source-ref)"}${why === undefined ? "" : `  (${why})`}`);
    for (const problem of entry.problems) {
      const where = problem.path === "" ? "" : ` at ${problem.path}`;
      out.push(`    ${problem.severity} ${problem.code}${where}: ${problem.message}`);
    }
  }
  return out;
}

/**
 * What the upload took: requests, lines, bytes, resends, throttled requests retried, time.
 *
 * @param result - the upload's result.
 * @param throttled - requests the service throttled (each retried).
 */
export function summaryReport(result: UploadResult, throttled: number): string[] {
  const resends = result.requests.reduce((total, request) => total + request.sends - 1, 0);
  const rows: (string | number)[][] = [
    ["  requests (UpdateDatasetEntries)", result.requests.length],
    ["  lines sent", result.appliedRequestLines],
    ["  lines skipped", result.linesSkipped.length],
    ["  bytes sent", megabytes(result.appliedRequestBytes)],
    ["  largest request", megabytes(Math.max(0, ...result.requests.map((request) => request.bytes)))],
    ["  requests resent (busy or service error)", resends],
    ["  throttled requests retried", throttled],
    ["  upload time", `${(result.durationMs / 1000).toFixed(1)} s`],
  ];
  return [...heading("Upload"), ...table(rows)];
}
