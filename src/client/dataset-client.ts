import type { RekognitionClient, RekognitionClientConfig } from "@aws-sdk/client-rekognition";
import { DatasetBusyError } from "../errors/dataset-busy-error.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { DatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { assertDatasetArn } from "./arn.js";
import { type ClientOperations, createDatasetOperations } from "./dataset-operations.js";
import { DatasetQueue } from "./dataset-queue.js";
import { certainlyNotApplied } from "./not-applied.js";
import { buildOwnClient, resolveRequestTimeoutMs } from "./own-client.js";
import { createPacer, type ThrottleOptions } from "./pacing.js";
import { type EntryChanges, encodeChanges, resolveMaxRequestBytes } from "./payload.js";
import { type RetryOptions, resolveRetryOptions } from "./retry.js";
import type {
  DatasetDescription,
  DatasetLabel,
  ListEntriesFilters,
  UpdateBaseline,
  WaitOptions,
} from "./types.js";
import type { UploadOptions, UploadResult, UploadSource } from "./upload/types.js";
import { type UploadHooks, uploadDataset } from "./upload/upload.js";
import { BUSY_STATUSES, waitUntilIdle } from "./wait-until-idle.js";
import {
  DEFAULT_WAIT_OPTIONS,
  judgeDescription,
  type WaitOutcome,
  type WaitUntilUpdatedOptions,
} from "./waiter.js";

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
  /** Lines sent, when the changes were an iterable of lines; `undefined` for a whole text or bytes. */
  readonly lineCount: number | undefined;
}

function sameBaseline(a: UpdateBaseline, b: UpdateBaseline): boolean {
  return (
    a === b ||
    (a.status === b.status && a.lastUpdatedTimestamp?.getTime() === b.lastUpdatedTimestamp?.getTime())
  );
}

/** An update this client sent, until a wait sees it end. */
interface PendingUpdate {
  /** What DescribeDataset showed just before it was sent. */
  readonly baseline: UpdateBaseline;
  /** When it was sent (this machine's clock: only to time the stale-status grace period). */
  readonly sentAt: number;
  /** How it ended, as the first wait that saw it end found. */
  outcome?: WaitOutcome;
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
 * Dataset ARNs are checked against the service's pattern before any request (`InvalidDatasetArnError`).
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
  readonly #pending = new Map<string, PendingUpdate>();
  /** One writer per dataset at a time (see dataset-queue.ts for why). */
  readonly #writers = new DatasetQueue();

  /**
   * @param options - either `client` or `clientConfig` (never both), plus `retry` and `throttle`.
   * @throws TypeError when both `client` and `clientConfig` are given, or a retry or throttle option is out
   *   of range (naming the option).
   */
  constructor(options: DatasetClientOptions = {}) {
    if (options.client !== undefined && options.clientConfig !== undefined) {
      // The type forbids it; this catches plain JavaScript callers, where one of the two would be ignored.
      throw new TypeError("Pass either `client` or `clientConfig` to DatasetClient, not both.");
    }
    const retry = resolveRetryOptions(options.retry);
    const pace = createPacer(options.throttle);
    const requestTimeoutMs = resolveRequestTimeoutMs(options.requestTimeoutMs);
    if (options.client !== undefined) {
      this.client = options.client;
    } else {
      this.client = buildOwnClient(options.clientConfig, requestTimeoutMs);
    }
    this.#operations = createDatasetOperations({ client: this.client, retry, pace, requestTimeoutMs });
  }

  /**
   * Describes a dataset: typed status, dates and statistics.
   *
   * @param datasetArn - the dataset.
   * @param options - abort signal.
   * @throws {@link InvalidDatasetArnError}, {@link DatasetUnavailableError} (not found),
   *   {@link RequestFailedError}, {@link OperationAbortedError}.
   */
  async describe(datasetArn: string, options: AbortOptions = {}): Promise<DatasetDescription> {
    assertDatasetArn(datasetArn);
    return this.#operations.describe(datasetArn, options.abortSignal);
  }

