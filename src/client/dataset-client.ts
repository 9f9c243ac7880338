import type { RekognitionClient, RekognitionClientConfig } from "@aws-sdk/client-rekognition";
import { DatasetBusyError } from "../errors/dataset-busy-error.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { UploadAbortedError } from "../errors/upload-aborted-error.js";
import { assertOptionsObject, checkAbortSignal } from "../options/check-options.js";
import { assertDatasetArn } from "./arn.js";
import { checkCallOptions, checkWaitOptions, everyKey } from "./call-options.js";
import { checkClientOptions } from "./client-options.js";
import { monotonicNow } from "./clock.js";
import { type ClientOperations, checkFilters, createDatasetOperations } from "./dataset-operations.js";
import { DatasetQueue } from "./dataset-queue.js";
import { buildOwnClient, resolveRequestTimeoutMs } from "./own-client.js";
import { createPacer, type ThrottleOptions } from "./pacing.js";
import { type EntryChanges, encodeChanges, resolveMaxRequestBytes } from "./payload.js";
import { PendingUpdates } from "./pending-updates.js";
import { type RetryOptions, resolveRetryOptions } from "./retry.js";
import type {
  DatasetDescription,
  DatasetLabel,
  ListEntriesFilters,
  UpdateBaseline,
  WaitOptions,
} from "./types.js";
import { unavailableError } from "./unavailable.js";
import { checkCheckpointFolder, normalizeUploadOptions } from "./upload/options.js";
import type { UploadOptions, UploadResult, UploadSource } from "./upload/types.js";
import { type UploadHooks, uploadDataset } from "./upload/upload.js";
import { UploadLedger } from "./upload/upload-ledger.js";
import { BUSY_STATUSES, waitUntilIdle } from "./wait-until-idle.js";
import type { WaitUntilUpdatedOptions } from "./waiter.js";

/** Options every DatasetClient takes, whichever way it gets its RekognitionClient. */
export interface DatasetClientCommonOptions {
  /**
   * How failed requests are retried (times in milliseconds). See {@link RetryOptions} and docs/RETRIES.md.
   * @defaultValue {@link DEFAULT_RETRY_OPTIONS}
   */
  readonly retry?: RetryOptions;
  /**
   * Pacing shared by every request of this DatasetClient, to every dataset: at most `limit` request
   * attempts start per `interval` milliseconds.
   * @defaultValue no pacing: requests start at once, and throttling is ridden out by retries.
   */
  readonly throttle?: ThrottleOptions;
  /**
   * Longest time one request attempt may take, in milliseconds, after which it is abandoned and retried
   * as a timeout (counted as one that may have reached the service). With `clientConfig`, the SDK's request
   * handler gets it as its `requestTimeout` (with `throwOnRequestTimeout`, unless you give a
   * `requestHandler` yourself); with a `client` of yours, which is never reconfigured, each `send` gets an
   * abort signal that fires at that time. Generous, because an UpdateDatasetEntries body is up to 5 MB.
   * @defaultValue 60000
   */
  readonly requestTimeoutMs?: number;
  /**
   * How fast the service processes updates, in GroundTruth bytes per second, when you know it before this
   * client has timed any update: for example `processingRate.bytesPerSecond` from `runProbe`, or a figure
   * from an earlier run. The waiter then aims its first polls at the expected end of the first update too;
   * later updates refine the estimate as they are timed. A wrong figure costs polls, never correctness.
   * @defaultValue none: the waiter's schedule bounds its gaps by the time waited until an update is timed.
   */
  readonly processingBytesPerSecond?: number;
}

/** A DatasetClient over a RekognitionClient you built; its configuration is never changed. */
export interface DatasetClientWithClient extends DatasetClientCommonOptions {
  /** The client every request goes through. Its own retries (if any) count toward `retry.attempts`. */
  readonly client: RekognitionClient;
  /** Not with `client`: configure your own client instead. */
  readonly clientConfig?: never;
}

/** A DatasetClient that builds its own RekognitionClient. */
export interface DatasetClientWithConfig extends DatasetClientCommonOptions {
  /**
   * Configuration of the RekognitionClient to build (region, credentials, endpoint...). `maxAttempts` is
   * always set to 1 so that `retry.attempts` are the attempts made.
   * @defaultValue `{}`: the SDK's default region and credential chain.
   */
  readonly clientConfig?: RekognitionClientConfig;
  /** Not with `clientConfig`. */
  readonly client?: never;
}

