/**
 * The typed view of a dataset this package works with: its status, description and statistics, the options
 * of the waiter, and the filters of ListDatasetEntries.
 *
 * @module
 */

/** `Status` of a dataset: the state of the last operation on it (service model `DatasetStatus`). */
export type DatasetStatus =
  | "CREATE_IN_PROGRESS"
  | "CREATE_COMPLETE"
  | "CREATE_FAILED"
  | "UPDATE_IN_PROGRESS"
  | "UPDATE_COMPLETE"
  | "UPDATE_FAILED"
  | "DELETE_IN_PROGRESS";

/**
 * `StatusMessageCode` of a dataset: `SERVICE_ERROR` means try again later, `CLIENT_ERROR` means fix the input
 * (service model `DatasetStatusMessageCode`).
 */
export type DatasetStatusMessageCode = "SUCCESS" | "SERVICE_ERROR" | "CLIENT_ERROR";

/** `DatasetStats` of a dataset. Every field is optional in the service model, so any may be missing. */
export interface DatasetStatistics {
  /** Entries that carry at least one label. */
  readonly labeledEntries?: number;
  /** Every entry in the dataset. */
  readonly totalEntries?: number;
  /** Distinct labels in the dataset. */
  readonly totalLabels?: number;
  /** Entries the service flagged with errors (read them with `listEntries(arn, { hasErrors: true })`). */
  readonly errorEntries?: number;
}

/** What DescribeDataset says about a dataset, with a typed status and real dates. */
export interface DatasetDescription {
  /** The dataset's ARN, as asked for. */
  readonly datasetArn: string;
  /** State of the last operation on the dataset, when the service reports one. */
  readonly status?: DatasetStatus;
  /** The service's explanation of the status (why an update failed, for instance). */
  readonly statusMessage?: string;
  /** Whether a failure is the service's (`SERVICE_ERROR`) or the input's (`CLIENT_ERROR`). */
  readonly statusMessageCode?: DatasetStatusMessageCode;
  /** When the dataset was created (the service's clock). */
  readonly creationTimestamp?: Date;
  /** When the dataset last changed (the service's clock). */
  readonly lastUpdatedTimestamp?: Date;
  /** Entry and label counts; an empty object when the service sent none. */
  readonly statistics: DatasetStatistics;
}

/**
 * What DescribeDataset showed just before an update was sent. The waiter compares against it so that a
 * completion left over from the previous operation does not end the wait. A {@link DatasetDescription} can
 * be passed as it is.
 */
export interface UpdateBaseline {
  /** `LastUpdatedTimestamp` before the update was sent (the service's clock, so no clock skew). */
  readonly lastUpdatedTimestamp?: Date;
  /** `Status` before the update was sent. */
  readonly status?: DatasetStatus;
}

/**
 * Options of `waitUntilUpdated` (and of the waits inside `upload` and `updateEntries`' `waitIfBusy`). Names
 * and units (seconds) follow the AWS SDK's own waiters.
 *
 * **The default schedule** (neither `minDelay` nor `maxDelay` given) is adaptive, so that the end of an
 * update is noticed soon, at a modest number of DescribeDataset calls:
 * - the first poll comes about 0.3 s after the update was accepted (small updates end in under a second),
 *   or at once when this DatasetClient sent no update to the dataset just before;
 * - then the gap between polls is at most a tenth of the time since the update was accepted, and never
 *   under 1.25 s: a short update is noticed within 1.25 s (about 0.6 s at the median), a long one within
 *   10 % of its processing time, at most about one call a second, and fewer the longer it runs;
 * - once this DatasetClient has seen updates end, it learns the service's processing rate (seconds per
 *   byte, per dataset) and polls sparsely (gaps of up to a fifth of the time waited, at least 2 s) before
 *   the end it expects, with one poll aimed just after it: a wrong estimate costs at most a fifth of the
 *   processing time;
 * - a poll whose DescribeDataset was throttled doubles the next gap per throttled attempt (up to 30 s),
 *   on top of the retries of that call.
 *
 * Give `minDelay` or `maxDelay` to poll as the SDK's waiters do instead: a first poll at once, then delays
 * growing exponentially from `minDelay` (5 s when only `maxDelay` is given) to `maxDelay` (30 s when only
 * `minDelay` is given), jittered; throttling never stretches a gap past `maxDelay`.
 */
export interface WaitOptions {
  /**
   * Longest time to wait in total, in seconds, after which the wait rejects with `WaitTimeoutError`.
   * @defaultValue 3600
   */
  readonly maxWaitTime?: number;
  /**
   * Shortest delay between two polls, in seconds. Giving it (or `maxDelay`) replaces the adaptive default
   * schedule with the SDK waiters' exponential one.
   * @defaultValue none: the adaptive schedule (5 s when only `maxDelay` is given)
   */
  readonly minDelay?: number;
  /**
   * Longest delay between two polls, in seconds; the exponential backoff is capped here. Giving it (or
   * `minDelay`) replaces the adaptive default schedule with the SDK waiters' exponential one.
   * @defaultValue none: the adaptive schedule (30 s when only `minDelay` is given)
   */
  readonly maxDelay?: number;
  /**
   * Stops the wait at once (rejects with `OperationAbortedError`); no request or timer of the wait is left
   * behind (with `throttle`, p-throttle's own queue timer may outlive it: see docs/RETRIES.md, "Abort").
   */
  readonly abortSignal?: AbortSignal;
  /**
   * How long, in seconds, a completion that cannot be told apart from the previous operation's (same
   * `LastUpdatedTimestamp` as the baseline, and `UPDATE_IN_PROGRESS` never seen) is distrusted before it is
   * accepted anyway. Bounds the wait when the service shows neither sign of the new update.
   * @defaultValue 30
   */
  readonly staleStatusGracePeriod?: number;
}

/** Filters of ListDatasetEntries (service model `ListDatasetEntriesRequest`). */
export interface ListEntriesFilters {
  /** Only entries with one of these labels (1..10 labels). */
  readonly containsLabels?: readonly string[];
  /** Only labelled (`true`) or unlabelled (`false`) entries. */
  readonly labeled?: boolean;
  /** Only entries whose `source-ref` contains this text. */
  readonly sourceRefContains?: string;
  /** Only entries the service flagged with errors (`true`), or only clean ones (`false`). */
  readonly hasErrors?: boolean;
  /**
   * Entries per page (1..100).
   * @defaultValue 100
   */
  readonly pageSize?: number;
}

/** One label of a dataset, as ListDatasetLabels reports it. */
export interface DatasetLabel {
  /** The label's name. */
  readonly name: string;
  /** Entries that carry this label, when reported. */
  readonly entryCount?: number;
  /** Bounding boxes with this label, when reported. */
  readonly boundingBoxCount?: number;
}
