import type { DatasetDescription, ListEntriesFilters, UpdateBaseline, WaitOptions } from "./types.js";
import type { WaitOutcome } from "./waiter.js";

/**
 * @internal What the upload pipeline needs from a DatasetClient: every call already paced and retried.
 */
export interface DatasetOperations {
  /** One DescribeDataset (paced, retried). */
  describe(datasetArn: string, signal?: AbortSignal): Promise<DatasetDescription>;
  /**
   * Exactly one UpdateDatasetEntries with this body (paced, retried on throttling/5xx/network).
   * Rejects with DatasetBusyError on ResourceInUseException (never retried here: the caller waits).
   */
  sendUpdate(datasetArn: string, body: Uint8Array, signal?: AbortSignal): Promise<void>;
  /**
   * Waits until the update sent after `baseline` is over (see waitUntilUpdated); `settledElsewhere` gives
   * the outcome another waiter of the same client saw first.
   */
  waitUntilUpdated(
    datasetArn: string,
    options: WaitOptions & { readonly baseline?: UpdateBaseline },
    settledElsewhere?: () => WaitOutcome | undefined,
  ): Promise<DatasetDescription>;
  /** Every ListDatasetEntries page flattened: the raw JSON line of each entry. */
  listEntries(datasetArn: string, filters?: ListEntriesFilters, signal?: AbortSignal): AsyncIterable<string>;
}
