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
import { DEFAULT_LINE_RULES, type LineRule, type LineRules } from "./service-behaviour.js";

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
 * What the emulator does with a `source-ref` that appears on more than one line of one change. The service
 * does not document it (see "A source-ref repeated within one request" in docs/ARCHITECTURE.md); the
 * library never sends it, so this matters only to code that calls UpdateDatasetEntries itself.
 *
 * - `"keep-first"`: the first line is kept, the later ones are dropped silently.
 * - `"keep-last"`: the last line is kept (at its own place in the change), the earlier ones are dropped.
 * - `"drop-all"`: every line with that source-ref is dropped silently.
 */
export type RepeatedSourceRefRule = "keep-first" | "keep-last" | "drop-all";

/** Every {@link RepeatedSourceRefRule}, for option checks and the command line. @internal */
export const REPEATED_SOURCE_REF_RULES: readonly RepeatedSourceRefRule[] = [
  "keep-first",
  "keep-last",
  "drop-all",
];

/** A line that survived the silent drops, before the repeated source-refs are resolved. */
interface Candidate {
  readonly line: ManifestLine;
  readonly problems: readonly ValidationProblem[];
}

/**
 * Reads a change. Invalid JSON, over-long lines and a missing or malformed `source-ref` are dropped
 * silently; a `source-ref` repeated within the change is resolved by `repeatedSourceRef`; every other
 * line is kept, with the validator's problems attached, and, when an image catalogue is given, the
 * problems the service finds in the images themselves.
 *
 * @param groundTruth - the change's decoded `GroundTruth`.
 * @param images - the emulated S3, when one is configured.
 * @param repeatedSourceRef - which line of a repeated `source-ref` is kept, if any.
 * @param lineRules - what is done with float coordinates, string class indexes and `source-ref`-only lines.
 */
export function processChange(
  groundTruth: Uint8Array,
  images?: LocalImages,
  repeatedSourceRef: RepeatedSourceRefRule = "keep-first",
  lineRules: LineRules = DEFAULT_LINE_RULES,
): ProcessedChange {
  const text = decoder.decode(groundTruth);
  const candidates: Candidate[] = [];
  // Index in `candidates` of the line kept so far for each source-ref; -1 once "drop-all" has dropped it.
  const keptAt = new Map<string, number>();
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
    const problems = applyLineRules(line, parsed.problems, lineRules);
    if (problems === undefined) {
      dropped += 1;
      continue;
    }
    const sourceRef = line["source-ref"];
    const earlier = keptAt.get(sourceRef);
    if (earlier === undefined) {
      keptAt.set(sourceRef, candidates.length);
      candidates.push({ line, problems });
      continue;
    }
    if (repeatedSourceRef === "keep-first") {
      dropped += 1;
      continue;
    }
    if (repeatedSourceRef === "drop-all") {
      // This line, and the earlier one the first time it repeats.
      dropped += earlier === -1 ? 1 : 2;
      keptAt.set(sourceRef, -1);
      continue;
    }
    dropped += 1;
    keptAt.set(sourceRef, candidates.length);
    candidates.push({ line, problems });
  }
  const entries: StoredEntry[] = [];
  candidates.forEach((candidate, index) => {
    if (keptAt.get(candidate.line["source-ref"]) !== index) return;
    const problems =
      images === undefined
        ? candidate.problems
        : [...candidate.problems, ...imageProblems(candidate.line, images)];
    entries.push(storedEntry(candidate.line, problems));
  });
  return { entries, lines, dropped };
}

/** The keys a line with nothing but its image may hold. */
const SOURCE_REF_KEYS: ReadonlySet<string> = new Set(["source-ref", "source-ref-metadata"]);

/** The error a flagged doubtful label attribute gets: "the schema for the label attribute key is ... invalid". */
const FLAGGED_ATTRIBUTE_CODE = "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT";

/**
 * Applies the configured answers to the undocumented cases (see docs/SERVICE-BEHAVIOUR.md): the line's
 * problems as the service would record them, or `undefined` when it drops the line.
 */
function applyLineRules(
  line: ManifestLine,
  problems: readonly ValidationProblem[],
  rules: LineRules,
): readonly ValidationProblem[] | undefined {
  let result = problems;
  if (Object.keys(line).every((key) => SOURCE_REF_KEYS.has(key))) {
    if (rules.sourceRefOnlyLine === "drop") return undefined;
    if (rules.sourceRefOnlyLine === "accept") {
      result = result.filter((problem) => problem.code !== "ERROR_NO_LABEL_ATTRIBUTES");
    }
  }
  const doubtful: readonly [string, LineRule][] = [
    ["NON_INTEGER_COORDINATE", rules.floatCoordinates],
    ["STRING_CLASS_INDEX", rules.stringClassIndex],
  ];
  for (const [code, rule] of doubtful) {
    if (rule === "accept" || !result.some((problem) => problem.code === code)) continue;
    if (rule === "drop") return undefined;
    result = result.map((problem) =>
      problem.code === code
        ? { ...problem, code: FLAGGED_ATTRIBUTE_CODE, severity: "error" as const }
        : problem,
    );
  }
  return result;
}
