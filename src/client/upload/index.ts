/**
 * The bulk upload's public API: its types, its errors, and the pieces a caller may use on their own (the
 * flagged-entry reader, the checkpoint file store). `DatasetClient.upload` runs the upload itself.
 *
 * @module
 */
export type {
  CheckpointMismatchErrorDetails,
  CheckpointMismatchReason,
} from "../../errors/checkpoint-mismatch-error.js";
export {
  CheckpointMismatchError,
  isCheckpointMismatchError,
} from "../../errors/checkpoint-mismatch-error.js";
export type { InvalidLine, InvalidLinesErrorDetails } from "../../errors/invalid-lines-error.js";
export { InvalidLinesError, isInvalidLinesError } from "../../errors/invalid-lines-error.js";
export type { LineTooLargeErrorDetails } from "../../errors/line-too-large-error.js";
export { isLineTooLargeError, LineTooLargeError } from "../../errors/line-too-large-error.js";
export type { UploadAbortedErrorDetails } from "../../errors/upload-aborted-error.js";
export { isUploadAbortedError, UploadAbortedError } from "../../errors/upload-aborted-error.js";
export type { UploadFailedErrorDetails, UploadStage } from "../../errors/upload-failed-error.js";
export { isUploadFailedError, UploadFailedError } from "../../errors/upload-failed-error.js";
export { FileCheckpointStore } from "./checkpoint.js";
export { readEntryProblems, readFlaggedEntry } from "./flagged-entries.js";
export type {
  Checkpoint,
  CheckpointFile,
  CheckpointOption,
  CheckpointStore,
  DuplicateReplacement,
  EntryProblem,
  FlaggedEntry,
  InvalidLinePolicy,
  PendingRequestCheckpoint,
  PendingRequestOutcome,
  UploadOptions,
  UploadProgressEvent,
  UploadRequestReport,
  UploadResult,
  UploadSource,
} from "./types.js";
