/**
 * The public shapes of a bulk upload: what it reads, its options, its progress events, its checkpoint and
 * the account it gives at the end.
 *
 * @module
 */

import type { InvalidLine } from "../../errors/invalid-lines-error.js";
import type { ManifestLine } from "../../manifest/types.js";
import type { DatasetStatistics, DatasetStatus, WaitOptions } from "../types.js";

/**
 * What an upload reads:
 * - an iterable or async iterable of typed lines or JSON-line strings (line numbers are item positions,
 *   1-based; whitespace-only strings are skipped like blank lines in a file);
 * - a manifest file path (a `string` is always a path, never content) or a `file:` URL;
 * - `{ text }`: manifest content held in memory (as `readManifest` takes it);
 * - a readable stream of manifest content.
 *
 * Arrays, `{ text }` and file paths can be read twice, so they are checked in full before the first request is sent
 * (see {@link UploadOptions.onInvalidLine}); other iterables and streams are read once. A file must not change
 * while it is uploaded: a request whose lines differ from those checked is refused before it is sent (an
 * `UploadFailedError` at its `read` stage, whose `cause` is a `ManifestChangedError` naming the line).
 */
export type UploadSource =
  | Iterable<ManifestLine | string>
  | AsyncIterable<ManifestLine | string>
  | string
  | URL
  | {
      /** Manifest content (JSON lines), not a path. */
      readonly text: string;
    }
  | NodeJS.ReadableStream;

/** What to do with a line that has an error-severity problem. */
export type InvalidLinePolicy = "stop" | "skip";

/**
 * Where an upload records its progress so that a later call can resume it: your own storage, or
 * `{ file }`, a JSON file written atomically.
 */
export type CheckpointOption = CheckpointStore | CheckpointFile;

/**
 * A checkpoint kept in a JSON file, replaced atomically (temporary file, then rename) before each request is
 * sent and after each is applied.
 */
export interface CheckpointFile {
  /** The checkpoint file's path; its folder must exist. A missing file means "start from the first line". */
  readonly file: string;
}

/**
 * Your own checkpoint storage: the upload loads once at the start, and saves before each request is sent
 * (recording it as pending) and after each is applied.
 */
export interface CheckpointStore {
  /**
   * The checkpoint saved by an earlier run, or `undefined` to start from the first line. A version-1
   * checkpoint saved by an earlier release is read too; anything else refuses the resume.
   */
  load(): Promise<Checkpoint | undefined>;
  /** Stores the checkpoint; the upload waits for it before going on. */
  save(checkpoint: Checkpoint): Promise<void>;
}

/**
 * How far an upload got: the first `inputLinesDone` input lines are applied (or were skipped or replaced),
 * and `fingerprint` identifies exactly those lines so that a resume refuses a different input. A request
 * about to be sent is recorded first as {@link Checkpoint.pendingRequest}, so that a resume after a crash
 * can ask the dataset whether it was applied instead of sending it again.
 */
export interface Checkpoint {
  /** Format version: 2 (a version-1 checkpoint, without `pendingRequest`, is still read). */
  readonly version: 2;
  /** The dataset the lines were applied to; resuming into another dataset is refused. */
  readonly datasetArn: string;
  /** How many input lines (skipped and replaced ones included; blank lines of a file excluded) are done. */
  readonly inputLinesDone: number;
  /** Line number of the last of those lines (a file's physical line number, or an item's position); 0 when none. */
  readonly lastLineDone: number;
  /** SHA-256 (hex) of the texts of those lines, in order, each followed by a newline. */
  readonly fingerprint: string;
  /** The request that was about to be sent when this checkpoint was saved, if any. */
  readonly pendingRequest?: PendingRequestCheckpoint;
}

/** A request recorded just before it was sent: enough to tell, on resume, whether the service applied it. */
export interface PendingRequestCheckpoint {
  /** Input line number of its first line. */
  readonly firstLine: number;
  /** Input line number of its last line. */
  readonly lastLine: number;
  /** Lines in its body. */
  readonly lines: number;
  /** Bytes of its body. */
  readonly bytes: number;
  /** Input lines done once it is applied (the checkpoint's own, plus those it carries or accounts for). */
  readonly inputLinesDone: number;
  /** Line number of the last input line it accounts for. */
  readonly lastLineDone: number;
  /** The fingerprint of the first `inputLinesDone` input lines. */
  readonly fingerprint: string;
  /** The dataset's `Status` just before it was sent, when the service reported one. */
  readonly statusBefore?: DatasetStatus;
  /** The dataset's `LastUpdatedTimestamp` just before it was sent (ISO 8601), when the service reported one. */
  readonly lastUpdatedBefore?: string;
}

