/**
 * The label map: rename, merge or drop labels, from an object, a Map, or a JSON or two-column CSV file.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { ConversionInputError } from "../errors/conversion-input-error.js";
import type { IssueCollector, IssueItem } from "./report.js";
import type { LabelMapInput } from "./types.js";

/** A loaded label map: each source label to its new name, or `null` to drop it. */
export type LabelMapTable = ReadonlyMap<string, string | null>;

/**
 * Loads a label map. A file is JSON when it starts with `{` (after spaces), else CSV with two columns
 * `from,to`; a first row `from,to` is taken as a header. An empty `to` (or JSON `null`) drops the label.
 *
 * @internal
 */
export async function loadLabelMap(input: LabelMapInput | undefined): Promise<LabelMapTable | undefined> {
  if (input === undefined) return undefined;
  if (input instanceof Map) return checkedTable(input as ReadonlyMap<unknown, unknown>, "labelMap");
  if (typeof input !== "string") return checkedTable(new Map(Object.entries(input)), "labelMap");
  let text: string;
  try {
    text = await readFile(input, "utf8");
  } catch (error) {
    throw new ConversionInputError({
      format: "label map",
      file: input,
      reason: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      cause: error,
    });
  }
  if (text.trimStart().startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ConversionInputError({
        format: "label map",
        file: input,
        reason: "it is not valid JSON.",
        cause: error,
      });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ConversionInputError({
        format: "label map",
        file: input,
        reason: "it must be a JSON object.",
      });
    }
    return checkedTable(new Map(Object.entries(value)), input);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ConversionInputError({
      format: "label map",
      file: input,
      ...(line === undefined ? {} : { line }),
      reason: `${(error as Error).message}.`,
      cause: error,
    });
  }
  const table = new Map<string, string | null>();
  rows.forEach((row, index) => {
    if (index === 0 && row[0]?.toLowerCase() === "from" && row[1]?.toLowerCase() === "to") return;
    if (row.length !== 2) {
      throw new ConversionInputError({
        format: "label map",
        file: input,
        line: index + 1,
        reason: `a row must have two columns (from,to), got ${row.length}.`,
      });
    }
    table.set(row[0]!, row[1] === "" ? null : row[1]!);
  });
  return table;
}

function checkedTable(entries: ReadonlyMap<unknown, unknown>, file: string): LabelMapTable {
  const table = new Map<string, string | null>();
  for (const [from, to] of entries) {
    if (typeof from !== "string" || !(to === null || typeof to === "string")) {
      throw new ConversionInputError({
        format: "label map",
        file,
        where: String(from),
        reason: "each entry must map a label to a new label (a string) or to null (drop it).",
      });
    }
    table.set(from, to === "" ? null : to);
  }
  return table;
}

/**
 * The label-map step: each label through the map, each rename or drop reported.
 *
 * @internal
 */
export function labelMapper(
  table: LabelMapTable | undefined,
  report: IssueCollector,
): (label: string, item: IssueItem) => string | null {
  if (table === undefined || table.size === 0) return (label) => label;
  return (label, item) => {
    if (!table.has(label)) return label;
    const to = table.get(label) ?? null;
    if (to === null) {
      report.add("LABEL_DROPPED", `Label "${label}" dropped by the label map.`, item);
    } else if (to !== label) {
      report.add("LABEL_RENAMED", `Label "${label}" renamed "${to}".`, item);
    }
    return to;
  };
}
