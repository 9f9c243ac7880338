/**
 * Sync: a dataset brought up to date with a manifest by sending only the lines that differ.
 *
 * @module
 */
import { assertDatasetArn } from "../client/arn.js";
import type { DatasetClient } from "../client/dataset-client.js";
import type { UploadOptions, UploadSource } from "../client/upload/types.js";
import { DiffInputError, type RefusedLine } from "../errors/diff-input-error.js";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { checkOptionsObject } from "../options/check-options.js";
import { abortAsOperationError, datasetSide, diffSides, type LineVerdict } from "./diff.js";
import { isRereadable, type NumberedLine, problemsOf, readManifestLines } from "./manifest-lines.js";
import { checkAbortSignal, resolveMode } from "./options.js";
import type { DiffResult, SyncOptions, SyncPlan, SyncResult } from "./types.js";

/**
 * Every option a sync knows: its own and the upload's. Checked here because a misspelt `dryRun` passed on
 * to the upload would send what the caller meant only to see. The two checks below make the compiler
 * refuse this list as soon as it and {@link SyncOptions} (which follows `UploadOptions`) disagree.
 */
const SYNC_OPTIONS = [
  "mode",
  "dryRun",
  "checkpoint",
  "onInvalidLine",
  "maxRequestBytes",
  "maxBusyResends",
  "maxServiceErrorResends",
  "wait",
  "onProgress",
  "abortSignal",
  "reportFlaggedEntries",
  "maxListedInvalidLines",
] as const satisfies readonly (keyof SyncOptions)[];
type UnlistedSyncOption = Exclude<keyof SyncOptions, (typeof SYNC_OPTIONS)[number]>;
const everySyncOptionListed: [UnlistedSyncOption] extends [never] ? true : UnlistedSyncOption = true;
void everySyncOptionListed;

/** Most refused lines listed one by one (all are counted). */
const MAX_LISTED_REFUSED = 100;

/** What the planning pass gathers from the manifest. */
interface Planning {
  readonly lineNumbers: number[];
  readonly sourceRefs: string[];
  /** The texts to send, kept only for a source that cannot be read twice. */
  readonly texts: string[] | undefined;
  readonly refused: RefusedLine[];
  refusedCount: number;
}

function refuse(planning: Planning, line: RefusedLine): void {
  planning.refusedCount++;
  if (planning.refused.length < MAX_LISTED_REFUSED) planning.refused.push(line);
}

/** The plan-building callback of the diff: which lines to send, and which lines make the sync refuse. */
function planLine(planning: Planning, skipInvalid: boolean) {
  return (record: NumberedLine, sourceRef: string, verdict: LineVerdict) => {
    if (verdict === "repeated") {
      refuse(planning, {
        side: "manifest",
        lineNumber: record.lineNumber,
        sourceRef,
        code: "REPEATED_SOURCE_REF",
        message:
          "This `source-ref` is on an earlier line too: which of them the dataset should hold is unclear.",
      });
      return;
    }
    if (verdict === "unchanged") return;
    const errors = problemsOf(record).filter((problem) => problem.severity === "error");
    // With "skip", the upload leaves such lines out and lists them; with "stop", nothing is sent at all.
    if (errors.length > 0 && !skipInvalid) {
      refuse(planning, {
        side: "manifest",
        lineNumber: record.lineNumber,
        sourceRef,
        code: errors.map((problem) => problem.code).join(","),
        message: errors[0]!.message,
      });
    }
    planning.lineNumbers.push(record.lineNumber);
    planning.sourceRefs.push(sourceRef);
    planning.texts?.push(record.text);
  };
}

/**
 * The manifest read again, yielding the planned lines only. Checks each one is still the line planned, so
 * a file changed between the two readings stops the sync instead of sending something never compared.
 */
async function* plannedLines(
  manifest: UploadSource,
  plan: SyncPlan,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  let next = 0;
  for await (const record of readManifestLines(manifest, signal)) {
    if (record.lineNumber !== plan.lineNumbers[next]) continue;
    const sourceRef = record.line?.["source-ref"];
    if (sourceRef !== plan.sourceRefs[next]) throw manifestChanged(record.lineNumber, sourceRef);
    next++;
    yield record.text;
  }
  if (next < plan.lineCount) throw manifestChanged(plan.lineNumbers[next]!, undefined);
}

function manifestChanged(lineNumber: number, sourceRef: unknown): DiffInputError {
  return new DiffInputError({
    lines: [
      {
        side: "manifest",
        lineNumber,
        ...(typeof sourceRef === "string" ? { sourceRef } : {}),
        code: "MANIFEST_CHANGED",
        message: "The line is not the one compared with the dataset: the manifest changed during the sync.",
      },
    ],
    lineCount: 1,
    hint: "Leave the manifest alone while it is synced, then run the sync again.",
  });
}

function emptyPlan(diff: DiffResult): SyncPlan {
  return {
    lineCount: 0,
    lineNumbers: [],
    sourceRefs: [],
    notRemovable: diff.onlyInDataset,
    notRemovableSourceRefs: diff.onlyInDatasetSourceRefs,
  };
}