/** Options of an upload. Every field is optional. */
export interface UploadOptions {
  /**
   * `"stop"`: a line with an error stops the upload before any request carries it, and for an array or a
   * file path before the first request at all; the error lists the invalid lines. `"skip"`: valid lines are
   * sent and every invalid one is listed in {@link UploadResult.linesSkipped}. A line is invalid when
   * `validateLine` finds an error in it, or when its image is in another S3 bucket than the first sendable
   * line's (`ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS`: a dataset's images must all be in one bucket).
   * @defaultValue "stop"
   */
  readonly onInvalidLine?: InvalidLinePolicy;
  /**
   * Every request body stays strictly under this many UTF-8 bytes (lines joined with `"\n"`). Lower it if
   * the service turns out to count something else than raw bytes.
   * @defaultValue MAX_GROUND_TRUTH_BYTES (5,242,880, the service model's `GroundTruthBlob` maximum)
   */
  readonly maxRequestBytes?: number;
  /**
   * How many times one request is sent again after the dataset answered "busy" (ResourceInUseException),
   * each time after waiting for the dataset's current operation to end.
   * @defaultValue 5
   */
  readonly maxBusyResends?: number;
  /**
   * How many times one request is sent again after its update ended `UPDATE_FAILED` with `SERVICE_ERROR`
   * (the service's fault: the same update may succeed later).
   * @defaultValue 3
   */
  readonly maxServiceErrorResends?: number;
  /** Options of every wait for an update (seconds, as the SDK's waiters); the abort signal comes from {@link abortSignal}. */
  readonly wait?: Omit<WaitOptions, "abortSignal">;
  /** Called after each request is sent and after it is applied. An exception thrown here stops the upload. */
  readonly onProgress?: (event: UploadProgressEvent) => void;
  /** Stops the upload between steps and inside every request and wait; the error's `result` says what is applied. */
  readonly abortSignal?: AbortSignal;
  /**
   * Saves progress before each request is sent and after it is applied, and resumes from a saved
   * checkpoint (asking the dataset whether a request recorded as about to be sent was applied). Resuming checks a
   * fingerprint of the input lines already applied, so the input must be the same text again: lines built
   * with the builders' default `creation-date` (now) differ on every run; give them a fixed `creationDate`.
   */
  readonly checkpoint?: CheckpointOption;
  /**
   * After the last request, read the entries the service flagged (ListDatasetEntries with `HasErrors`)
   * into {@link UploadResult.flaggedEntries}: every flagged entry of the dataset, not only this upload's,
   * held in memory (one small object per flagged entry).
   * @defaultValue false
   */
  readonly reportFlaggedEntries?: boolean;
  /**
   * Most invalid lines listed one by one in an `InvalidLinesError` (all are counted).
   * @defaultValue 100
   */
  readonly maxListedInvalidLines?: number;
}

/**
 * A progress event. `"sent"`: the service accepted the request; `"applied"`: its update completed. The
 * `...Done` counts include this request and count requests at this stage (sent, or applied). A request sent
 * again (after a busy answer or a `SERVICE_ERROR` failure) reports `"sent"` again with the same counts.
 */
export interface UploadProgressEvent {
  /** The stage the request reached. */
  readonly type: "sent" | "applied";
  /** The request's index in this run, from 0. */
  readonly requestIndex: number;
  /** Requests that reached this stage so far in this run. */
  readonly requestsDone: number;
  /** Lines carried by those requests. */
  readonly linesDone: number;
  /** Body bytes of those requests. */
  readonly bytesDone: number;
  /** Lines this run will send, when the source was read in advance (arrays, file paths). */
  readonly totalLines?: number;
  /** Body bytes this run will send, when known in advance. */
  readonly totalBytes?: number;
  /** Requests this run will make, when known in advance. */
  readonly totalRequests?: number;
}

/** One request of an upload, as applied. */
export interface UploadRequestReport {
  /** Index in this run, from 0. */
  readonly index: number;
  /** Input line number of its first line. */
  readonly firstLine: number;
  /** Input line number of its last line. */
  readonly lastLine: number;
  /** Lines in its body. */
  readonly lines: number;
  /** Bytes of its body. */
  readonly bytes: number;
  /**
   * How many times its body was sent (busy and service-error resends included; the HTTP retries inside one
   * send are not counted here).
   */
  readonly sends: number;
}

