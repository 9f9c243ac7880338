/**
 * Reads the problems the service attached to a dataset entry (a JSON line from ListDatasetEntries).
 *
 * The service reports non-terminal problems as lists of `{code, message}` at every level of the line: the
 * image, a label attribute's value, its `-metadata`, and single annotation items. The API reference
 * ("ListDatasetEntries", https://docs.aws.amazon.com/rekognition/latest/APIReference/API_ListDatasetEntries.html)
 * calls the key `errors`, examples in the Custom Labels developer guide show `cl-errors`, and warnings sit
 * under `warnings` ("Debugging non-terminal dataset errors",
 * https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/debugging-datasets-non-terminal-errors.html),
 * so all three are read wherever they appear.
 *
 * @module
 */
import type { EntryProblem, FlaggedEntry } from "./types.js";

/** Keys that hold problem lists, and the severity of what they hold. */
const PROBLEM_KEYS: ReadonlyMap<string, EntryProblem["severity"]> = new Map([
  ["errors", "error"],
  ["cl-errors", "error"],
  ["warnings", "warning"],
]);

/** Deepest nesting walked; service lines are a few levels deep, this only stops pathological input. */
const MAX_DEPTH = 64;

/** Code given to an entry that is not a JSON object, which the service never returns. */
const UNREADABLE_ENTRY = "UNREADABLE_ENTRY";

function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

function collectList(
  list: unknown,
  path: string,
  severity: EntryProblem["severity"],
  out: EntryProblem[],
): void {
  const items = Array.isArray(list) ? list : [list];
  for (const item of items) {
    if (typeof item === "string") {
      out.push({ code: item, message: "", path, severity });
    } else if (typeof item === "object" && item !== null) {
      const { code, message } = item as { code?: unknown; message?: unknown };
      if (typeof code !== "string" && typeof message !== "string") continue;
      out.push({
        code: typeof code === "string" ? code : "UNKNOWN",
        message: typeof message === "string" ? message : "",
        path,
        severity,
      });
    }
  }
}

function walk(value: unknown, path: string, depth: number, out: EntryProblem[]): void {
  if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], `${path}[${i}]`, depth + 1, out);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const severity = PROBLEM_KEYS.get(key);
    if (severity === undefined) walk(child, childPath(path, key), depth + 1, out);
    else collectList(child, path, severity, out);
  }
}

function parseEntry(entryJsonLine: string): Record<string, unknown> | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(entryJsonLine);
  } catch {
    return undefined;
  }
  return typeof entry === "object" && entry !== null && !Array.isArray(entry)
    ? (entry as Record<string, unknown>)
    : undefined;
}

function problemsOf(entry: Record<string, unknown> | undefined): EntryProblem[] {
  if (entry === undefined) {
    return [
      {
        code: UNREADABLE_ENTRY,
        message: "The entry is not a JSON object, so its problems cannot be read.",
        path: "",
        severity: "error",
      },
    ];
  }
  const problems: EntryProblem[] = [];
  walk(entry, "", 0, problems);
  return problems;
}

/**
 * Every problem the service reported on one dataset entry, from its `errors`, `cl-errors` and `warnings`
 * lists at every level, in document order. `path` locates the object that held the list, e.g. `""` for the
 * image, `"bounding-box"`, `"bounding-box-metadata"` or `"bounding-box.annotations[1]"`. Never throws: an
 * entry that is not a JSON object gives one `UNREADABLE_ENTRY` problem.
 *
 * @param entryJsonLine - one entry as ListDatasetEntries returns it.
 */
export function readEntryProblems(entryJsonLine: string): EntryProblem[] {
  return problemsOf(parseEntry(entryJsonLine));
}

/**
 * One flagged entry: its `source-ref` and its problems (see {@link readEntryProblems}).
 *
 * @param entryJsonLine - one entry as ListDatasetEntries returns it.
 */
export function readFlaggedEntry(entryJsonLine: string): FlaggedEntry {
  const entry = parseEntry(entryJsonLine);
  const problems = problemsOf(entry);
  const sourceRef = entry?.["source-ref"];
  return typeof sourceRef === "string" ? { sourceRef, problems } : { problems };
}