/** Options of {@link DatasetClient}: either a ready `client` or a `clientConfig`, never both. */
export type DatasetClientOptions = DatasetClientWithClient | DatasetClientWithConfig;

/** Options of a single call that can be aborted. */
export interface AbortOptions {
  /** Stops the call at once with `OperationAbortedError`; a request already sent may still reach AWS. */
  readonly abortSignal?: AbortSignal;
}

/** Options of {@link DatasetClient.updateEntries}. */
export interface UpdateEntriesOptions extends AbortOptions {
  /**
   * The byte ceiling the payload must stay strictly under, in UTF-8 bytes; at most the service's limit.
   * @defaultValue {@link MAX_GROUND_TRUTH_BYTES}
   */
  readonly maxRequestBytes?: number;
  /**
   * What to do when DescribeDataset shows the dataset busy (`CREATE_IN_PROGRESS` or `UPDATE_IN_PROGRESS`)
   * before sending: `false` rejects with `DatasetBusyError`; `true` (or wait options) waits for it first.
   * @defaultValue false
   */
  readonly waitIfBusy?: boolean | WaitOptions;
}

/** What {@link DatasetClient.updateEntries} sent. */
export interface UpdateEntriesResult {
  /** DescribeDataset just before the request: the baseline the following wait compares against. */
  readonly baseline: DatasetDescription;
  /** Size of the request's GroundTruth payload, in bytes. */
  readonly byteLength: number;
  /** Lines in the request (blank lines of a file or text not counted); `undefined` for bytes (not parsed). */
  readonly lineCount: number | undefined;
}

/** The keys of a call that takes only an abort signal. */
const ABORT_ONLY_KEYS = everyKey<AbortOptions>({ abortSignal: true });

/** The keys of updateEntries' options. */
const UPDATE_ENTRIES_KEYS = everyKey<UpdateEntriesOptions>({
  abortSignal: true,
  maxRequestBytes: true,
  waitIfBusy: true,
});

/** What waitUntilUpdated takes beside the wait timings. */
const WAIT_UNTIL_UPDATED_EXTRA_KEYS = [
  "abortSignal",
  "baseline",
] as const satisfies readonly (keyof WaitUntilUpdatedOptions)[];

/**
 * The result of an upload stopped before it could start (aborted while queued behind another writer):
 * nothing read, nothing sent.
 */
function nothingUploaded(datasetArn: string): UploadResult {
  return new UploadLedger(datasetArn, monotonicNow(), 0).result(monotonicNow());
}

/** The error of the send an upload stopped at, when it stopped at one (it is the upload error's cause). */
function failedSendOf(error: unknown): unknown {
  return isDatasetError(error, "UploadFailedError") && error.stage === "send" ? error.cause : undefined;
}

/**
 * The dataset operations of Rekognition Custom Labels, typed, checked, paced and retried.
 *
 * **Retries: one layer decides.** Every request is retried here (see {@link RetryOptions}) on throttling,
 * capacity, server and network errors, never on InvalidParameter, AccessDenied, ResourceNotFound or
 * ResourceInUse. A DatasetClient built from `clientConfig` builds its RekognitionClient with
 * `maxAttempts: 1`, so `retry.attempts` are exactly the attempts made. A `client` you pass in is never
 * reconfigured: the attempts its SDK makes inside one call (`$metadata.attempts` on the error) count toward
 * the same budget, so a client with the SDK's default 3 attempts leaves fewer retries here (and the last
 * call may overshoot the budget by up to the SDK's attempts minus one). See docs/RETRIES.md.
 *
 * Dataset ARNs are checked against the service's pattern before any request (`InvalidDatasetArnError`), and
 * every call's options (the constructor's included) at the call, before anything is read, queued or sent
 * (`InvalidOptionsError`, naming the option's path and value). A call that rejects, at whatever stage,
 * leaves the client as it found it: the next writer to the dataset is never held by it.
 *
 * @example
 * ```ts
 * const datasets = new DatasetClient({ clientConfig: { region: "us-east-1" } });
 * await datasets.updateEntries(datasetArn, lines);
 * await datasets.waitUntilUpdated(datasetArn, { maxWaitTime: 900 });
 * ```
 */
