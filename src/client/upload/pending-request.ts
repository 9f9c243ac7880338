/**
 * On resume, what the dataset says about the request a checkpoint recorded as about to be sent. Pure: the
 * upload describes the dataset (and waits, when this says so); every case is testable alone.
 *
 * DescribeDataset shows only the dataset's last operation, so the reading is conservative: only an update
 * that completed after the request's baseline (a later `LastUpdatedTimestamp`, or a completion where the
 * baseline showed none) counts the request as applied. That update is taken for the request's own because
 * one writer at a time writes to a dataset (the upload's documented rule). A failure after the baseline,
 * the baseline itself seen again (the request never arrived, or a stale view), or anything unclear means
 * "send it again": an update replaces entries by `source-ref`, so a second send is harmless, while a
 * request wrongly counted would leave its lines out.
 *
 * @module
 * @internal
 */
import type { DatasetDescription, UpdateBaseline } from "../types.js";
import type { PendingRequestCheckpoint } from "./types.js";

/** What the dataset shows about a pending request. @internal */
export type PendingRequestVerdict = "applied" | "failed" | "running" | "no-sign";

/**
 * The description the dataset showed just before the pending request was sent, as the waiter takes it.
 *
 * @param pending - the checkpoint's pending request.
 * @internal
 */
export function baselineOf(pending: PendingRequestCheckpoint): UpdateBaseline {
  return {
    ...(pending.statusBefore === undefined ? {} : { status: pending.statusBefore }),
    ...(pending.lastUpdatedBefore === undefined
      ? {}
      : { lastUpdatedTimestamp: new Date(pending.lastUpdatedBefore) }),
  };
}

/** Whether `description` shows an operation that ended after `baseline`. */
function endedAfter(description: DatasetDescription, baseline: UpdateBaseline): boolean {
  const now = description.lastUpdatedTimestamp;
  const before = baseline.lastUpdatedTimestamp;
  if (now !== undefined && before !== undefined) return now.getTime() > before.getTime();
  // Without both timestamps, only a status that changed since the baseline shows a newer operation.
  return baseline.status !== undefined && description.status !== baseline.status;
}

/**
 * Reads one description against the pending request's baseline.
 *
 * @param description - the dataset now.
 * @param baseline - the dataset just before the request was sent.
 * @internal
 */
export function judgePendingRequest(
  description: DatasetDescription,
  baseline: UpdateBaseline,
): PendingRequestVerdict {
  // One writer at a time: an update running now started after the crashed run's last send.
  if (description.status === "UPDATE_IN_PROGRESS") return "running";
  if (!endedAfter(description, baseline)) return "no-sign";
  if (description.status === "UPDATE_COMPLETE") return "applied";
  if (description.status === "UPDATE_FAILED") return "failed";
  return "no-sign";
}
