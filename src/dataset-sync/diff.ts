/**
 * Diff: a manifest compared with a dataset, or with another manifest, by `source-ref`.
 *
 * Memory is bounded by the entry count, not by the bytes: the base side is reduced to one 16-byte digest
 * per `source-ref` (of `compareKey`) in a `SourceRefTable` outside the JavaScript heap, and the
 * manifest is streamed against it line by line.
 *
 * @module
 */
import { assertDatasetArn } from "../client/arn.js";
import type { DatasetClient } from "../client/dataset-client.js";
import type { UploadSource } from "../client/upload/types.js";
import { DiffInputError, type DiffInputSide, type RefusedLine } from "../errors/diff-input-error.js";
import { isOperationAbortedError, OperationAbortedError } from "../errors/operation-aborted-error.js";
import type { ManifestLine } from "../manifest/types.js";
import { checkOptionsObject } from "../options/check-options.js";
import { compareKey } from "./entry-meaning.js";
import { type NumberedLine, readManifestLines } from "./manifest-lines.js";
import { checkAbortSignal, resolveMode } from "./options.js";
import { pullEntries } from "./pull.js";
import { BASE_ONLY, MANIFEST_ONLY, MATCHED, SourceRefTable } from "./source-ref-table.js";
import type { CompareMode, DiffOptions, DiffResult, RepeatedSourceRef } from "./types.js";

const DIFF_OPTIONS = ["mode", "abortSignal"] as const;

/** Most refused lines listed one by one in a {@link DiffInputError} (all are counted). */
const MAX_LISTED_REFUSED = 100;

/** A line of either side, as the diff needs it. */
interface SideLine {
  readonly lineNumber: number;
  readonly line?: ManifestLine;
  readonly unreadable?: { readonly code: string; readonly message: string };
}

/** How one manifest line compares with the base. @internal */
export type LineVerdict = "added" | "changed" | "unchanged" | "repeated";

/** Lines refused on one side, gathered so that the error lists them all (up to a bound). */
class RefusedLines {
  readonly listed: RefusedLine[] = [];
  count = 0;

  add(line: RefusedLine): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_REFUSED) this.listed.push(line);
  }

  throwIfAny(hint: string): void {
    if (this.count > 0) throw new DiffInputError({ lines: this.listed, lineCount: this.count, hint });
  }
}

const UNCOMPARABLE_HINT =
  "Every line needs to be a JSON object with a string `source-ref` to be compared; fix or remove these lines.";

/** The `source-ref` of a line, or `undefined` after recording why it has none usable. */
function sourceRefOf(record: SideLine, side: DiffInputSide, refused: RefusedLines): string | undefined {
  if (record.line === undefined) {
    refused.add({
      side,
      lineNumber: record.lineNumber,
      code: record.unreadable?.code ?? "INVALID_JSON",
      message: record.unreadable?.message ?? "The line is not a JSON object.",
    });
    return undefined;
  }
  const sourceRef = record.line["source-ref"];
  if (typeof sourceRef !== "string") {
    refused.add({
      side,
      lineNumber: record.lineNumber,
      code: "MISSING_SOURCE_REF",
      message: "The line has no string `source-ref`.",
    });
    return undefined;
  }
  return sourceRef;
}

/**
 * The diff itself over any two sides: the base reduced to digests first, then the manifest streamed
 * against it. `onManifestLine` sees each manifest line with its verdict (sync builds its plan there).
 *
 * @internal
 */
export async function diffSides(
  base: AsyncIterable<SideLine>,
  baseSide: DiffInputSide,
  manifest: AsyncIterable<NumberedLine>,
  mode: CompareMode,
  onManifestLine?: (record: NumberedLine, sourceRef: string, verdict: LineVerdict) => void,
): Promise<DiffResult> {
  const table = new SourceRefTable();
  const repeated: RepeatedSourceRef[] = [];
  const refusedInBase = new RefusedLines();
  let baseLines = 0;
  for await (const record of base) {
    baseLines++;
    const sourceRef = sourceRefOf(record, baseSide, refusedInBase);
    if (sourceRef === undefined) continue;
    let entry = table.find(sourceRef);
    // The last line wins, as the service's upsert would keep it; the entry keeps its first position.
    if (entry >= 0) repeated.push({ side: "base", sourceRef, lineNumber: record.lineNumber });
    else entry = table.add(sourceRef, BASE_ONLY);
    table.setDigest(entry, compareKey(record.line!, mode));
  }
  refusedInBase.throwIfAny(UNCOMPARABLE_HINT);

  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  let manifestLines = 0;
  const refused = new RefusedLines();
  for await (const record of manifest) {
    manifestLines++;
    const sourceRef = sourceRefOf(record, "manifest", refused);
    if (sourceRef === undefined) continue;
    const entry = table.find(sourceRef);
    let verdict: LineVerdict;
    if (entry < 0) {
      verdict = "added";
      added.push(sourceRef);
      table.add(sourceRef, MANIFEST_ONLY);
    } else if (table.state(entry) !== BASE_ONLY) {
      verdict = "repeated";
      repeated.push({ side: "manifest", sourceRef, lineNumber: record.lineNumber });
    } else {
      verdict = table.sameDigest(entry, compareKey(record.line!, mode)) ? "unchanged" : "changed";
      if (verdict === "unchanged") unchanged++;
      else changed.push(sourceRef);
      table.setState(entry, MATCHED);
    }
    onManifestLine?.(record, sourceRef, verdict);
  }
  refused.throwIfAny(UNCOMPARABLE_HINT);

  const onlyInDataset: string[] = [];
  for (let entry = 0; entry < table.size; entry++) {
    if (table.state(entry) === BASE_ONLY) onlyInDataset.push(table.sourceRef(entry));
  }
  return {
    mode,
    added: added.length,
    changed: changed.length,
    unchanged,
    onlyInDataset: onlyInDataset.length,
    addedSourceRefs: added,
    changedSourceRefs: changed,
    onlyInDatasetSourceRefs: onlyInDataset,
    lines: { manifest: manifestLines, base: baseLines },
    repeatedSourceRefs: repeated,
    same: added.length === 0 && changed.length === 0 && onlyInDataset.length === 0,
  };
}

