/**
 * The bulk upload: source -> records -> validate -> serialize -> pack -> send -> wait -> report, one request
 * per dataset at a time, each waited for before the next, resumable from a checkpoint. The counting lives in
 * the ledger (upload-ledger.ts); this file runs the stages and turns whatever stops them into an error that
 * carries the result.
 *
 * @module
 */
import {
  CheckpointMismatchError,
  isCheckpointMismatchError,
} from "../../errors/checkpoint-mismatch-error.js";
import { isDatasetBusyError } from "../../errors/dataset-busy-error.js";
import { isDatasetError } from "../../errors/dataset-error.js";
import { type InvalidLine, InvalidLinesError } from "../../errors/invalid-lines-error.js";
import { isLineTooLargeError, LineTooLargeError } from "../../errors/line-too-large-error.js";
import { isManifestChangedError } from "../../errors/manifest-changed-error.js";
import { isOperationAbortedError } from "../../errors/operation-aborted-error.js";
import { isUpdateFailedError, type UpdateFailedError } from "../../errors/update-failed-error.js";
import { UploadAbortedError } from "../../errors/upload-aborted-error.js";
import { UploadFailedError, type UploadStage } from "../../errors/upload-failed-error.js";
import { monotonicNow } from "../clock.js";
import { certainlyNotApplied } from "../not-applied.js";
import type { DatasetOperations } from "../operations.js";
import type { DatasetDescription, UpdateBaseline } from "../types.js";
import { unavailableError } from "../unavailable.js";
import { BUSY_STATUSES, waitUntilIdle } from "../wait-until-idle.js";
import { CheckedInput } from "./checked-input.js";
import { checkpointAt, checkpointStore, parseCheckpoint } from "./checkpoint.js";
import { PrefixFingerprint } from "./fingerprint.js";
import { readFlaggedEntry } from "./flagged-entries.js";
import { applyLinePolicy, InvalidLineStop, packItemOf } from "./line-policy.js";
import { inOneBucket } from "./one-bucket.js";
import { type NormalizedUploadOptions, normalizeUploadOptions } from "./options.js";
import { type PackedRequest, packRequests, RequestPacker, type RequestPlan } from "./pack.js";
import { baselineOf, judgePendingRequest } from "./pending-request.js";
import {
  type InputPoint,
  type ResumableLine,
  type ResumeListener,
  ResumeMismatch,
  resumeAfter,
} from "./resume.js";
import {
  isRereadableSource,
  isTextUploadSource,
  readUploadLines,
  readUploadSource,
  type TextUploadSource,
  type UploadRecord,
} from "./source.js";
import type {
  Checkpoint,
  CheckpointStore,
  FlaggedEntry,
  PendingRequestCheckpoint,
  UploadOptions,
  UploadProgressEvent,
  UploadResult,
  UploadSource,
} from "./types.js";
import { UploadLedger } from "./upload-ledger.js";

/** The fingerprint of no line at all: where a fresh upload starts. */
const NOTHING_DONE: InputPoint = { inputLinesDone: 0, fingerprint: new PrefixFingerprint().digest() };

/** How one send of a request ended, when it did not stop the upload. */
type SendOutcome =
  | { readonly kind: "applied" }
  /** The dataset answered busy; `baseline` is the description the send went out against. */
  | { readonly kind: "busy"; readonly error: unknown; readonly baseline: DatasetDescription | undefined }
  /** The update ended `UPDATE_FAILED` with `SERVICE_ERROR`: the service's fault, worth sending again. */
  | { readonly kind: "service-error"; readonly error: UpdateFailedError };

/** Marks an error that already carries the upload's result, so the outer handler passes it on untouched. */
function isUploadError(error: unknown): boolean {
  return (
    isDatasetError(error, "UploadFailedError") ||
    isDatasetError(error, "UploadAbortedError") ||
    isDatasetError(error, "InvalidLinesError") ||
    (isCheckpointMismatchError(error) && error.result !== undefined) ||
    (isLineTooLargeError(error) && error.result !== undefined)
  );
}

/** One upload, from the first read to the result. */
class UploadRun {
  readonly #operations: DatasetOperations;
  readonly #datasetArn: string;
  readonly #source: UploadSource;
  readonly #options: NormalizedUploadOptions;
  readonly #signal: AbortSignal | undefined;
  readonly #store: CheckpointStore | undefined;
  /** How the calling DatasetClient takes part (see {@link UploadHooks}). */
  readonly #hooks: UploadHooks;
  readonly #ledger: UploadLedger;

