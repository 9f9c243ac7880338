/**
 * The one reading of "this description means the dataset cannot take updates": a dataset that failed to be
 * created or is being deleted never will, so a write or a wait stops at once rather than waiting for it.
 *
 * @module
 * @internal
 */
import { DatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import type { DatasetDescription } from "./types.js";

/**
 * The error a write or a wait stops with when `description` shows the dataset unavailable
 * (`CREATE_FAILED`, `DELETE_IN_PROGRESS`), or `undefined` when it can still take updates.
 *
 * @param description - what DescribeDataset showed.
 * @internal
 */
export function unavailableError(description: DatasetDescription): DatasetUnavailableError | undefined {
  const { status } = description;
  if (status !== "CREATE_FAILED" && status !== "DELETE_IN_PROGRESS") return undefined;
  return new DatasetUnavailableError({
    datasetArn: description.datasetArn,
    reason: status,
    ...(description.statusMessage === undefined ? {} : { statusMessage: description.statusMessage }),
  });
}