/**
 * A dataset's entries as base lines, numbered by their position in the listing.
 *
 * @internal
 */
export async function* datasetSide(
  client: DatasetClient,
  datasetArn: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<SideLine> {
  for await (const entry of pullEntries(
    client,
    datasetArn,
    signal === undefined ? {} : { abortSignal: signal },
  )) {
    yield { lineNumber: entry.position, line: entry.line };
  }
}

/**
 * Runs `work`, turning an abort met while reading a manifest (the signal's reason, as `readManifest`
 * throws it) into the `OperationAbortedError` every dataset operation rejects with.
 *
 * @internal
 */
export async function abortAsOperationError<T>(
  operation: string,
  datasetArn: string,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted === true && !isOperationAbortedError(error)) {
      throw new OperationAbortedError({ operation, datasetArn, cause: signal.reason });
    }
    throw error;
  }
}

/**
 * Compares a manifest with a dataset, by `source-ref`: which lines are added, changed or unchanged, and
 * which entries are only in the dataset. Every entry is listed (ListDatasetEntries, paced and retried by
 * the client) and reduced to a 16-byte digest, then the manifest is streamed against them: memory grows
 * with the entry count (a few dozen bytes per entry, outside the JavaScript heap), not with the size of the lines. `source-ref`s are
 * compared byte for byte.
 *
 * @param client - the DatasetClient to read the dataset through.
 * @param datasetArn - the dataset (checked before anything is read).
 * @param manifest - any upload source: typed lines, strings, a file path or URL, `{ text }`, a stream.
 * @param options - `mode` (`"meaning"`, the default, or `"exact"`: see {@link CompareMode}) and an abort
 *   signal.
 * @returns the counts and the `source-ref` lists; `same` when nothing differs.
 * @throws `InvalidOptionsError` for a bad option; {@link DiffInputError} for lines that cannot be
 *   compared (not a JSON object, no string `source-ref`), with their line numbers;
 *   `InvalidDatasetArnError`, `RequestFailedError`, `DatasetUnavailableError`, `OperationAbortedError`.
 * @example
 * ```ts
 * const diff = await diffDataset(datasets, datasetArn, "train.manifest");
 * console.log(`${diff.added} added, ${diff.changed} changed, ${diff.onlyInDataset} only in the dataset`);
 * ```
 */
export async function diffDataset(
  client: DatasetClient,
  datasetArn: string,
  manifest: UploadSource,
  options: DiffOptions = {},
): Promise<DiffResult> {
  checkOptionsObject(options, DIFF_OPTIONS, "");
  const mode = resolveMode(options.mode);
  const signal = options.abortSignal;
  checkAbortSignal(signal);
  assertDatasetArn(datasetArn);
  return abortAsOperationError("diffDataset", datasetArn, signal, () =>
    diffSides(datasetSide(client, datasetArn, signal), "dataset", readManifestLines(manifest, signal), mode),
  );
}

/**
 * Compares a manifest with another manifest (the base), by `source-ref`, exactly as {@link diffDataset}
 * compares it with a dataset: "only in dataset" then means only in the base. In the base, a repeated
 * `source-ref`'s last line counts, as an upload of it would leave it.
 *
 * @param base - the manifest compared against (any upload source).
 * @param manifest - the manifest compared (any upload source).
 * @param options - `mode` and an abort signal (an abort throws the signal's reason, as `readManifest` does).
 * @returns the counts and the `source-ref` lists; `same` when nothing differs.
 * @throws `InvalidOptionsError` for a bad option; {@link DiffInputError} for lines that cannot be
 *   compared, with their side and line numbers.
 * @example
 * ```ts
 * const diff = await diffManifests("yesterday.manifest", "today.manifest", { mode: "exact" });
 * if (!diff.same) console.log(diff.changedSourceRefs);
 * ```
 */
export async function diffManifests(
  base: UploadSource,
  manifest: UploadSource,
  options: DiffOptions = {},
): Promise<DiffResult> {
  checkOptionsObject(options, DIFF_OPTIONS, "");
  const mode = resolveMode(options.mode);
  checkAbortSignal(options.abortSignal);
  return diffSides(
    readManifestLines(base, options.abortSignal),
    "base",
    readManifestLines(manifest, options.abortSignal),
    mode,
  );
}
