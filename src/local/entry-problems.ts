/**
 * Places an entry's validation problems where ListDatasetEntries shows them: `{code, message}` lists
 * named `errors` (and `warnings`) at the level the problem concerns, i.e. the whole line, a label
 * attribute's value, its metadata, or one annotation.
 *
 * @module
 */

import type { ValidationProblem } from "../manifest/index.js";
import type { ManifestLine } from "../manifest/types.js";

/** One problem as ListDatasetEntries returns it. */
export interface EntryProblem {
  /** The service's code (or ours where it has none). */
  readonly code: string;
  /** What is wrong. */
  readonly message: string;
}

type MutableObject = Record<string, unknown>;

function isObject(value: unknown): value is MutableObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first key of a problem path: `"box.annotations[2].width"` gives `"box"`. */
function rootKey(path: string): string {
  const end = path.search(/[.[]/);
  return end === -1 ? path : path.slice(0, end);
}

const ANNOTATION_INDEX = /^[^.[]+\.annotations\[(\d+)\]/;

function push(target: MutableObject, severity: ValidationProblem["severity"], problem: EntryProblem): void {
  const key = severity === "error" ? "errors" : "warnings";
  const list = target[key];
  if (Array.isArray(list)) list.push(problem);
  else target[key] = [problem];
}

/**
 * Returns a copy of `line` with each problem attached at its level, plus `cl-metadata.is_labeled`. Only
 * the objects that receive a list are copied; the stored line is never changed.
 */
export function annotateEntry(
  line: ManifestLine,
  problems: readonly ValidationProblem[],
  isLabeled: boolean,
): MutableObject {
  const out: MutableObject = { ...line };
  // Lists the service computes replace whatever the sender put there.
  delete out.errors;
  delete out.warnings;
  out["cl-metadata"] = { is_labeled: isLabeled };
  const copied = new Set<string>();
  const own = (key: string): MutableObject | undefined => {
    const value = out[key];
    if (!isObject(value)) return undefined;
    if (copied.has(key)) return value;
    const copy: MutableObject = { ...value };
    delete copy.errors;
    delete copy.warnings;
    if (Array.isArray(copy.annotations)) copy.annotations = [...copy.annotations];
    out[key] = copy;
    copied.add(key);
    return copy;
  };
  const ours = new WeakSet<object>();
  const lineLevel: { severity: ValidationProblem["severity"]; problem: EntryProblem }[] = [];
  for (const { code, message, path, severity } of problems) {
    const problem: EntryProblem = { code, message };
    const root = rootKey(path);
    const isAttribute = root !== "" && root !== "source-ref" && root in line && !root.endsWith("-metadata");
    const target = isAttribute || root.endsWith("-metadata") ? placeIn(root, path, own, ours) : undefined;
    if (target === undefined) lineLevel.push({ severity, problem });
    else push(target, severity, problem);
  }
  for (const { severity, problem } of lineLevel) push(out, severity, problem);
  return out;
}

function placeIn(
  root: string,
  path: string,
  own: (key: string) => MutableObject | undefined,
  ours: WeakSet<object>,
): MutableObject | undefined {
  if (root.endsWith("-metadata")) return own(root);
  const value = own(root);
  if (value === undefined) return own(`${root}-metadata`);
  const match = ANNOTATION_INDEX.exec(path);
  if (match !== null && Array.isArray(value.annotations)) {
    const index = Number(match[1]);
    const annotation: unknown = value.annotations[index];
    if (isObject(annotation)) {
      if (ours.has(annotation)) return annotation;
      const copy: MutableObject = { ...annotation };
      delete copy.errors;
      delete copy.warnings;
      ours.add(copy);
      value.annotations[index] = copy;
      return copy;
    }
  }
  return value;
}
