import type { UploadResult } from "../client/upload/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * Why a checkpoint cannot be resumed from:
 * - `"dataset"`: it was saved for another dataset;
 * - `"fingerprint"`: the input's first lines differ from those the checkpoint recorded;
 * - `"input-too-short"`: the input has fewer lines than the checkpoint says are done;
 * - `"unreadable"`: the checkpoint is not a version-1 or version-2 checkpoint (corrupt file, other format).
 */
export type CheckpointMismatchReason = "dataset" | "fingerprint" | "input-too-short" | "unreadable";

/** Details of a {@link CheckpointMismatchError}. */
export interface CheckpointMismatchErrorDetails {
  /** The dataset of this upload; absent when `FileCheckpointStore.load` is called outside an upload. */
  readonly datasetArn?: string;
  /** Why the checkpoint does not fit. */
  readonly reason: CheckpointMismatchReason;
  /** The checkpoint file, when the checkpoint is a file. */
  readonly checkpointFile?: string;
  /** The dataset the checkpoint was saved for, when readable. */
  readonly checkpointDatasetArn?: string;
  /** How many input lines the checkpoint says are done, when readable. */
  readonly inputLinesDone?: number;
  /** What the upload did (nothing was sent); absent outside an upload. */
  readonly result?: UploadResult;
  /** The error that made the checkpoint unreadable, if any. */
  readonly cause?: unknown;
}

/**
 * A resume was refused before anything was sent: the checkpoint belongs to another dataset or another
 * input, or cannot be read. Use the same input and dataset as the run that saved it, or delete the
 * checkpoint to start from the first line.
 */
export class CheckpointMismatchError extends DatasetError {
  /** Always `"CheckpointMismatchError"`. */
  override readonly name = "CheckpointMismatchError" as const;
  /** The dataset of this upload; `undefined` when `FileCheckpointStore.load` was called outside an upload. */
  readonly datasetArn: string | undefined;
  /** Why the checkpoint does not fit. */
  readonly reason: CheckpointMismatchReason;
  /** The checkpoint file, when the checkpoint is a file. */
  readonly checkpointFile: string | undefined;
  /** The dataset the checkpoint was saved for, when readable. */
  readonly checkpointDatasetArn: string | undefined;
  /** How many input lines the checkpoint says are done, when readable. */
  readonly inputLinesDone: number | undefined;
  /** What the upload did (nothing was sent); `undefined` outside an upload. */
  readonly result: UploadResult | undefined;

  /** @param details - why the checkpoint does not fit. */
  constructor(details: CheckpointMismatchErrorDetails) {
    const what = {
      dataset: `it was saved for dataset ${details.checkpointDatasetArn ?? "(unknown)"}`,
      fingerprint:
        `the input's first ${details.inputLinesDone ?? "?"} line(s) differ from those it recorded ` +
        "(lines built anew with a default creation-date differ on every run: give the builders a fixed creationDate)",
      "input-too-short": `the input has fewer than the ${details.inputLinesDone ?? "?"} line(s) it says are done`,
      unreadable: "it is not a readable version-1 or version-2 checkpoint",
    }[details.reason];
    const file =
      details.checkpointFile === undefined ? "its checkpoint" : `checkpoint ${details.checkpointFile}`;
    const upload = details.datasetArn === undefined ? "an upload" : `the upload to ${details.datasetArn}`;
    super(
      `Cannot resume ${upload} from ${file}: ${what}. Nothing was sent. ` +
        "Resume with the same input and dataset as the run that saved it, or remove the checkpoint to start over.",
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.reason = details.reason;
    this.checkpointFile = details.checkpointFile;
    this.checkpointDatasetArn = details.checkpointDatasetArn;
    this.inputLinesDone = details.inputLinesDone;
    this.result = details.result;
  }
}

/** Tells whether `value` is a {@link CheckpointMismatchError}, even from another copy of this package. */
export function isCheckpointMismatchError(value: unknown): value is CheckpointMismatchError {
  return isDatasetError(value, "CheckpointMismatchError");
}
