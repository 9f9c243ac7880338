/**
 * The updates a DatasetClient sent and has not yet seen end, one per dataset at most. DescribeDataset shows
 * only a dataset's last operation, and may for a while still show the one before an update (stale status):
 * so the client keeps what the dataset looked like just before each of its own updates (the baseline), and
 * every later wait or write on that dataset is judged against it until a wait sees the update end.
 *
 * - record: an update was sent, or may have been (a lost attempt, an abort while on the wire);
 * - join: a wait for the dataset takes the pending update's baseline, and shares its outcome with every
 *   other wait on it (the first to see the end tells the rest, which may by then see a later update);
 * - settle: how it ended, once seen; then it is forgotten;
 * - check: one look, against a description, for a writer that will not wait.
 *
 * @module
 * @internal
 */
import { DatasetBusyError } from "../errors/dataset-busy-error.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { monotonicNow } from "./clock.js";
import { certainlyNotApplied } from "./not-applied.js";
import type { DatasetOperations } from "./operations.js";
import type { DatasetDescription, UpdateBaseline, WaitOptions } from "./types.js";
import {
  DEFAULT_WAIT_OPTIONS,
  judgeDescription,
  type WaitOutcome,
  type WaitUntilUpdatedOptions,
} from "./waiter.js";

/** What the pending updates need of the client: its paced, retried describe and wait. @internal */
export type PendingUpdateOperations = Pick<DatasetOperations, "describe" | "waitUntilUpdated">;

/** An update this client sent, until a wait sees it end. */
interface PendingUpdate {
  /** What DescribeDataset showed just before it was sent. */
  readonly baseline: UpdateBaseline;
  /** When it was sent, on the monotonic clock: only to time the stale-status grace period. */
  readonly sentAt: number;
  /** How it ended, as the first wait that saw it end found. */
  outcome?: WaitOutcome;
}

function sameBaseline(a: UpdateBaseline, b: UpdateBaseline): boolean {
  return (
    a === b ||
    (a.status === b.status && a.lastUpdatedTimestamp?.getTime() === b.lastUpdatedTimestamp?.getTime())
  );
}

/** A DescribeDataset verdict that the dataset is busy, as a writer that will not wait is told. */
function busy(datasetArn: string, description: DatasetDescription): DatasetBusyError {
  return new DatasetBusyError({
    datasetArn,
    ...(description.status === undefined ? {} : { status: description.status }),
  });
}

/** The updates a DatasetClient sent and has not yet seen end, per dataset. @internal */
export class PendingUpdates {
  readonly #operations: PendingUpdateOperations;
  readonly #updates = new Map<string, PendingUpdate>();

  /** @param operations - the client's describe and wait. */
  constructor(operations: PendingUpdateOperations) {
    this.#operations = operations;
  }

  /**
   * Whether this client has an update to the dataset that no wait has yet seen end.
   *
   * @param datasetArn - the dataset.
   */
  has(datasetArn: string): boolean {
    return this.#updates.has(datasetArn);
  }

  /**
   * Records an update sent (or that may have been sent) after `baseline`; it replaces an earlier one, which a
   * writer settles before sending the next.
   *
   * @param datasetArn - the dataset.
   * @param baseline - what DescribeDataset showed just before the send.
   */
  record(datasetArn: string, baseline: UpdateBaseline): void {
    this.#updates.set(datasetArn, { baseline, sentAt: monotonicNow() });
  }

  /**
   * Records a send that failed, unless the failure proves nothing was applied ({@link certainlyNotApplied}):
   * a lost attempt or an abort while on the wire may still be applied, and a later wait or write must guard
   * against it; a refusal (AccessDenied, InvalidParameter, a ResourceInUse that did arrive) must not leave
   * the client thinking the dataset busy.
   *
   * @param datasetArn - the dataset.
   * @param baseline - what DescribeDataset showed just before the send.
   * @param error - what the send failed with.
   * @param abortedBeforeSend - whether the caller's signal was already aborted before the send started.
   */
  recordFailedSend(
    datasetArn: string,
    baseline: UpdateBaseline,
    error: unknown,
    abortedBeforeSend = false,
  ): void {
    if (!certainlyNotApplied(error, abortedBeforeSend)) this.record(datasetArn, baseline);
  }