/**
 * A line left out of a request because a later line of the same request has the same `source-ref`: the
 * later one wins, as an update of that entry in a later request would, and the request never carries the
 * source-ref twice (what the service keeps of a repeated one is not documented: see "A source-ref repeated within one request" in docs/ARCHITECTURE.md).
 */
export interface DuplicateReplacement {
  /** The shared `source-ref`. */
  readonly sourceRef: string;
  /** Line number of the line left out. */
  readonly lineNumber: number;
  /** Line number of the later line that was sent instead. */
  readonly replacedBy: number;
}

/** One problem the service reported on a dataset entry. */
export interface EntryProblem {
  /** The service's code, e.g. `"ERROR_INVALID_BOUNDING_BOX"`. */
  readonly code: string;
  /** The service's message, `""` when it gave none. */
  readonly message: string;
  /** Where on the entry, e.g. `"bounding-box.annotations[0]"`; `""` for the entry itself. */
  readonly path: string;
  /** `"warning"` when it came from a `warnings` list, otherwise `"error"`. */
  readonly severity: "error" | "warning";
}

/** A dataset entry the service flagged, with its problems. */
export interface FlaggedEntry {
  /** The entry's `source-ref`, when it has one. */
  readonly sourceRef?: string;
  /** Every problem found on the entry, at every level. */
  readonly problems: readonly EntryProblem[];
}

/**
 * What a resume did with the request its checkpoint recorded as about to be sent (see
 * {@link Checkpoint.pendingRequest}):
 * - `"confirmed-applied"`: the dataset showed an update completed after the request was sent (waited for
 *   when still running), so it counts as applied and is not sent again;
 * - `"resent"`: the dataset showed no update after it, or a failed one, so its lines are sent again;
 * - `"input-changed"`: the input's lines through that request differ from those it carried (or end before
 *   it), so those lines are sent again as they are now.
 */
export type PendingRequestOutcome = "confirmed-applied" | "resent" | "input-changed";

/** What an upload did. Errors of an upload carry the same object, filled up to where it stopped. */
export interface UploadResult {
  /** The dataset. */
  readonly datasetArn: string;
  /** Each request applied in this run, in order. */
  readonly requests: readonly UploadRequestReport[];
  /**
   * A request that was sent but whose update was not seen to complete (the upload stopped while sending or
   * waiting): it may or may not be applied. Absent when a refusal proves it was not (AccessDenied, a
   * validation error, a busy answer that did arrive).
   */
  readonly unconfirmedRequest?: UploadRequestReport;
  /**
   * Input lines done, counted from the start of the input: applied, skipped or replaced, and those a
   * resume skipped as done.
   */
  readonly inputLinesDone: number;
  /** Line number of the last input line done; 0 when none. */
  readonly lastLineDone: number;
  /** Lines carried by the requests applied in this run (skipped and replaced lines excluded). */
  readonly appliedRequestLines: number;
  /** Body bytes of the requests applied in this run. */
  readonly appliedRequestBytes: number;
  /**
   * Invalid lines left out (`onInvalidLine: "skip"`), in order, each with its problems. In a partial result
   * it may name lines past `lastLineDone`: lines are read ahead up to the end of the request being built.
   */
  readonly linesSkipped: readonly InvalidLine[];
  /** Lines left out because a later line of the same request had the same `source-ref`. */
  readonly duplicatesReplaced: readonly DuplicateReplacement[];
  /** Time the upload took, in milliseconds. */
  readonly durationMs: number;
  /** Dataset statistics before the first request; empty when the upload stopped before describing the dataset. */
  readonly statisticsBefore: DatasetStatistics;
  /** Dataset statistics after the last applied update (the latest known when the upload stopped early). */
  readonly statisticsAfter: DatasetStatistics;
  /**
   * When the upload resumed from a checkpoint: the line number, in this input, of the last line it skipped
   * as done (a file's physical line, so blank lines added since the checkpoint are counted).
   */
  readonly resumedFromLine?: number;
  /** When the checkpoint resumed from recorded a request about to be sent: what became of it. */
  readonly resumedPendingRequest?: PendingRequestOutcome;
  /** Entries the service flagged, when {@link UploadOptions.reportFlaggedEntries} was set. */
  readonly flaggedEntries?: readonly FlaggedEntry[];
}
