/**
 * The bulk upload: source -> records -> validate -> serialize -> pack -> send -> wait -> report, one request
 * per dataset at a time, each waited for before the next, resumable from a checkpoint.
 *
 * @module
 */
import { CheckpointMismatchError } from "../../errors/checkpoint-mismatch-error.js";
import { isDatasetBusyError } from "../../errors/dataset-busy-error.js";
import { isDatasetError } from "../../errors/dataset-error.js";
import { DatasetUnavailableError } from "../../errors/dataset-unavailable-error.js";
import { type InvalidLine, InvalidLinesError } from "../../errors/invalid-lines-error.js";
import { isLineTooLargeError, LineTooLargeError } from "../../errors/line-too-large-error.js";
import { isOperationAbortedError } from "../../errors/operation-aborted-error.js";
import { isUpdateFailedError } from "../../errors/update-failed-error.js";
import { UploadAbortedError } from "../../errors/upload-aborted-error.js";
import { UploadFailedError, type UploadStage } from "../../errors/upload-failed-error.js";
import type { DatasetOperations } from "../operations.js";
import type { DatasetDescription, DatasetStatistics, UpdateBaseline } from "../types.js";
import { BUSY_STATUSES, waitUntilIdle } from "../wait-until-idle.js";
import { checkpointStore, isCheckpoint } from "./checkpoint.js";
import { PrefixFingerprint } from "./fingerprint.js";
import { readFlaggedEntry } from "./flagged-entries.js";
import { applyLinePolicy, InvalidLineStop, skippedLineOf } from "./line-policy.js";
import { inOneBucket } from "./one-bucket.js";
import { type NormalizedUploadOptions, normalizeUploadOptions } from "./options.js";
import { type PackedRequest, packRequests, planRequests } from "./pack.js";
import { ResumeMismatch, resumeAfter } from "./resume.js";
import { isRereadableSource, readUploadSource, type UploadRecord } from "./source.js";
import type {
  Checkpoint,
  CheckpointStore,
  DuplicateReplacement,
  FlaggedEntry,
  SkippedLine,
  UploadOptions,
  UploadProgressEvent,
  UploadRequestReport,
  UploadResult,
  UploadSource,
} from "./types.js";

/** Totals of this run, known when the source could be read in advance. */
interface Totals {
  readonly totalLines: number;
  readonly totalBytes: number;
  readonly totalRequests: number;
}

/** Marks an error that already carries the upload's result, so the outer handler passes it on untouched. */
function isUploadError(error: unknown): boolean {
  return (
    isDatasetError(error, "UploadFailedError") ||
    isDatasetError(error, "UploadAbortedError") ||
    isDatasetError(error, "InvalidLinesError") ||
    isDatasetError(error, "CheckpointMismatchError") ||
    (isLineTooLargeError(error) && error.result !== undefined)
  );
}

/** One upload's state, from the first read to the result. */
class UploadRun {
  readonly #operations: DatasetOperations;
  readonly #datasetArn: string;
  readonly #source: UploadSource;
  readonly #options: NormalizedUploadOptions;
  readonly #signal: AbortSignal | undefined;
  readonly #startedAt = performance.now();
  readonly #store: CheckpointStore | undefined;
  /** Waits for the same client's earlier, unawaited update to this dataset (see DatasetClient). */
  readonly #hooks: UploadHooks;

  #checkpoint: Checkpoint | undefined;
  #totals: Totals | undefined;
  #latest: DatasetDescription | undefined;
  #statisticsBefore: DatasetStatistics = {};
  #requests: UploadRequestReport[] = [];
  #unconfirmed: UploadRequestReport | undefined;
  #appliedLines = 0;
  #appliedThroughLine = 0;
  #linesSent = 0;
  #bytesSent = 0;
  #skipped: SkippedLine[] = [];
  #duplicates: DuplicateReplacement[] = [];
  #flagged: FlaggedEntry[] | undefined;
  #invalid: InvalidLine[] = [];
  #invalidCount = 0;
  #sentRequests = 0;
  #sentLines = 0;
  #sentBytes = 0;

