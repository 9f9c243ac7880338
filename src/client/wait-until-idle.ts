/**
 * Waiting for someone else's operation before a write: both `updateEntries` (with `waitIfBusy`) and the
 * upload do it, and both read the end of that operation the same way.
 *
 * @module
 * @internal
 */
import { isDatasetError } from "../errors/dataset-error.js";
import type { DatasetOperations } from "./operations.js";
import type { DatasetDescription, DatasetStatus, UpdateBaseline, WaitOptions } from "./types.js";

/** Statuses in which a dataset is busy with an operation that must end before an update is sent. @internal */
export const BUSY_STATUSES: ReadonlySet<DatasetStatus | undefined> = new Set<DatasetStatus | undefined>([
  "CREATE_IN_PROGRESS",
  "UPDATE_IN_PROGRESS",
]);

/**
 * Waits until the dataset's current operation (not the caller's) is over, and returns the description to
 * send against. Its failure is not the caller's: an `UPDATE_FAILED` only means the dataset is free again,
 * so the dataset is described once more. `baseline` (what was seen before the dataset showed itself busy)
 * keeps a stale idle view from ending the wait.
 *
 * @internal
 */
export async function waitUntilIdle(
  operations: DatasetOperations,
  datasetArn: string,
  wait: WaitOptions,
  baseline: UpdateBaseline | undefined,
  signal: AbortSignal | undefined,
): Promise<DatasetDescription> {
  try {
    return await operations.waitUntilUpdated(datasetArn, {
      ...wait,
      ...(signal === undefined ? {} : { abortSignal: signal }),
      ...(baseline === undefined ? {} : { baseline }),
    });
  } catch (error) {
    if (!isDatasetError(error, "UpdateFailedError")) throw error;
    return operations.describe(datasetArn, signal);
  }
}