  /** The checkpoint resumed from, once loaded and accepted. */
  #checkpoint: Checkpoint | undefined;
  /** The checkpoint's pending request, when the dataset showed an update completed after it. */
  #pendingApplied: PendingRequestCheckpoint | undefined;
  /** The input lines known done and their fingerprint: what the next checkpoint records as done. */
  #done: InputPoint = NOTHING_DONE;
  /** The latest description of the dataset: the baseline of the next send. */
  #latest: DatasetDescription | undefined;

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
    this.#ledger = new UploadLedger(datasetArn, monotonicNow(), this.#options.maxListedInvalidLines);
  }

  /** The result so far: complete at the end, partial in every error. */
  result(): UploadResult {
    return this.#ledger.result(monotonicNow());
  }

  async run(): Promise<UploadResult> {
    try {
      this.#signal?.throwIfAborted();
      await this.#loadCheckpoint();
      const pending = this.#checkpoint?.pendingRequest;
      // A pending request decides where the input resumes, so the dataset is read before the input is.
      if (pending !== undefined) {
        await this.#describeWhenFree();
        this.#judgePending(pending);
      }
      const checked = isRereadableSource(this.#source) ? await this.#prepass() : undefined;
      if (pending === undefined) await this.#describeWhenFree();
      if (checked !== undefined && isTextUploadSource(this.#source)) {
        await this.#sendChecked(this.#source, checked);
      } else {
        await this.#sendAll();
      }
      if (this.#options.reportFlaggedEntries) await this.#readFlagged();
      return this.result();
    } catch (error) {
      throw this.#toUploadError(error);
    }
  }

  /** Runs one stage: whatever stops it becomes an upload error naming the stage (and the request). */
  async #stage<T>(
    stage: UploadStage,
    request: PackedRequest | undefined,
    work: () => Promise<T> | T,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#toUploadError(error, stage, request);
    }
  }

  /** Turns whatever stopped the upload into an error that carries the result. */
  #toUploadError(error: unknown, stage?: UploadStage, request?: PackedRequest): unknown {
    if (isUploadError(error)) return error;
    if (error instanceof ResumeMismatch) return this.#mismatch(error.reason);
    if (isCheckpointMismatchError(error)) return this.#mismatch(error.reason, undefined, error);
    const result = this.result();
    if (this.#signal?.aborted === true || isOperationAbortedError(error)) {
      return new UploadAbortedError({
        datasetArn: this.#datasetArn,
        result,
        cause: this.#signal?.aborted === true ? this.#signal.reason : error,
      });
    }
    if (isManifestChangedError(error)) {
      return new UploadFailedError({
        datasetArn: this.#datasetArn,
        stage: "read",
        ...(request === undefined
          ? {}
          : { request: { index: request.index, firstLine: request.firstLine, lastLine: request.lastLine } }),
        result,
        cause: error,
      });
    }
    if (error instanceof InvalidLineStop) {
      return new InvalidLinesError({
        datasetArn: this.#datasetArn,
        invalidLines: this.#ledger.invalidLines,
        invalidLineCount: this.#ledger.invalidLineCount,
        wholeInputChecked: false,
        result,
      });
    }
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
    reason: CheckpointMismatchError["reason"],
    loaded?: unknown,
    cause?: unknown,
  ): CheckpointMismatchError {
    const known = (loaded ?? this.#checkpoint) as Record<string, unknown> | undefined;
    const done = known?.version === 1 ? known.appliedLines : known?.inputLinesDone;
    const option = this.#options.checkpoint;
    const file = isCheckpointMismatchError(cause)
      ? cause.checkpointFile
      : option !== undefined && "file" in option
        ? option.file
        : undefined;
    // The resume was refused: report nothing as resumed.
    this.#checkpoint = undefined;
    this.#ledger.resumeRefused();
    return new CheckpointMismatchError({
      datasetArn: this.#datasetArn,
      reason,
      ...(file === undefined ? {} : { checkpointFile: file }),
      ...(typeof known?.datasetArn === "string" ? { checkpointDatasetArn: known.datasetArn } : {}),
      ...(typeof done === "number" ? { inputLinesDone: done } : {}),
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
    const checkpoint = parseCheckpoint(loaded);
    if (checkpoint === undefined) throw this.#mismatch("unreadable", loaded);
    if (checkpoint.datasetArn !== this.#datasetArn) throw this.#mismatch("dataset", checkpoint);
    this.#checkpoint = checkpoint;
    this.#done = checkpoint;
    this.#ledger.resumeAt(checkpoint);
  }

  /**
   * Reads what the dataset shows about the request the checkpoint recorded as about to be sent (an update
   * in progress was already waited for). Only an update completed after its baseline counts it as applied
   * (see pending-request.ts); anything else sends its lines again.
   */
  #judgePending(pending: PendingRequestCheckpoint): void {
    const verdict =
      this.#latest === undefined ? "no-sign" : judgePendingRequest(this.#latest, baselineOf(pending));
    if (verdict !== "applied") {
      this.#ledger.pendingRequestWas("resent");
      return;
    }
    this.#pendingApplied = pending;
    // Until the input is read through it, the line numbers are those of the run that sent it.
    this.#ledger.resumeAt(pending);
  }

  /** Follows the resume as the input is read: where the input matched, in this input's line numbers. */
  #resumeListener(checkpoint: Checkpoint): ResumeListener {
    return {
      passed: (point, lastLineDone) => {
        const done = point === "checkpoint" ? checkpoint : this.#pendingApplied!;
        this.#done = done;
        this.#ledger.resumeAt({ inputLinesDone: done.inputLinesDone, lastLineDone });
        if (point === "pending") this.#ledger.pendingRequestWas("confirmed-applied");
      },
      pendingDiffers: () => {
        this.#done = checkpoint;
        this.#ledger.pendingRequestWas("input-changed");
      },
    };
  }

  /** The input's records, after the lines the checkpoint (and a pending request seen applied) account for. */
  #records(fingerprint: PrefixFingerprint): AsyncIterable<UploadRecord> {
    // The bucket rule sees the lines a resume drops too: the input's first image sets the bucket.
    return this.#afterResume(
      inOneBucket(readUploadSource(this.#source, this.#signal === undefined ? {} : { signal: this.#signal })),
      fingerprint,
    );
  }

  /** Drops the lines the checkpoint (and a pending request seen applied) account for. */
  #afterResume<Line extends ResumableLine>(
    records: AsyncIterable<Line>,
    fingerprint: PrefixFingerprint,
  ): AsyncIterable<Line> {
    const checkpoint = this.#checkpoint;
    if (checkpoint === undefined) return records;
    return resumeAfter(
      records,
      checkpoint,
      fingerprint,
      this.#resumeListener(checkpoint),
      this.#pendingApplied,
    );
  }

  /**
   * Reads a re-readable source once in full before anything is sent: checks every line (so that, under
   * "stop", an invalid line stops the upload before the first request), checks a resumed input against its
   * checkpoint, and plans the requests for the progress totals. What it found is kept (see
   * checked-input.ts), so that the send pass of a text input need not check every line again.
   *
   * The policy and the planning run in the loop itself rather than as generators: each generator a line
   * passes through costs a few promise turns.
   */
  async #prepass(): Promise<CheckedInput> {
    const invalid: InvalidLine[] = [];
    let invalidCount = 0;
    const checked = new CheckedInput();
    const skip = this.#options.onInvalidLine === "skip";
    const sink = {
      onInvalid: (line: InvalidLine) => {
        invalidCount++;
        if (invalid.length < this.#options.maxListedInvalidLines) invalid.push(line);
        // Under "stop" any invalid line ends the upload here: the send pass never needs them.
        if (skip) checked.invalidLine(line);
      },
    };
    const fingerprint = new PrefixFingerprint();
    const packer = new RequestPacker({ maxRequestBytes: this.#options.maxRequestBytes, fingerprint }, false);
    let totalLines = 0;
    let totalBytes = 0;
    let totalRequests = 0;
    const planned = (plan: RequestPlan) => {
      totalLines += plan.lines;
      totalBytes += plan.bytes;
      totalRequests++;
      checked.planned(plan);
    };
    for await (const record of this.#records(fingerprint)) {
      // Every line is checked, so invalid ones pass as "not sent" here whatever the policy.
      const item = packItemOf(record, "skip", sink);
      const plan = packer.add(item);
      if (plan !== undefined) planned(plan);
      checked.consumed(item);
    }
    const last = packer.finish();
    if (last !== undefined) planned(last);
    checked.ended(fingerprint);
    if (this.#options.onInvalidLine === "stop" && invalidCount > 0) {
      throw new InvalidLinesError({
        datasetArn: this.#datasetArn,
        invalidLines: invalid,
        invalidLineCount: invalidCount,
        wholeInputChecked: true,
        result: this.result(),
      });
    }
    this.#ledger.planned({ totalLines, totalBytes, totalRequests });
    return checked;
  }

  /** Keeps the latest description: the baseline of the next send, and the statistics of the result. */
  #seen(description: DatasetDescription): void {
    this.#latest = description;
    this.#ledger.described(description.statistics);
  }

  /**
   * Settles this client's own earlier write, describes the dataset, refuses one no update can succeed on,
   * and waits for an operation in progress.
   */
  async #describeWhenFree(): Promise<void> {
    const settleEarlierWrite = this.#hooks.settleEarlierWrite;
    if (settleEarlierWrite !== undefined) await this.#stage("wait", undefined, settleEarlierWrite);
    const description = await this.#stage("describe", undefined, () =>
      this.#operations.describe(this.#datasetArn, this.#signal),
    );
    this.#seen(description);
    // No update can succeed on an unavailable dataset: refuse before sending anything, as updateEntries does.
    const unavailable = unavailableError(description);
    if (unavailable !== undefined) throw this.#toUploadError(unavailable, "describe");
    const { status } = description;
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
    const description = await this.#stage("wait", request, () =>
      waitUntilIdle(this.#operations, this.#datasetArn, this.#options.wait, baseline, this.#signal),
    );
    this.#seen(description);
  }

  /** The send pass of an input read only once: every line is checked as it is read. */
  async #sendAll(): Promise<void> {
    const fingerprint = new PrefixFingerprint();
    const skip = this.#options.onInvalidLine === "skip";
    const sink = { onInvalid: (line: InvalidLine) => this.#ledger.invalidLine(line, skip) };
    const items = applyLinePolicy(this.#records(fingerprint), this.#options.onInvalidLine, sink);
    // Each request gets a fresh body; the fingerprint counts every input line, resumed ones included.
    const requests = packRequests(items, { maxRequestBytes: this.#options.maxRequestBytes, fingerprint });
    for await (const request of requests) await this.#apply(request);
  }

  /**
   * The send pass of a text input the pre-pass checked: its lines are split, hashed and packed, but not
   * parsed or validated again; each request is sent only once it is proved to hold the lines checked (same
   * prefix fingerprint, same line numbers), and the invalid lines it accounts for are reported then, as
   * the full checks of the other send pass would have reported them by that time. An input that changed since is refused
   * before the first request that differs.
   */
  async #sendChecked(source: TextUploadSource, checked: CheckedInput): Promise<void> {
    const fingerprint = new PrefixFingerprint();
    const replay = checked.replay(this.#options.maxRequestBytes);
    const packer = new RequestPacker({ maxRequestBytes: this.#options.maxRequestBytes, fingerprint }, true);
    const lines = this.#afterResume(
      readUploadLines(source, this.#signal === undefined ? {} : { signal: this.#signal }),
      fingerprint,
    );
    const send = async (request: PackedRequest) => {
      const invalid = await this.#stage("read", request, () => replay.verify(request));
      for (const line of invalid) this.#ledger.invalidLine(line, true);
      await this.#apply(request);
    };
    let lastLine = 0;
    for await (const line of lines) {
      const item = replay.itemOf(line);
      const request = packer.add(item);
      if (request !== undefined) await send(request as PackedRequest);
      replay.consumed(item);
      lastLine = line.lineNumber;
    }
    const last = packer.finish();
    if (last !== undefined) await send(last as PackedRequest);
    for (const line of replay.verifyEnd(fingerprint, lastLine)) this.#ledger.invalidLine(line, true);
  }

  /** Sends one request until it is applied: again after "busy" and after a service failure, up to the limits. */
  async #apply(request: PackedRequest): Promise<void> {
    let busyResends = 0;
    let serviceErrorResends = 0;
    for (let sends = 1; ; sends++) {
      const outcome = await this.#sendOnce(request, sends);
      switch (outcome.kind) {
        case "applied": {
          const event = this.#ledger.applied(request, sends);
          this.#done = { inputLinesDone: request.inputEnd, fingerprint: request.fingerprint! };
          await this.#stage("checkpoint", request, () => this.#saveCheckpoint(undefined));
          await this.#progress(event, request);
          return;
        }
        case "busy":
          if (busyResends++ >= this.#options.maxBusyResends) {
            throw this.#toUploadError(outcome.error, "send", request);
          }
          await this.#waitForDataset(request, outcome.baseline);
          break;
        case "service-error":
          if (serviceErrorResends++ >= this.#options.maxServiceErrorResends) {
            throw this.#toUploadError(outcome.error, "wait", request);
          }
          this.#seen(
            await this.#stage("describe", request, () =>
              this.#operations.describe(this.#datasetArn, this.#signal),
            ),
          );
          break;
      }
    }
  }

  /**
   * One send of `request` and the wait for its update. The request is recorded as pending in the
   * checkpoint before it goes, and counted unconfirmed from the moment it may leave: an attempt lost on the
   * way (a dropped response, a 5xx) may still be applied, even when the call then fails. Only a refusal
   * that proves nothing was applied, or the update seen to end, clears it.
   */
  async #sendOnce(request: PackedRequest, sends: number): Promise<SendOutcome> {
    this.#signal?.throwIfAborted();
    const baseline = this.#latest;
    await this.#stage("checkpoint", request, () => this.#saveCheckpoint(request));
    if (baseline !== undefined) this.#hooks.beforeSend?.(baseline);
    const abortedBeforeSend = this.#signal?.aborted === true;
    const unconfirmedBefore = this.#ledger.sending(request, sends);
    try {
      await this.#operations.sendUpdate(this.#datasetArn, request.body, this.#signal);
    } catch (error) {
      if (certainlyNotApplied(error, abortedBeforeSend)) this.#ledger.notSent(unconfirmedBefore);
      if (isDatasetBusyError(error)) return { kind: "busy", error, baseline };
      throw this.#toUploadError(error, "send", request);
    }
    await this.#progress(this.#ledger.sent(request), request);
    try {
      this.#seen(
        await this.#operations.waitUntilUpdated(this.#datasetArn, {
          ...this.#options.wait,
          ...(this.#signal === undefined ? {} : { abortSignal: this.#signal }),
          ...(baseline === undefined ? {} : { baseline }),
        }),
      );
      return { kind: "applied" };
    } catch (error) {
      if (isUpdateFailedError(error)) {
        // The update is over and was not applied.
        this.#ledger.updateFailed();
        if (error.statusMessageCode === "SERVICE_ERROR") return { kind: "service-error", error };
      }
      throw this.#toUploadError(error, "wait", request);
    }
  }

  /**
   * Saves where the upload is: the input lines done, and `pending`, the request about to be sent (with the
   * dataset's state before it, so that a resume can tell whether the service applied it).
   */
  async #saveCheckpoint(pending: PackedRequest | undefined): Promise<void> {
    if (this.#store === undefined) return;
    const position = { ...this.#done, lastLineDone: this.#ledger.position.lastLineDone };
    await this.#store.save(
      checkpointAt(this.#datasetArn, position, pending === undefined ? undefined : [pending, this.#latest]),
    );
  }

  /** Tells the caller's progress callback; an exception thrown there stops the upload. */
  async #progress(event: UploadProgressEvent, request: PackedRequest): Promise<void> {
    const onProgress = this.#options.onProgress;
    if (onProgress !== undefined) await this.#stage("progress", request, () => onProgress(event));
  }

  async #readFlagged(): Promise<void> {
    const flagged = await this.#stage("flagged-entries", undefined, async () => {
      const entries: FlaggedEntry[] = [];
      const filters = { hasErrors: true };
      for await (const entry of this.#operations.listEntries(this.#datasetArn, filters, this.#signal)) {
        entries.push(readFlaggedEntry(entry));
      }
      return entries;
    });
    this.#ledger.flagged(flagged);
  }
}

/**
 * Uploads a whole manifest to a dataset: checks every line, packs the lines into requests under the size
 * limit, sends one request at a time and waits until each is applied before the next, resending on
 * "busy" and on the service's own failures, saving a checkpoint before each request is sent and after it is
 * applied, and accounts for everything in the result.
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
