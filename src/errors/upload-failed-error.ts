import { describeApplied } from "../client/upload/applied-summary.js";
import type { UploadResult } from "../client/upload/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** The step an upload was at when it failed (`"read"`: reading the source, e.g. a missing file). */
export type UploadStage =
  | "read"
  | "describe"
  | "send"
  | "wait"
  | "checkpoint"
  | "progress"
  | "flagged-entries";

/** Details of an {@link UploadFailedError}. */
export interface UploadFailedErrorDetails {
  /** The dataset. */
  readonly datasetArn: string;
  /** The step that failed. */
  readonly stage: UploadStage;
  /** The request being sent or waited for, when the failure is about one. */
  readonly request?: {
    /** Its index in this run. */
    readonly index: number;
    /** Its first input line number. */
    readonly firstLine: number;
    /** Its last input line number. */
    readonly lastLine: number;
  };
  /** What the upload did before it stopped. */
  readonly result: UploadResult;
  /** The error that stopped it: an `UpdateFailedError`, `RequestFailedError`, `WaitTimeoutError`... */
  readonly cause: unknown;
}

/**
 * The upload stopped on a failure it does not get past by itself: an update that ended `UPDATE_FAILED` with
 * `CLIENT_ERROR` (or with `SERVICE_ERROR` more times than allowed), a request that failed for good, a wait
 * that timed out, a dataset that is gone. `cause` is the error that stopped it; `result` says which lines are
 * applied; `requestIndex`, `firstLine` and `lastLine` name the request it was on.
 */
export class UploadFailedError extends DatasetError {
  /** Always `"UploadFailedError"`. */
  override readonly name = "UploadFailedError" as const;
  /** The dataset. */
  readonly datasetArn: string;
  /** The step that failed. */
  readonly stage: UploadStage;
  /** Index (in this run) of the request it was on, if any. */
  readonly requestIndex: number | undefined;
  /** First input line number of that request. */
  readonly firstLine: number | undefined;
  /** Last input line number of that request. */
  readonly lastLine: number | undefined;
  /** What the upload did before it stopped. */
  readonly result: UploadResult;

  /** @param details - the step, the request, the partial result and the cause. */
  constructor(details: UploadFailedErrorDetails) {
    const on =
      details.request === undefined
        ? ""
        : ` on request ${details.request.index} (lines ${details.request.firstLine}-${details.request.lastLine})`;
    const why = details.cause instanceof Error ? details.cause.message : String(details.cause);
    super(
      `The upload to ${details.datasetArn} failed at its ${details.stage} step${on}: ${why} ` +
        `${describeApplied(details.result)} Fix the cause, then run it again with the same checkpoint to resume.`,
      { cause: details.cause },
    );
    this.datasetArn = details.datasetArn;
    this.stage = details.stage;
    this.requestIndex = details.request?.index;
    this.firstLine = details.request?.firstLine;
    this.lastLine = details.request?.lastLine;
    this.result = details.result;
  }
}

/** Tells whether `value` is an {@link UploadFailedError}, even from another copy of this package. */
export function isUploadFailedError(value: unknown): value is UploadFailedError {
  return isDatasetError(value, "UploadFailedError");
}