/**
 * Brings a dataset up to date with a manifest: compares them ({@link diffDataset}), then uploads only the
 * added and changed lines through `DatasetClient.upload`, with its chunking, waits, retries and flagged
 * entries report (every upload option but `checkpoint` is passed through). A sync needs no checkpoint: run
 * it again after a failure and it sends only what still differs.
 *
 * What a sync cannot do: UpdateDatasetEntries adds or replaces entries and has no way to remove one, so
 * entries only in the dataset stay; they are reported in `plan.notRemovable` and
 * `plan.notRemovableSourceRefs`, never removed.
 *
 * Everything is checked before the first request: a line that cannot be compared, a `source-ref` repeated
 * in the manifest, and (unless `onInvalidLine: "skip"`) a line to send with errors each reject with
 * {@link DiffInputError} and nothing is sent. A file path, URL, `{ text }` or array is read a second time
 * to send the planned lines (memory bounded by the entry count); a one-shot stream or iterable has the
 * texts of its planned lines held in memory. Should the second reading find another line where a planned
 * one was, the upload stops there with its own error, whose `cause` is a {@link DiffInputError}
 * (`MANIFEST_CHANGED`).
 *
 * @param client - the DatasetClient to read and upload through.
 * @param datasetArn - the dataset (checked before anything is read).
 * @param manifest - any upload source.
 * @param options - `mode`, `dryRun`, and upload options (`onInvalidLine`, `maxRequestBytes`, `wait`,
 *   `onProgress`, `abortSignal`, `reportFlaggedEntries`...).
 * @returns the diff, the plan, and the upload's result (absent in a dry run or when nothing differed).
 * @throws `InvalidOptionsError` for a bad option (`checkpoint` included); {@link DiffInputError};
 *   the errors of `DatasetClient.upload` and of the listing; `OperationAbortedError` when aborted before
 *   the upload starts.
 * @example
 * ```ts
 * const plan = await syncDataset(datasets, datasetArn, "train.manifest", { dryRun: true });
 * console.log(`would send ${plan.plan.lineCount} lines; ${plan.plan.notRemovable} entries stay`);
 * const done = await syncDataset(datasets, datasetArn, "train.manifest");
 * console.log(`sent ${done.plan.lineCount} lines`);
 * ```
 */
export async function syncDataset(
  client: DatasetClient,
  datasetArn: string,
  manifest: UploadSource,
  options: SyncOptions = {},
): Promise<SyncResult> {
  checkOptionsObject(options, SYNC_OPTIONS, "");
  const { mode: modeOption, dryRun = false, checkpoint, ...uploadOptions } = options ?? {};
  if (checkpoint !== undefined || "checkpoint" in (options ?? {})) {
    throw new InvalidOptionsError({
      option: "checkpoint",
      expected: "absent: a sync is resumed by running it again, and then sends only what still differs",
      value: checkpoint,
    });
  }
  if (typeof dryRun !== "boolean") {
    throw new InvalidOptionsError({ option: "dryRun", expected: "a boolean", value: dryRun });
  }
  const mode = resolveMode(modeOption);
  // The two upload options the sync itself reads; the upload checks the others when it starts.
  const { onInvalidLine } = uploadOptions;
  if (onInvalidLine !== undefined && onInvalidLine !== "stop" && onInvalidLine !== "skip") {
    throw new InvalidOptionsError({
      option: "onInvalidLine",
      expected: '"stop" or "skip"',
      value: onInvalidLine,
    });
  }
  const signal = uploadOptions.abortSignal;
  checkAbortSignal(signal);
  assertDatasetArn(datasetArn);
  const planning: Planning = {
    lineNumbers: [],
    sourceRefs: [],
    texts: isRereadable(manifest) ? undefined : [],
    refused: [],
    refusedCount: 0,
  };
  const diff = await abortAsOperationError("syncDataset", datasetArn, signal, () =>
    diffSides(
      datasetSide(client, datasetArn, signal),
      "dataset",
      readManifestLines(manifest, signal),
      mode,
      planLine(planning, uploadOptions.onInvalidLine === "skip"),
    ),
  );
  if (planning.refusedCount > 0) {
    throw new DiffInputError({
      lines: planning.refused,
      lineCount: planning.refusedCount,
      hint: 'Nothing was sent. Give each source-ref one line and fix the lines with errors (or pass onInvalidLine: "skip").',
    });
  }
  const plan: SyncPlan = {
    ...emptyPlan(diff),
    lineCount: planning.lineNumbers.length,
    lineNumbers: planning.lineNumbers,
    sourceRefs: planning.sourceRefs,
  };
  if (dryRun || plan.lineCount === 0) return { datasetArn, dryRun, diff, plan };
  const source = planning.texts ?? plannedLines(manifest, plan, signal);
  const upload = await client.upload(datasetArn, source, uploadOptions as UploadOptions);
  return { datasetArn, dryRun, diff, plan, upload };
}
