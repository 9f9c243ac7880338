/**
 * Pull, diff and sync: a dataset read back to a manifest file, compared with a manifest by `source-ref`
 * (by meaning or exactly), and brought up to date by sending only what changed. See docs/SYNC.md.
 *
 * @module
 */
export type { DiffInputErrorDetails, DiffInputSide, RefusedLine } from "../errors/diff-input-error.js";
export { DiffInputError, isDiffInputError } from "../errors/diff-input-error.js";
export { diffDataset, diffManifests } from "./diff.js";
export type { EntryMeaning, MeaningBox } from "./entry-meaning.js";
export {
  canonicalLine,
  compareKey,
  entryMeaning,
  hasErrorLists,
  SERVICE_ADDED_KEYS,
} from "./entry-meaning.js";
export { pullDataset, pullEntries } from "./pull.js";
export { syncDataset } from "./sync.js";
export type {
  CompareMode,
  DatasetEntry,
  DiffOptions,
  DiffResult,
  PullDatasetOptions,
  PullEntriesOptions,
  PullResult,
  RepeatedSourceRef,
  SyncOptions,
  SyncPlan,
  SyncResult,
} from "./types.js";