  /**
   * Waits until the dataset's update is over, joining this client's pending update when there is one: its
   * baseline guards against the stale status, and its outcome, once any wait sees it, is every wait's. An
   * explicit `baseline` joins only when it is the pending update's own (as updateEntries returned it).
   *
   * @param datasetArn - the dataset.
   * @param options - the wait's options.
   */
  async wait(datasetArn: string, options: WaitUntilUpdatedOptions): Promise<DatasetDescription> {
    const known = this.#updates.get(datasetArn);
    const pending =
      options.baseline === undefined ||
      (known !== undefined && sameBaseline(options.baseline, known.baseline))
        ? known
        : undefined;
    const baseline = options.baseline ?? pending?.baseline;
    try {
      const description = await this.#operations.waitUntilUpdated(
        datasetArn,
        { ...options, ...(baseline === undefined ? {} : { baseline }) },
        // Another wait of this client (a later writer's) may see the update end first; then the dataset may
        // already show the next update, and only that wait's outcome tells how this one ended.
        () => pending?.outcome,
      );
      if (pending !== undefined) this.#settle(datasetArn, pending, { description });
      return description;
    } catch (error) {
      // The update is over (failed) or the dataset is gone: the pending update is settled. A timeout or an
      // abort leaves it, so that waiting again still guards against the stale status.
      if (
        pending !== undefined &&
        (isDatasetError(error, "UpdateFailedError") || isDatasetError(error, "DatasetUnavailableError"))
      ) {
        this.#settle(datasetArn, pending, { error });
      }
      throw error;
    }
  }

  /**
   * Waits for this client's own earlier update to the dataset to end before another write, so that a wait
   * still pending on it learns how it ended rather than seeing the next update. Its failure is not the
   * writer's: the dataset is idle again.
   *
   * @param datasetArn - the dataset.
   * @param wait - the writer's wait options.
   * @param signal - the writer's abort signal.
   */
  async settleBeforeWrite(
    datasetArn: string,
    wait: WaitOptions,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!this.#updates.has(datasetArn)) return;
    try {
      await this.wait(datasetArn, { ...wait, ...(signal === undefined ? {} : { abortSignal: signal }) });
    } catch (error) {
      if (!isDatasetError(error, "UpdateFailedError")) throw error;
    }
  }

  /**
   * One look at this client's own earlier update, for a writer that will not wait: settled when the dataset
   * shows it ended, `DatasetBusyError` while it runs or may not have started (stale status).
   *
   * @param datasetArn - the dataset.
   * @param signal - the writer's abort signal.
   * @throws {@link DatasetBusyError} while the update may still run; {@link DatasetUnavailableError} when the
   *   dataset shows it cannot take updates.
   */
  async checkBeforeWrite(datasetArn: string, signal: AbortSignal | undefined): Promise<void> {
    if (!this.#updates.has(datasetArn)) return;
    const description = await this.#operations.describe(datasetArn, signal);
    this.checkAgainst(datasetArn, description);
  }

  /**
   * Judges this client's pending update against one description, as a wait would: settled when the
   * description shows it ended (past the grace period, a completion counts even without a sign of the
   * update), `DatasetBusyError` otherwise. An `UPDATE_FAILED` settles it without an error: the dataset is
   * idle again.
   *
   * @param datasetArn - the dataset.
   * @param description - what DescribeDataset showed.
   * @throws {@link DatasetBusyError} while the update may still run; {@link DatasetUnavailableError} when the
   *   dataset shows it cannot take updates.
   */
  checkAgainst(datasetArn: string, description: DatasetDescription): void {
    const pending = this.#updates.get(datasetArn);
    if (pending === undefined) return;
    const verdict = judgeDescription(description, {
      baseline: pending.baseline,
      seenInProgress: false,
      graceOver: monotonicNow() - pending.sentAt >= DEFAULT_WAIT_OPTIONS.staleStatusGracePeriod * 1000,
    });
    if (verdict.kind === "pending") throw busy(datasetArn, description);
    this.#settle(datasetArn, pending, verdict.kind === "done" ? { description } : { error: verdict.error });
    if (verdict.kind === "failed" && !isDatasetError(verdict.error, "UpdateFailedError")) throw verdict.error;
  }

  /** Records how a pending update ended, for every wait still on it, and forgets it. */
  #settle(datasetArn: string, pending: PendingUpdate, outcome: WaitOutcome): void {
    pending.outcome ??= outcome;
    if (this.#updates.get(datasetArn) === pending) this.#updates.delete(datasetArn);
  }
}
