/**
 * Reads one UpdateDatasetEntries change (`Changes.GroundTruth`) as the service does: line by line, silently
 * dropping what it cannot use and keeping the rest with their problems.
 *
 * @module
 */

import { parseManifestLine, SILENTLY_DROPPED_CODES, type ValidationProblem } from "../manifest/index.js";
import { lineLabels } from "../manifest/labels.js";
import type { ManifestLine } from "../manifest/types.js";
import { annotateEntry } from "./entry-problems.js";
import { imageProblems, type LocalImages } from "./images.js";

/** One dataset entry as the emulator stores it. */
export interface StoredEntry {
  /** The entry's identity. */
  readonly sourceRef: string;
  /** The line as it was sent. */
  readonly line: ManifestLine;
  /** The line as ListDatasetEntries returns it: with `cl-metadata` and its problems attached. */
  readonly text: string;
  /** Its labels, each with its count of bounding boxes on this image. */
  readonly labels: ReadonlyMap<string, number>;
  /** Whether it carries at least one label. */
  readonly isLabeled: boolean;
  /** Whether it has at least one error (warnings do not count). */
  readonly hasErrors: boolean;
}

/** The outcome of reading one change. */
export interface ProcessedChange {
  /** Entries to upsert, in order; no two share a source-ref. */
  readonly entries: readonly StoredEntry[];
  /** Non-blank lines read. */
  readonly lines: number;
  /** Lines dropped without a trace, as the service does. */
  readonly dropped: number;
}

const decoder = new TextDecoder("utf-8");

/** Builds a stored entry from a line and its problems. */
export function storedEntry(line: ManifestLine, problems: readonly ValidationProblem[]): StoredEntry {
  const labels = lineLabels(line).boxesByLabel;
  const isLabeled = labels.size > 0;
  return {
    sourceRef: line["source-ref"],
    line,
    text: JSON.stringify(annotateEntry(line, problems, isLabeled)),
    labels,
    isLabeled,
    hasErrors: problems.some((problem) => problem.severity === "error"),
  };
}

/**
 * Reads a change. Invalid JSON, over-long lines, a missing or malformed `source-ref` and a `source-ref`
 * already seen in this change are dropped silently (the first occurrence is kept); every other line is
 * kept, with the validator's problems attached, and, when an image catalogue is given, the problems the
 * service finds in the images themselves.
 */
export function processChange(groundTruth: Uint8Array, images?: LocalImages): ProcessedChange {
  const text = decoder.decode(groundTruth);
  const entries: StoredEntry[] = [];
  const seen = new Set<string>();
  let lines = 0;
  let dropped = 0;
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber += 1;
    let raw = text.slice(start, end);
    start = end + 1;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.trim() === "") continue;
    lines += 1;
    const parsed = parseManifestLine(raw, lineNumber);
    const line = parsed.line;
    if (line === undefined || parsed.problems.some((problem) => SILENTLY_DROPPED_CODES.has(problem.code))) {
      dropped += 1;
      continue;
    }
    const sourceRef = line["source-ref"];
    if (seen.has(sourceRef)) {
      dropped += 1;
      continue;
    }
    seen.add(sourceRef);
    const problems =
      images === undefined ? parsed.problems : [...parsed.problems, ...imageProblems(line, images)];
    entries.push(storedEntry(line, problems));
  }
  return { entries, lines, dropped };
}