  constructor(
    operations: DatasetOperations,
    datasetArn: string,
    source: UploadSource,
    options: UploadOptions,
    hooks: UploadHooks = {},
  ) {
    this.#hooks = hooks;
    this.#operations = operations;
    this.#datasetArn = datasetArn;
    this.#source = source;
    this.#options = normalizeUploadOptions(options);
    this.#signal = this.#options.abortSignal;
    this.#store =
      this.#options.checkpoint === undefined ? undefined : checkpointStore(this.#options.checkpoint);
  }

  /** The result so far: complete at the end, partial in every error. */
  result(): UploadResult {
    const statisticsAfter = this.#latest?.statistics ?? this.#statisticsBefore;
    return {
      datasetArn: this.#datasetArn,
      requestCount: this.#requests.length,
      requests: [...this.#requests],
      ...(this.#unconfirmed === undefined ? {} : { unconfirmedRequest: this.#unconfirmed }),
      appliedLines: this.#appliedLines,
      appliedThroughLine: this.#appliedThroughLine,
      linesSent: this.#linesSent,
      linesSkipped: [...this.#skipped],
      duplicatesReplaced: [...this.#duplicates],
      bytesSent: this.#bytesSent,
      durationMs: performance.now() - this.#startedAt,
      statisticsBefore: this.#statisticsBefore,
      statisticsAfter,
      ...(this.#checkpoint === undefined ? {} : { resumedFromLine: this.#checkpoint.appliedThroughLine }),
      ...(this.#flagged === undefined ? {} : { flaggedEntries: [...this.#flagged] }),
    };
  }

  async run(): Promise<UploadResult> {
    try {
      this.#signal?.throwIfAborted();
      await this.#loadCheckpoint();
      if (isRereadableSource(this.#source)) await this.#prepass();
      if (this.#hooks.settleEarlierWrite !== undefined) {
        try {
          await this.#hooks.settleEarlierWrite();
        } catch (error) {
          throw this.#toUploadError(error, "wait");
        }
      }
      await this.#describe();
      await this.#sendAll();
      if (this.#options.reportFlaggedEntries) await this.#readFlagged();
      return this.result();
    } catch (error) {
      throw this.#toUploadError(error);
    }
  }

  /** Turns whatever stopped the upload into an error that carries the result. */
  #toUploadError(error: unknown, stage?: UploadStage, request?: PackedRequest): unknown {
    if (isUploadError(error)) return error;
    const result = this.result();
    if (this.#signal?.aborted === true || isOperationAbortedError(error)) {
      return new UploadAbortedError({
        datasetArn: this.#datasetArn,
        result,
        cause: this.#signal?.aborted === true ? this.#signal.reason : error,
      });
    }
    if (error instanceof InvalidLineStop) {
      return new InvalidLinesError({
        datasetArn: this.#datasetArn,
        invalidLines: this.#invalid,
        invalidLineCount: this.#invalidCount,
        wholeInputChecked: false,
        result,
      });
    }
    if (error instanceof ResumeMismatch) return this.#mismatch(error.reason);
    if (isLineTooLargeError(error)) {
      return new LineTooLargeError({
        lineNumber: error.lineNumber,
        byteLength: error.byteLength,
        maxRequestBytes: error.maxRequestBytes,
        result,
        cause: error,
      });
    }
    return new UploadFailedError({
      datasetArn: this.#datasetArn,
      stage: stage ?? "read",
      ...(request === undefined
        ? {}
        : { request: { index: request.index, firstLine: request.firstLine, lastLine: request.lastLine } }),
      result,
      cause: error,
    });
  }

  #mismatch(
    reason: "dataset" | "fingerprint" | "input-too-short" | "unreadable",
    loaded?: unknown,
    cause?: unknown,
  ): CheckpointMismatchError {
    const known = (loaded ?? this.#checkpoint) as Partial<Checkpoint> | undefined;
    // The resume was refused: report nothing as resumed.
    this.#checkpoint = undefined;
    this.#appliedLines = 0;
    this.#appliedThroughLine = 0;
    return new CheckpointMismatchError({
      datasetArn: this.#datasetArn,
      reason,
      ...(typeof known?.datasetArn === "string" ? { checkpointDatasetArn: known.datasetArn } : {}),
      ...(typeof known?.appliedLines === "number" ? { appliedLines: known.appliedLines } : {}),
      result: this.result(),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  async #loadCheckpoint(): Promise<void> {
    if (this.#store === undefined) return;
    let loaded: unknown;
    try {
      loaded = await this.#store.load();
    } catch (error) {
      throw this.#mismatch("unreadable", undefined, error);
    }
    if (loaded === undefined) return;
    if (!isCheckpoint(loaded)) throw this.#mismatch("unreadable", loaded);
    if (loaded.datasetArn !== this.#datasetArn) throw this.#mismatch("dataset", loaded);
    this.#checkpoint = loaded;
    this.#appliedLines = loaded.appliedLines;
    this.#appliedThroughLine = loaded.appliedThroughLine;
  }

  /** The input's records, after the lines a checkpoint says are applied. */
  #records(fingerprint: PrefixFingerprint): AsyncIterable<UploadRecord> {
    const records = inOneBucket(
      readUploadSource(this.#source, this.#signal === undefined ? {} : { signal: this.#signal }),
    );
    return this.#checkpoint === undefined ? records : resumeAfter(records, this.#checkpoint, fingerprint);
  }

  /**
   * Reads a re-readable source once in full before anything is sent: checks every line (so that, under
   * "stop", an invalid line stops the upload before the first request), checks a resumed input against its
   * checkpoint, and plans the requests for the progress totals.
   */
  async #prepass(): Promise<void> {
    const invalid: InvalidLine[] = [];
    let invalidCount = 0;
    const sink = {
      onInvalid: (line: InvalidLine) => {
        invalidCount++;
        if (invalid.length < this.#options.maxListedInvalidLines) invalid.push(line);
      },
    };
    // Every line is checked, so invalid ones pass as "not sent" here whatever the policy.
    const items = applyLinePolicy(this.#records(new PrefixFingerprint()), "skip", sink);
    let totalLines = 0;
    let totalBytes = 0;
    let totalRequests = 0;
    const options = { maxRequestBytes: this.#options.maxRequestBytes };
    for await (const plan of planRequests(items, options)) {
      totalLines += plan.lines;
      totalBytes += plan.bytes;
      totalRequests++;
    }
    if (this.#options.onInvalidLine === "stop" && invalidCount > 0) {
      throw new InvalidLinesError({
        datasetArn: this.#datasetArn,
        invalidLines: invalid,
        invalidLineCount: invalidCount,
        wholeInputChecked: true,
        result: this.result(),
      });
    }
    this.#totals = { totalLines, totalBytes, totalRequests };
  }

  async #describe(): Promise<void> {
    try {
      this.#latest = await this.#operations.describe(this.#datasetArn, this.#signal);
    } catch (error) {
      throw this.#toUploadError(error, "describe");
    }
    this.#statisticsBefore = this.#latest.statistics;
    const { status } = this.#latest;
    if (status === "CREATE_FAILED" || status === "DELETE_IN_PROGRESS") {
      // No update can succeed: refuse before sending anything, as updateEntries does.
      const unavailable = new DatasetUnavailableError({
        datasetArn: this.#datasetArn,
        reason: status,
        ...(this.#latest.statusMessage === undefined ? {} : { statusMessage: this.#latest.statusMessage }),
      });
      throw this.#toUploadError(unavailable, "describe");
    }
    if (status !== undefined && BUSY_STATUSES.has(status)) {
      // It was seen in progress, so any completion the waiter sees next is newer: no baseline needed.
      await this.#waitForDataset(undefined, undefined);
    }
  }

  /**
   * Waits until the dataset's current operation (not one of ours) is over. Its failure is not ours: an
   * `UPDATE_FAILED` left by someone else only means the dataset is free again.
   *
   * `baseline` is the description seen before the dataset showed itself busy. DescribeDataset may lag
   * behind (stale status): right after a ResourceInUse it can still show the earlier, idle state. Waiting
   * against that baseline means that idle view cannot end the wait; only a status newer than it can, so
   * the other operation's completion is never taken later for the completion of our own update.
   */
  async #waitForDataset(
    request: PackedRequest | undefined,
    baseline: DatasetDescription | undefined,
  ): Promise<void> {
    try {
      this.#latest = await waitUntilIdle(
        this.#operations,
        this.#datasetArn,
        this.#options.wait,
        baseline,
        this.#signal,
      );
    } catch (error) {
      throw this.#toUploadError(error, "wait", request);
    }
  }

  #waitOptions() {
    return this.#signal === undefined
      ? { ...this.#options.wait }
      : { ...this.#options.wait, abortSignal: this.#signal };
  }

  async #sendAll(): Promise<void> {
    const fingerprint = new PrefixFingerprint();
    const policySink = {
      onInvalid: (line: InvalidLine) => {
        this.#invalidCount++;
        if (this.#invalid.length < this.#options.maxListedInvalidLines) this.#invalid.push(line);
        if (this.#options.onInvalidLine === "skip") this.#skipped.push(skippedLineOf(line));
      },
    };
    const items = applyLinePolicy(this.#records(fingerprint), this.#options.onInvalidLine, policySink);
    const requests = packRequests(items, {
      maxRequestBytes: this.#options.maxRequestBytes,
      fingerprint,
      inputStart: this.#checkpoint?.appliedLines ?? 0,
      // Each request is sent and waited for before the next is asked for.
      reuseBodies: true,
    });
    for await (const request of requests) {
      await this.#apply(request);
    }
  }

  /** Sends one request and waits until it is applied, resending it on "busy" and on service failures. */
  async #apply(request: PackedRequest): Promise<void> {
    let attempts = 0;
    let busyResends = 0;
    let serviceErrorResends = 0;
    let sentBefore = false;
    for (;;) {
      this.#signal?.throwIfAborted();
      const baseline = this.#latest;
      attempts++;
      // Unconfirmed from the moment it may leave: an attempt lost on the way (a dropped response, a 5xx) may
      // still be applied, even when the call then fails. Cleared only when the request is seen applied or
      // seen to fail.
      this.#unconfirmed = this.#report(request, attempts);
      if (baseline !== undefined) this.#hooks.beforeSend?.(baseline);
      try {
        await this.#operations.sendUpdate(this.#datasetArn, request.body, this.#signal);
      } catch (error) {
        if (isDatasetBusyError(error) && busyResends < this.#options.maxBusyResends) {
          busyResends++;
          await this.#waitForDataset(request, baseline);
          continue;
        }
        throw this.#toUploadError(error, "send", request);
      }
      if (!sentBefore) {
        sentBefore = true;
        this.#sentRequests++;
        this.#sentLines += request.lines;
        this.#sentBytes += request.bytes;
      }
      this.#progress("sent", request.index, this.#sentRequests, this.#sentLines, this.#sentBytes, request);
      try {
        this.#latest = await this.#operations.waitUntilUpdated(this.#datasetArn, {
          ...this.#waitOptions(),
          ...(baseline === undefined ? {} : { baseline }),
        });
      } catch (error) {
        if (isUpdateFailedError(error)) {
          // The update is over and was not applied.
          this.#unconfirmed = undefined;
          if (
            error.statusMessageCode === "SERVICE_ERROR" &&
            serviceErrorResends < this.#options.maxServiceErrorResends
          ) {
            serviceErrorResends++;
            try {
              this.#latest = await this.#operations.describe(this.#datasetArn, this.#signal);
            } catch (describeError) {
              throw this.#toUploadError(describeError, "describe", request);
            }
            continue;
          }
        }
        throw this.#toUploadError(error, "wait", request);
      }
      this.#unconfirmed = undefined;
      this.#applied(request, attempts);
      await this.#saveCheckpoint(request);
      this.#progress(
        "applied",
        request.index,
        this.#requests.length,
        this.#linesSent,
        this.#bytesSent,
        request,
      );
      return;
    }
  }

  #report(request: PackedRequest, attempts: number): UploadRequestReport {
    return {
      index: request.index,
      firstLine: request.firstLine,
      lastLine: request.lastLine,
      lines: request.lines,
      bytes: request.bytes,
      attempts,
    };
  }

  #applied(request: PackedRequest, attempts: number): void {
    this.#requests.push(this.#report(request, attempts));
    this.#linesSent += request.lines;
    this.#bytesSent += request.bytes;
    this.#appliedLines = request.inputEnd;
    this.#appliedThroughLine = request.throughLine;
    for (const duplicate of request.duplicatesReplaced) this.#duplicates.push(duplicate);
  }

  async #saveCheckpoint(request: PackedRequest): Promise<void> {
    if (this.#store === undefined || request.fingerprint === undefined) return;
    try {
      await this.#store.save({
        version: 1,
        datasetArn: this.#datasetArn,
        appliedLines: request.inputEnd,
        appliedThroughLine: request.throughLine,
        fingerprint: request.fingerprint,
      });
    } catch (error) {
      throw this.#toUploadError(error, "checkpoint", request);
    }
  }

  #progress(
    type: UploadProgressEvent["type"],
    requestIndex: number,
    requestsDone: number,
    linesDone: number,
    bytesDone: number,
    request: PackedRequest,
  ): void {
    const onProgress = this.#options.onProgress;
    if (onProgress === undefined) return;
    const event: UploadProgressEvent = Object.freeze({
      type,
      requestIndex,
      requestsDone,
      linesDone,
      bytesDone,
      ...(this.#totals ?? {}),
    });
    try {
      onProgress(event);
    } catch (error) {
      throw this.#toUploadError(error, "progress", request);
    }
  }

  async #readFlagged(): Promise<void> {
    const flagged: FlaggedEntry[] = [];
    try {
      for await (const entry of this.#operations.listEntries(
        this.#datasetArn,
        { hasErrors: true },
        this.#signal,
      )) {
        flagged.push(readFlaggedEntry(entry));
      }
    } catch (error) {
      throw this.#toUploadError(error, "flagged-entries");
    }
    this.#flagged = flagged;
  }
}

/**
 * Uploads a whole manifest to a dataset: checks every line, packs the lines into requests under the size
 * limit, sends one request at a time and waits until each is applied before the next, resending on
 * "busy" and on the service's own failures, saving a checkpoint after each applied request, and accounts
 * for everything in the result.
 *
 * The operations are already paced and retried (the DatasetClient's retry and throttle options): no
 * retry loop is added here beyond the busy and `SERVICE_ERROR` resends.
 *
 * @param operations - a DatasetClient's paced and retried operations.
 * @param datasetArn - the dataset (already checked against the ARN pattern by the caller).
 * @param source - typed lines, strings, a manifest file path or URL, or a stream.
 * @param options - validation policy, request ceiling, progress, abort, checkpoint, flagged entries.
 * @param hooks - how the calling DatasetClient takes part (see {@link UploadHooks}).
 * @throws {@link InvalidOptionsError} for an unusable option, before anything is read.
 * @throws {@link InvalidLinesError}, {@link LineTooLargeError}, {@link CheckpointMismatchError},
 *   {@link UploadAbortedError} or {@link UploadFailedError}, each carrying the partial `result`.
 */
export async function uploadDataset(
  operations: DatasetOperations,
  datasetArn: string,
  source: UploadSource,
  options: UploadOptions = {},
  hooks: UploadHooks = {},
): Promise<UploadResult> {
  return new UploadRun(operations, datasetArn, source, options, hooks).run();
}

/** How a DatasetClient takes part in an upload it runs. @internal */
export interface UploadHooks {
  /** Waits for the client's own earlier, unawaited update to the dataset, before anything is sent. */
  readonly settleEarlierWrite?: () => Promise<void>;
  /** Told what DescribeDataset showed before each send, so an unconfirmed request can still be waited for. */
  readonly beforeSend?: (baseline: UpdateBaseline) => void;
}