  /**
   * Sends exactly one UpdateDatasetEntries request, after checking everything that can be checked here:
   * the ARN, typed lines (every error-severity problem, with line numbers, as `ManifestValidationError`;
   * a source-ref repeated within the request included), an empty payload, and the byte ceiling
   * (`PayloadTooLargeError` at or over it). Then it describes the dataset to record the baseline that
   * {@link DatasetClient.waitUntilUpdated} compares against, refuses a busy dataset (`DatasetBusyError`)
   * unless `waitIfBusy`, refuses one that failed creation or is being deleted (`DatasetUnavailableError`),
   * and sends. The update runs on the service afterwards: wait for it with `waitUntilUpdated`.
   *
   * @param datasetArn - the dataset.
   * @param changes - typed lines, strings, a whole manifest text, or bytes (see {@link EntryChanges}).
   * @param options - byte ceiling, busy policy, abort signal.
   */
  async updateEntries(
    datasetArn: string,
    changes: EntryChanges,
    options: UpdateEntriesOptions = {},
  ): Promise<UpdateEntriesResult> {
    assertDatasetArn(datasetArn);
    const maxRequestBytes = resolveMaxRequestBytes(options.maxRequestBytes);
    const { body, lineCount } = encodeChanges(datasetArn, changes, maxRequestBytes);
    const signal = options.abortSignal;
    const release = await this.#writers.acquire(datasetArn, signal).catch((reason: unknown) => {
      throw new OperationAbortedError({ operation: "updateEntries", datasetArn, cause: reason });
    });
    try {
      if (this.#pending.has(datasetArn)) {
        // Our own previous update, never waited for: see how it ended first (or wait, if asked to).
        const waitIfBusy = options.waitIfBusy ?? false;
        if (waitIfBusy === false) await this.#checkPending(datasetArn, signal);
        else await this.#settlePending(datasetArn, waitIfBusy === true ? {} : waitIfBusy, signal);
      }
      return await this.#describeAndSend(datasetArn, body, lineCount, options);
    } finally {
      release();
    }
  }

  /**
   * One look at this client's own earlier update, for a caller who will not wait: settled when the dataset
   * shows it ended, `DatasetBusyError` while it runs or may not have started (stale status).
   */
  async #checkPending(datasetArn: string, signal: AbortSignal | undefined): Promise<void> {
    const pending = this.#pending.get(datasetArn);
    if (pending === undefined) return;
    const description = await this.#operations.describe(datasetArn, signal);
    const verdict = judgeDescription(description, {
      baseline: pending.baseline,
      seenInProgress: false,
      // As a wait would: past the grace period, a completion counts even if the service showed no sign of it.
      graceOver: Date.now() - pending.sentAt >= DEFAULT_WAIT_OPTIONS.staleStatusGracePeriod * 1000,
    });
    if (verdict.kind === "pending") {
      throw new DatasetBusyError({
        datasetArn,
        ...(description.status === undefined ? {} : { status: description.status }),
      });
    }
    this.#settle(datasetArn, pending, verdict.kind === "done" ? { description } : { error: verdict.error });
    if (verdict.kind === "failed" && !isDatasetError(verdict.error, "UpdateFailedError")) throw verdict.error;
  }

  /** Records how a pending update ended, for every wait still on it, and forgets it. */
  #settle(datasetArn: string, pending: PendingUpdate, outcome: WaitOutcome): void {
    pending.outcome ??= outcome;
    if (this.#pending.get(datasetArn) === pending) this.#pending.delete(datasetArn);
  }

  /**
   * Waits for this client's own earlier update to the dataset to end before another write, so that the
   * wait still pending for it (if any) learns how it ended rather than seeing the next update. Its
   * failure is not the caller's: the dataset is idle again.
   */
  async #settlePending(
    datasetArn: string,
    wait: WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    try {
      await this.waitUntilUpdated(datasetArn, {
        ...wait,
        ...(signal === undefined ? {} : { abortSignal: signal }),
      });
    } catch (error) {
      if (!isDatasetError(error, "UpdateFailedError")) throw error;
    }
  }

  /** updateEntries' work once this client holds the dataset: baseline, busy policy, send. */
  async #describeAndSend(
    datasetArn: string,
    body: Uint8Array,
    lineCount: number | undefined,
    options: UpdateEntriesOptions,
  ): Promise<UpdateEntriesResult> {
    const signal = options.abortSignal;
    let baseline = await this.#operations.describe(datasetArn, signal);
    if (BUSY_STATUSES.has(baseline.status)) {
      if (options.waitIfBusy === undefined || options.waitIfBusy === false) {
        throw new DatasetBusyError({
          datasetArn,
          ...(baseline.status === undefined ? {} : { status: baseline.status }),
        });
      }
      const waitOptions = options.waitIfBusy === true ? {} : options.waitIfBusy;
      baseline = await waitUntilIdle(this.#operations, datasetArn, waitOptions, baseline, signal);
    }
    if (baseline.status === "CREATE_FAILED" || baseline.status === "DELETE_IN_PROGRESS") {
      throw new DatasetUnavailableError({
        datasetArn,
        reason: baseline.status,
        ...(baseline.statusMessage === undefined ? {} : { statusMessage: baseline.statusMessage }),
      });
    }
    const abortedBeforeSend = signal?.aborted === true;
    try {
      await this.#operations.sendUpdate(datasetArn, body, signal);
    } catch (error) {
      // Unless the request certainly did nothing, it may still be applied (a lost attempt, an abort while it
      // was on the wire): keep the baseline, so that a wait or a write after this error is still guarded.
      if (!certainlyNotApplied(error, abortedBeforeSend))
        this.#pending.set(datasetArn, { baseline, sentAt: Date.now() });
      throw error;
    }
    this.#pending.set(datasetArn, { baseline, sentAt: Date.now() });
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
   *   signal, and an explicit baseline.
   * @returns the description showing `UPDATE_COMPLETE` (or `CREATE_COMPLETE` for an idle new dataset).
   */
  async waitUntilUpdated(
    datasetArn: string,
    options: WaitUntilUpdatedOptions = {},
  ): Promise<DatasetDescription> {
    assertDatasetArn(datasetArn);
    const known = this.#pending.get(datasetArn);
    // An explicit baseline that is the pending update's own (as updateEntries returned it) joins that update.
    const pending =
      options.baseline === undefined ||
      (known !== undefined && sameBaseline(options.baseline, known.baseline))
        ? known
        : undefined;
    const baseline = options.baseline ?? pending?.baseline;
    const settle = (outcome: WaitOutcome) => {
      if (pending !== undefined) this.#settle(datasetArn, pending, outcome);
    };
    try {
      const description = await this.#operations.waitUntilUpdated(
        datasetArn,
        { ...options, ...(baseline === undefined ? {} : { baseline }) },
        // Another wait of this client (a later writer's) may see the update end first; then the dataset may
        // already show the next update, and only that wait's outcome tells how this one ended.
        () => pending?.outcome,
      );
      settle({ description });
      return description;
    } catch (error) {
      // The update is over (failed) or the dataset is gone: the pending update is settled. A timeout or an
      // abort leaves it, so that waiting again still guards against the stale status.
      if (isDatasetError(error, "UpdateFailedError") || isDatasetError(error, "DatasetUnavailableError")) {
        settle({ error });
      }
      throw error;
    }
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
   * @param options - validation policy, request ceiling, progress, abort, checkpoint, flagged entries.
   */
  async upload(datasetArn: string, source: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
    assertDatasetArn(datasetArn);
    // Aborted while queued: no slot is held, and uploadDataset, seeing the aborted signal first, rejects with
    // an UploadAbortedError whose result says nothing was applied.
    const release = await this.#writers.acquire(datasetArn, options.abortSignal).catch(() => undefined);
    try {
      // This client's own earlier update, if never waited for, is settled first: inside the upload, so that
      // a failure of that wait (an abort included) also comes with the upload's result.
      let lastSendBaseline: UpdateBaseline | undefined;
      const hooks: UploadHooks = {
        ...(release !== undefined && this.#pending.has(datasetArn)
          ? {
              settleEarlierWrite: () =>
                this.#settlePending(datasetArn, options.wait ?? {}, options.abortSignal),
            }
          : {}),
        beforeSend: (baseline) => {
          lastSendBaseline = baseline;
        },
      };
      try {
        return await uploadDataset(this.#operations, datasetArn, source, options, hooks);
      } catch (error) {
        // A request sent but not seen to end may still be applied: a later wait or write must guard against it.
        const unconfirmed = (error as { result?: UploadResult }).result?.unconfirmedRequest;
        if (unconfirmed !== undefined && lastSendBaseline !== undefined) {
          this.#pending.set(datasetArn, { baseline: lastSendBaseline, sentAt: Date.now() });
        }
        throw error;
      }
    } finally {
      release?.();
    }
  }

  /**
   * Every entry of the dataset that matches `filters`, as the raw JSON line the service returns (with its
   * `cl-metadata` and any `errors`/`cl-errors`/`warnings`), across every ListDatasetEntries page; each page
   * paced and retried.
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
    return this.#operations.listLabels(datasetArn, options.abortSignal);
  }
}