export class DatasetClient {
  /** The RekognitionClient every request goes through (yours, or the one built from `clientConfig`). */
  readonly client: RekognitionClient;
  readonly #operations: ClientOperations;
  /** Per dataset: this client's last update, until a wait sees it end. */
  readonly #pending: PendingUpdates;
  /** One writer per dataset at a time (see dataset-queue.ts for why). */
  readonly #writers = new DatasetQueue();

  /**
   * @param options - either `client` or `clientConfig` (never both), plus `retry` and `throttle`.
   * @throws {@link InvalidOptionsError} when the options are not an object, hold an unknown key (the
   *   nearest known name is offered), give both `client` and `clientConfig`, a `client` without a `send`
   *   method, or a `clientConfig`, `retry` or `throttle` that is not an object or is out of range (naming
   *   the option's path and its value).
   */
  constructor(options: DatasetClientOptions = {}) {
    checkClientOptions(options);
    const retry = resolveRetryOptions(options.retry);
    const pace = createPacer(options.throttle);
    const requestTimeoutMs = resolveRequestTimeoutMs(options.requestTimeoutMs);
    if (options.client !== undefined) {
      this.client = options.client;
    } else {
      this.client = buildOwnClient(options.clientConfig, requestTimeoutMs);
    }
    this.#operations = createDatasetOperations({
      client: this.client,
      retry,
      pace,
      requestTimeoutMs,
      processingBytesPerSecond: options.processingBytesPerSecond,
    });
    this.#pending = new PendingUpdates(this.#operations);
  }

  /**
   * Describes a dataset: typed status, dates and statistics.
   *
   * @param datasetArn - the dataset.
   * @param options - abort signal.
   * @throws {@link InvalidDatasetArnError}, {@link InvalidOptionsError}, {@link DatasetUnavailableError}
   *   (not found), {@link RequestFailedError}, {@link OperationAbortedError}.
   */
  async describe(datasetArn: string, options: AbortOptions = {}): Promise<DatasetDescription> {
    assertDatasetArn(datasetArn);
    checkCallOptions(options, ABORT_ONLY_KEYS);
    return this.#operations.describe(datasetArn, options.abortSignal);
  }

  /**
   * Sends exactly one UpdateDatasetEntries request, after checking everything that can be checked here:
   * the ARN, the options ({@link InvalidOptionsError}), every line read the way an upload reads it (every
   * error-severity problem, with line numbers, as `ManifestValidationError`; a source-ref repeated within
   * the request included), an empty payload, and the byte ceiling (`PayloadTooLargeError` at or over it).
   * Then it describes the dataset to record the baseline that {@link DatasetClient.waitUntilUpdated}
   * compares against, refuses a busy dataset (`DatasetBusyError`) unless `waitIfBusy`, refuses one that
   * failed creation or is being deleted (`DatasetUnavailableError`), and sends. The update runs on the
   * service afterwards: wait for it with `waitUntilUpdated`.
   *
   * @param datasetArn - the dataset.
   * @param changes - the same sources as {@link DatasetClient.upload} (a `string` is a file path; `{ text }`
   *   is content), or bytes sent as they are (see {@link EntryChanges}).
   * @param options - byte ceiling, busy policy, abort signal.
   */
  async updateEntries(
    datasetArn: string,
    changes: EntryChanges,
    options: UpdateEntriesOptions = {},
  ): Promise<UpdateEntriesResult> {
    assertDatasetArn(datasetArn);
    checkCallOptions(options, UPDATE_ENTRIES_KEYS);
    const maxRequestBytes = resolveMaxRequestBytes(options.maxRequestBytes);
    const waitIfBusy = options.waitIfBusy ?? false;
    if (typeof waitIfBusy !== "boolean") checkWaitOptions(waitIfBusy, "waitIfBusy", ["abortSignal"]);
    const signal = options.abortSignal;
    const aborted = (reason: unknown) =>
      new OperationAbortedError({ operation: "updateEntries", datasetArn, cause: reason });
    const { body, lineCount } = await encodeChanges(datasetArn, changes, maxRequestBytes, signal).catch(
      (error: unknown) => {
        throw signal?.aborted === true ? aborted(signal.reason) : error;
      },
    );
    const release = await this.#writers.acquire(datasetArn, signal).catch((reason: unknown) => {
      throw aborted(reason);
    });
    try {
      // Our own previous update, never waited for: see how it ended first (or wait, if asked to).
      if (waitIfBusy === false) await this.#pending.checkBeforeWrite(datasetArn, signal);
      else await this.#pending.settleBeforeWrite(datasetArn, waitIfBusy === true ? {} : waitIfBusy, signal);
      return await this.#describeAndSend(datasetArn, body, lineCount, waitIfBusy, signal);
    } finally {
      release();
    }
  }

  /** updateEntries' work once this client holds the dataset: baseline, busy policy, send. */
  async #describeAndSend(
    datasetArn: string,
    body: Uint8Array,
    lineCount: number | undefined,
    waitIfBusy: boolean | WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<UpdateEntriesResult> {
    let baseline = await this.#operations.describe(datasetArn, signal);
    if (BUSY_STATUSES.has(baseline.status)) {
      if (waitIfBusy === false) {
        throw new DatasetBusyError({
          datasetArn,
          ...(baseline.status === undefined ? {} : { status: baseline.status }),
        });
      }
      const waitOptions = waitIfBusy === true ? {} : waitIfBusy;
      baseline = await waitUntilIdle(this.#operations, datasetArn, waitOptions, baseline, signal);
    }
    const unavailable = unavailableError(baseline);
    if (unavailable !== undefined) throw unavailable;
    const abortedBeforeSend = signal?.aborted === true;
    try {
      await this.#operations.sendUpdate(datasetArn, body, signal);
    } catch (error) {
      // Unless the request certainly did nothing, it may still be applied (a lost attempt, an abort while it
      // was on the wire): keep the baseline, so that a wait or a write after this error is still guarded.
      this.#pending.recordFailedSend(datasetArn, baseline, error, abortedBeforeSend);
      throw error;
    }
    this.#pending.record(datasetArn, baseline);
    return { baseline, byteLength: body.byteLength, lineCount };
  }

  /**
   * Waits until the dataset's update is over. Polls DescribeDataset on an adaptive schedule (soon after this
   * client's update was accepted, then with gaps of at most a tenth of the time waited, aimed at the end the
   * client's earlier updates make it expect), or as the SDK's waiters do when `minDelay` or `maxDelay` is
   * given: see {@link WaitOptions}. `UPDATE_COMPLETE` resolves;
   * `UPDATE_FAILED` rejects with {@link UpdateFailedError} (`statusMessage`, `statusMessageCode`);
   * `CREATE_FAILED`, `DELETE_IN_PROGRESS` and a missing dataset reject at once with
   * {@link DatasetUnavailableError}; `maxWaitTime` running out rejects with {@link WaitTimeoutError}; an
   * abort rejects at once with {@link OperationAbortedError}, leaving no request and no timer of the wait
   * behind.
   *
   * Stale status: after this client's own `updateEntries`, the baseline it recorded is used unless
   * `options.baseline` is given. A completion then counts only once `LastUpdatedTimestamp` moved past the
   * baseline's or `UPDATE_IN_PROGRESS` was seen, or after `staleStatusGracePeriod` seconds (so the wait
   * never hangs when the service shows neither).
   *
   * @param datasetArn - the dataset.
   * @param options - `maxWaitTime`, `minDelay`, `maxDelay`, `staleStatusGracePeriod` (seconds), abort
   *   signal, and an explicit baseline; checked at the call ({@link InvalidOptionsError}).
   * @returns the description showing `UPDATE_COMPLETE` (or `CREATE_COMPLETE` for an idle new dataset).
   */
  async waitUntilUpdated(
    datasetArn: string,
    options: WaitUntilUpdatedOptions = {},
  ): Promise<DatasetDescription> {
    assertDatasetArn(datasetArn);
    checkWaitOptions(options, "", WAIT_UNTIL_UPDATED_EXTRA_KEYS);
    checkAbortSignal(options.abortSignal, "abortSignal");
    assertOptionsObject(options.baseline, "baseline");
    return this.#pending.wait(datasetArn, options);
  }

  /**
   * Uploads a whole manifest, however large: lines validated, packed in order into requests strictly
   * under the byte ceiling, one request at a time, each waited for (stale status guarded) before the next;
   * throttling ridden out, a busy dataset waited for, `SERVICE_ERROR` failures resent, progress reported,
   * resumable from a checkpoint. See {@link UploadOptions} and {@link UploadResult}.
   *
   * Writers to one dataset through one DatasetClient (uploads, `updateEntries`) run one at a time, in call
   * order: the service shows only a dataset's last operation, so interleaved writers could not tell whose
   * completion they see. Separate clients or processes writing to one dataset cannot be told apart: don't.
   *
   * @param datasetArn - the dataset (checked before anything is read or sent).
   * @param source - typed lines or strings (sync or async iterable), a manifest file path or URL, or a
   *   stream.
   * @param options - validation policy, request ceiling, progress, abort, checkpoint, flagged entries;
   *   checked at the call, before anything is read or queued ({@link InvalidOptionsError}; a checkpoint
   *   file's folder must exist).
   */
  async upload(datasetArn: string, source: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
    assertDatasetArn(datasetArn);
    // Every option is checked before the dataset's slot is taken: a refused call leaves the client as it was.
    const { wait, abortSignal: signal, checkpoint } = normalizeUploadOptions(options);
    await checkCheckpointFolder(checkpoint);
    const release = await this.#writers.acquire(datasetArn, signal).catch((reason: unknown) => {
      // Aborted while queued behind another writer: nothing was read or sent.
      throw new UploadAbortedError({ datasetArn, result: nothingUploaded(datasetArn), cause: reason });
    });
    try {
      let lastSendBaseline: UpdateBaseline | undefined;
      const hooks: UploadHooks = {
        // This client's own earlier update, if never waited for, is settled first: inside the upload, so that
        // a failure of that wait (an abort included) also comes with the upload's result.
        ...(this.#pending.has(datasetArn)
          ? { settleEarlierWrite: () => this.#pending.settleBeforeWrite(datasetArn, wait, signal) }
          : {}),
        beforeSend: (baseline) => {
          lastSendBaseline = baseline;
        },
      };
      try {
        return await uploadDataset(this.#operations, datasetArn, source, options, hooks);
      } catch (error) {
        // A request sent but not seen to end may still be applied: a later wait or write must guard against
        // it, unless the send's own failure proves it was not (a refusal such as AccessDenied).
        const unconfirmed = (error as { result?: UploadResult }).result?.unconfirmedRequest;
        if (unconfirmed !== undefined && lastSendBaseline !== undefined) {
          this.#pending.recordFailedSend(datasetArn, lastSendBaseline, failedSendOf(error));
        }
        throw error;
      }
    } finally {
      release();
    }
  }

  /**
   * Every entry of the dataset that matches `filters`, as the raw JSON line the service returns (with its
   * `cl-metadata` and any `errors`/`cl-errors`/`warnings`), across every ListDatasetEntries page; each page
   * paced and retried. The ARN, the filters and the options are checked at the call, before iteration
   * starts ({@link InvalidDatasetArnError}, {@link InvalidOptionsError} naming e.g. `filters.pageSize`).
   *
   * @param datasetArn - the dataset.
   * @param filters - ListDatasetEntries filters and page size.
   * @param options - abort signal.
   */
  listEntries(
    datasetArn: string,
    filters: ListEntriesFilters = {},
    options: AbortOptions = {},
  ): AsyncIterable<string> {
    assertDatasetArn(datasetArn);
    checkFilters(filters);
    checkCallOptions(options, ABORT_ONLY_KEYS);
    return this.#operations.listEntries(datasetArn, filters, options.abortSignal);
  }

  /**
   * Every label of the dataset with its entry and box counts, across every ListDatasetLabels page.
   *
   * @param datasetArn - the dataset.
   * @param options - abort signal.
   */
  listLabels(datasetArn: string, options: AbortOptions = {}): AsyncIterable<DatasetLabel> {
    assertDatasetArn(datasetArn);
    checkCallOptions(options, ABORT_ONLY_KEYS);
    return this.#operations.listLabels(datasetArn, options.abortSignal);
  }
}
