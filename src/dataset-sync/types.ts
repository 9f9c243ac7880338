/**
 * The public shapes of pull, diff and sync: what each reads, its options, and the account it gives.
 *
 * @module
 */
import type { ListEntriesFilters } from "../client/types.js";
import type { UploadOptions, UploadResult } from "../client/upload/types.js";
import type { ManifestLine } from "../manifest/types.js";

/**
 * How two lines with the same `source-ref` are compared.
 * - `"meaning"`: what the model learns from: the image-level label names, each box resolved through its
 *   class map (label name, left, top, width, height) and the image size. Key order, `creation-date`,
 *   `job-name`, confidences, class-id numbering, attribute names and service-added keys do not count.
 * - `"exact"`: the whole JSON value, keys in any order; only service-added keys do not count.
 */
export type CompareMode = "meaning" | "exact";

/** One entry of a dataset, as ListDatasetEntries returned it. */
export interface DatasetEntry {
  /** 1-based position in the listing (the service does not define the order). */
  readonly position: number;
  /** The JSON line exactly as the service returned it, service-added keys included. */
  readonly text: string;
  /** The parsed line. */
  readonly line: ManifestLine;
}

/** Options of {@link pullEntries}. */
export interface PullEntriesOptions {
  /** ListDatasetEntries filters, as `DatasetClient.listEntries` takes them. @defaultValue every entry */
  readonly filters?: ListEntriesFilters;
  /** Stops the listing at once with `OperationAbortedError`. */
  readonly abortSignal?: AbortSignal;
}

/** Options of {@link pullDataset}: where to write (`file` or `stream`, exactly one), filters, abort. */
export interface PullDatasetOptions extends PullEntriesOptions {
  /**
   * The manifest file to write. It is written to a temporary file next to it and renamed over it only once
   * every entry is in, so the file is never left half written (its folder must exist).
   */
  readonly file?: string;
  /** A stream to write the lines to (backpressure respected); it is not ended, so `process.stdout` works. */
  readonly stream?: NodeJS.WritableStream;
}

/** What {@link pullDataset} wrote. */
export interface PullResult {
  /** The dataset. */
  readonly datasetArn: string;
  /** Entries written, one line each. */
  readonly entries: number;
  /** UTF-8 bytes written, line endings included. */
  readonly bytes: number;
  /** Entries carrying an `errors` or `cl-errors` list at any level (the entries the service flagged). */
  readonly entriesWithErrors: number;
  /** The file written, when pulling to a file. */
  readonly file?: string;
}

/** Options of {@link diffDataset} and {@link diffManifests}. */
export interface DiffOptions {
  /** How lines with the same `source-ref` are compared. @defaultValue "meaning" */
  readonly mode?: CompareMode;
  /**
   * Stops the diff: reading the dataset rejects with `OperationAbortedError`; reading a manifest throws the
   * signal's reason, as `readManifest` does.
   */
  readonly abortSignal?: AbortSignal;
}

/** A `source-ref` found more than once on one side of a diff: only its first line was compared. */
export interface RepeatedSourceRef {
  /** Which side: the manifest, or the base (dataset or manifest compared against). */
  readonly side: "manifest" | "base";
  /** The repeated `source-ref`. */
  readonly sourceRef: string;
  /** Line number (or listing position) of the repeat. */
  readonly lineNumber: number;
}

/**
 * How a manifest differs from a base (a dataset, or another manifest), by `source-ref`. Counts are numbers,
 * lists are `source-ref`s: added and changed in the manifest's order, only-in-dataset in the base's order.
 */
export interface DiffResult {
  /** How lines were compared. */
  readonly mode: CompareMode;
  /** Manifest lines whose `source-ref` the base does not have. */
  readonly added: number;
  /** Manifest lines whose `source-ref` the base has with another meaning (or value, in exact mode). */
  readonly changed: number;
  /** Manifest lines the base has the same. */
  readonly unchanged: number;
  /** Base entries the manifest does not have. */
  readonly onlyInDataset: number;
  /** The added `source-ref`s. */
  readonly addedSourceRefs: readonly string[];
  /** The changed `source-ref`s. */
  readonly changedSourceRefs: readonly string[];
  /** The `source-ref`s only in the base. */
  readonly onlyInDatasetSourceRefs: readonly string[];
  /** Lines read from the manifest and from the base. */
  readonly lines: {
    /** Non-blank lines read from the manifest. */
    readonly manifest: number;
    /** Lines read from the base manifest, or entries listed from the dataset. */
    readonly base: number;
  };
  /**
   * `source-ref`s repeated within one side. In the manifest, the first line counts; in the base, the last one
   * (as the service's upsert would keep it).
   */
  readonly repeatedSourceRefs: readonly RepeatedSourceRef[];
  /** Whether nothing was added, changed or only in the base. */
  readonly same: boolean;
}

/**
 * What {@link syncDataset} takes: `mode` and `dryRun`, plus every upload option but `checkpoint` (passed to
 * `DatasetClient.upload` as they are). A sync needs no checkpoint: run it again and it sends only what still
 * differs.
 */
export interface SyncOptions extends Omit<UploadOptions, "checkpoint"> {
  /** How lines are compared: which ones count as changed. @defaultValue "meaning" */
  readonly mode?: CompareMode;
  /** Computes and returns the plan without sending anything. @defaultValue false */
  readonly dryRun?: boolean;
  /** Refused: see {@link SyncOptions}. */
  readonly checkpoint?: never;
}

/** What a sync sends, and what it cannot do. */
export interface SyncPlan {
  /**
   * Lines given to the upload: the added and the changed ones (with `onInvalidLine: "skip"`, the upload
   * leaves out the invalid ones among them and lists them in its result).
   */
  readonly lineCount: number;
  /**
   * The manifest line numbers of the lines to send, in order. The upload numbers the lines it is given
   * 1, 2, ...: line `n` of the upload's result and errors is manifest line `lineNumbers[n - 1]`.
   */
  readonly lineNumbers: readonly number[];
  /** The `source-ref`s of the lines to send, in the same order. */
  readonly sourceRefs: readonly string[];
  /**
   * Entries only in the dataset. UpdateDatasetEntries adds or replaces entries and cannot remove one: they
   * stay until the dataset is created again (from a manifest, or from another dataset).
   */
  readonly notRemovable: number;
  /** Their `source-ref`s. */
  readonly notRemovableSourceRefs: readonly string[];
}

/** What {@link syncDataset} found and did. */
export interface SyncResult {
  /** The dataset. */
  readonly datasetArn: string;
  /** Whether this was a dry run (nothing sent). */
  readonly dryRun: boolean;
  /** The manifest compared with the dataset before anything was sent. */
  readonly diff: DiffResult;
  /** What was (or, in a dry run, would be) sent, and the entries no update can remove. */
  readonly plan: SyncPlan;
  /** The upload's own account; absent in a dry run or when nothing needed sending. */
  readonly upload?: UploadResult;
}
