/**
 * A diff as people read it: the counts, then the `source-ref`s added, changed and only in the base.
 *
 * @module
 */
import type { DiffResult } from "../../dataset-sync/types.js";
import { count, table } from "../output.js";

/** The counts as a table, then one `source-ref` per line, tagged `added`, `changed` or `only-in-base`. */
export function diffText(diff: DiffResult, baseName: string): string {
  const counts = table([
    ["added", count(diff.added)],
    ["changed", count(diff.changed)],
    ["unchanged", count(diff.unchanged)],
    [`only in ${baseName}`, count(diff.onlyInDataset)],
  ]);
  const lists = [
    ...diff.addedSourceRefs.map((ref) => `added         ${ref}`),
    ...diff.changedSourceRefs.map((ref) => `changed       ${ref}`),
    ...diff.onlyInDatasetSourceRefs.map((ref) => `only-in-base  ${ref}`),
  ];
  const repeated =
    diff.repeatedSourceRefs.length === 0
      ? []
      : [
          `${count(diff.repeatedSourceRefs.length)} repeated source-ref(s): ${diff.repeatedSourceRefs
            .slice(0, 5)
            .map((repeat) => `${repeat.side} line ${repeat.lineNumber}`)
            .join(", ")}${diff.repeatedSourceRefs.length > 5 ? ", ..." : ""}`,
        ];
  return [counts, ...(lists.length === 0 ? [] : ["", ...lists]), ...repeated].join("\n");
}
