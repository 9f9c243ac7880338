/**
 * YOLO class names: from the data YAML's `names` (a list, or a map of class index to name), or from a
 * classes file (`classes.txt`, darknet's `obj.names`: one name per line, the line's index is the class).
 *
 * @module
 * @internal
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

/** Class names by class index. */
export type ClassNames = ReadonlyMap<number, string>;

/** Why a names source cannot be used: what is wrong and, when known, the 1-based line. */
export interface ClassNamesProblem {
  /** What is wrong. */
  readonly problem: string;
  /** The 1-based line, when the problem has one place. */
  readonly line?: number;
}

/** The names, or why there are none. */
export type ClassNamesResult = { readonly names: ClassNames } | ClassNamesProblem;

/** A class name as written, trimmed of the spaces YAML and text editors leave around it. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/**
 * Reads `names` from a data YAML's text (Ultralytics `data.yaml`): `names: [a, b]` or
 * `names: {0: a, 1: b}`. The map's keys must be non-negative integers; `nc`, when given, must match.
 *
 * @param text - the YAML file's content.
 */
export function classNamesFromYaml(text: string): ClassNamesResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    return { problem: `not valid YAML: ${error.message.split("\n")[0]}`, line };
  }
  const root = document.contents;
  if (!isMap(root)) return { problem: "the YAML is not a mapping with a `names` key" };
  const namesNode = root.get("names", true);
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range === undefined ? undefined : lineCounter.linePos(range[0]).line;
  };
  const at = (node: unknown): { line?: number } => {
    const line = lineAt(node);
    return line === undefined ? {} : { line };
  };
  if (namesNode === undefined)
    return { problem: "the YAML has no `names` (a list, or a map of class index to name)" };
  const names = new Map<number, string>();
  if (isSeq(namesNode)) {
    for (let i = 0; i < namesNode.items.length; i++) {
      const item = namesNode.items[i];
      const name = nameOf(isScalar(item) ? item.value : undefined);
      if (name === undefined) return { problem: `names[${i}] is not a class name`, ...at(item) };
      names.set(i, name);
    }
  } else if (isMap(namesNode)) {
    for (const pair of namesNode.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const index =
        typeof key === "number" ? key : typeof key === "string" && /^\d+$/.test(key) ? Number(key) : NaN;
      if (!Number.isInteger(index) || index < 0) {
        return { problem: `the key ${JSON.stringify(key)} in names is not a class index`, ...at(pair.key) };
      }
      const name = nameOf(isScalar(pair.value) ? pair.value.value : undefined);
      if (name === undefined)
        return { problem: `names[${index}] is not a class name`, ...at(pair.value ?? pair.key) };
      names.set(index, name);
    }
  } else {
    return { problem: "`names` must be a list or a map of class index to name", ...at(namesNode) };
  }
  if (names.size === 0) return { problem: "`names` is empty", ...at(namesNode) };
  const nc = root.get("nc", true);
  if (isScalar(nc) && typeof nc.value === "number" && nc.value !== names.size) {
    return { problem: `nc is ${nc.value} but names has ${names.size} classes`, ...at(nc) };
  }
  return { names };
}

/**
 * Reads a classes file: one name per line, the 0-based line index is the class index. Trailing blank lines
 * are ignored; a blank line among names is an error (it would shift every class after it).
 *
 * @param text - the file's content.
 */
export function classNamesFromList(text: string): ClassNamesResult {
  const lines = text.split(/\r?\n|\r/);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === "") lines.pop();
  if (lines.length === 0) return { problem: "the classes file has no names" };
  const names = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const name = (lines[i] as string).trim();
    if (name === "")
      return {
        problem: "a blank line among the class names (it would shift the classes after it)",
        line: i + 1,
      };
    names.set(i, name);
  }
  return { names };
}

/** The data YAML's `path` (the dataset root, relative to the YAML) and split entries, when present. */
export interface YamlLayout {
  /** `path`, as written. */
  readonly path?: string;
  /** Each split's entry (`train`, `val`, `test`...): a folder or list file, or a list of them. */
  readonly splits: ReadonlyMap<string, readonly string[]>;
}

/** Reads `path` and the `train`/`val`/`test` entries of a data YAML already known to parse. */
export function yamlLayout(text: string): YamlLayout {
  const data: unknown = parseDocument(text).toJS();
  const splits = new Map<string, readonly string[]>();
  if (typeof data !== "object" || data === null) return { splits };
  const record = data as Record<string, unknown>;
  for (const split of ["train", "val", "test"]) {
    const value = record[split];
    if (typeof value === "string") splits.set(split, [value]);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) splits.set(split, value);
  }
  return typeof record.path === "string" ? { path: record.path, splits } : { splits };
}
