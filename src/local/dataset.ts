/**
 * One emulated dataset: its entries, its status, and the update in progress. State moves lazily: an update
 * records when it completes, and {@link Dataset.settle} applies whatever is due against the clock before
 * each request reads the dataset, so there are no timers to leak.
 *
 * @module
 */

// The service's status names and statistics, shared with the library (types: nothing of the client is loaded).
import type { DatasetStatistics, DatasetStatus } from "../client/types.js";
import type { StoredEntry } from "./change.js";
import type { UpdateFailureCode } from "./faults.js";

export type { DatasetStatus };

/** Dataset type, as the service names it. */
export type DatasetType = "TRAIN" | "TEST";

/** The status fields of the dataset's last operation, as DescribeDataset shows them. */
export interface StatusView {
  /** The status. */
  readonly status: DatasetStatus;
  /** The service's sentence about it. */
  readonly statusMessage: string;
  /** `SUCCESS`, `SERVICE_ERROR` or `CLIENT_ERROR`. */
  readonly statusMessageCode: "SUCCESS" | UpdateFailureCode;
  /** When the status last changed (epoch ms). */
  readonly lastUpdatedAt: number;
}

/** Per-label counts, as ListDatasetLabels shows them. */
export interface LabelStats {
  /** Entries that carry the label. */
  readonly entryCount: number;
  /** Bounding boxes that carry the label. */
  readonly boundingBoxCount: number;
}

interface PendingUpdate {
  readonly startedAt: number;
  readonly completesAt: number;
  readonly entries: readonly StoredEntry[];
  readonly failure: UpdateFailureCode | undefined;
  /** What DescribeDataset showed before this update, served during the stale window. */
  readonly previous: StatusView;
}

interface QueuedUpdate {
  readonly durationMs: number;
  readonly entries: readonly StoredEntry[];
  readonly failure: UpdateFailureCode | undefined;
}

const MESSAGES = {
  CREATE_IN_PROGRESS: "The dataset is being created.",
  CREATE_COMPLETE: "The dataset was created successfully.",
  UPDATE_IN_PROGRESS: "The dataset is being updated.",
  UPDATE_COMPLETE: "The dataset was updated successfully.",
  SERVICE_ERROR: "The dataset update failed because of a service error. Try again later.",
  CLIENT_ERROR:
    "The dataset update failed because of an error in the request. Fix the entries and try again.",
} as const;

/** One dataset's state. */
export class Dataset {
  /** The dataset's ARN. */
  readonly arn: string;
  /** The ARN of its project. */
  readonly projectArn: string;
  /** TRAIN or TEST. */
  readonly type: DatasetType;
  /** When it was created (epoch ms). */
  readonly createdAt: number;

  #status: StatusView;
  #createCompletesAt: number | undefined;
  #pending: PendingUpdate | undefined;
  /** Updates accepted while another ran (`concurrentUpdate: "queue"`), started in turn as each one ends. */
  readonly #queued: QueuedUpdate[] = [];
  /** The last update accepted, kept after it completes for the stale window. */
  #lastUpdate: PendingUpdate | undefined;
  readonly #entries = new Map<string, StoredEntry>();
  #statistics: Required<DatasetStatistics> = {
    labeledEntries: 0,
    totalEntries: 0,
    totalLabels: 0,
    errorEntries: 0,
  };
  #labels = new Map<string, LabelStats>();
  #list: StoredEntry[] | undefined;

  constructor(init: {
    arn: string;
    projectArn: string;
    type: DatasetType;
    now: number;
    createMs: number;
    entries?: readonly StoredEntry[];
  }) {
    this.arn = init.arn;
    this.projectArn = init.projectArn;
    this.type = init.type;
    this.createdAt = init.now;
    for (const entry of init.entries ?? []) this.#entries.set(entry.sourceRef, entry);
    this.#recount();
    this.#status = {
      status: "CREATE_IN_PROGRESS",
      statusMessage: MESSAGES.CREATE_IN_PROGRESS,
      statusMessageCode: "SUCCESS",
      lastUpdatedAt: init.now,
    };
    this.#createCompletesAt = init.now + init.createMs;
    this.settle(init.now);
  }

  /** Applies every transition due at `now`. */
  settle(now: number): void {
    if (this.#createCompletesAt !== undefined && now >= this.#createCompletesAt) {
      this.#status = {
        status: "CREATE_COMPLETE",
        statusMessage: MESSAGES.CREATE_COMPLETE,
        statusMessageCode: "SUCCESS",
        lastUpdatedAt: this.#createCompletesAt,
      };
      this.#createCompletesAt = undefined;
    }
    let pending = this.#pending;
    while (pending !== undefined && now >= pending.completesAt) {
      this.#pending = undefined;
      if (pending.failure === undefined) {
        for (const entry of pending.entries) this.#entries.set(entry.sourceRef, entry);
        this.#recount();
        this.#status = {
          status: "UPDATE_COMPLETE",
          statusMessage: MESSAGES.UPDATE_COMPLETE,
          statusMessageCode: "SUCCESS",
          lastUpdatedAt: pending.completesAt,
        };
      } else {
        this.#status = {
          status: "UPDATE_FAILED",
          statusMessage: MESSAGES[pending.failure],
          statusMessageCode: pending.failure,
          lastUpdatedAt: pending.completesAt,
        };
      }
      const next = this.#queued.shift();
      if (next !== undefined) {
        const startedAt = pending.completesAt;
        this.startUpdate(startedAt, startedAt + next.durationMs, next.entries, next.failure, false);
      }
      pending = this.#pending;
    }
  }

  /** The status of the last operation, as it really is. */
  get status(): StatusView {
    return this.#status;
  }

  /** The status DescribeDataset shows at `now`: the previous one while inside the stale window. */
  visibleStatus(now: number, staleStatusMs: number): StatusView {
    const last = this.#lastUpdate;
    if (last !== undefined && now < last.startedAt + staleStatusMs) return last.previous;
    return this.#status;
  }

  /** Whether an operation is running, so that another must be refused. */
  get busy(): boolean {
    return this.#status.status === "CREATE_IN_PROGRESS" || this.#status.status === "UPDATE_IN_PROGRESS";
  }

  /** Accepts an update while another runs; it starts when the running one (and any queued before it) ends. */
  queueUpdate(
    durationMs: number,
    entries: readonly StoredEntry[],
    failure: UpdateFailureCode | undefined,
  ): void {
    this.#queued.push({ durationMs, entries, failure });
  }

  /** Starts an update that completes (or fails) at `completesAt`; the caller has checked `busy`. */
  startUpdate(
    now: number,
    completesAt: number,
    entries: readonly StoredEntry[],
    failure: UpdateFailureCode | undefined,
    settle = true,
  ): void {
    const update: PendingUpdate = { startedAt: now, completesAt, entries, failure, previous: this.#status };
    this.#pending = update;
    this.#lastUpdate = update;
    this.#status = {
      status: "UPDATE_IN_PROGRESS",
      statusMessage: MESSAGES.UPDATE_IN_PROGRESS,
      statusMessageCode: "SUCCESS",
      lastUpdatedAt: now,
    };
    if (settle) this.settle(now);
  }

  /** The stored entries, in the order their source-refs were first added (do not modify). */
  entries(): readonly StoredEntry[] {
    this.#list ??= [...this.#entries.values()];
    return this.#list;
  }

  /** How many entries are stored. */
  get size(): number {
    return this.#entries.size;
  }

  /** The statistics of the stored entries (the emulator always knows every field). */
  get statistics(): Required<DatasetStatistics> {
    return this.#statistics;
  }

  /** Per-label counts, sorted by label name. */
  get labels(): ReadonlyMap<string, LabelStats> {
    return this.#labels;
  }

  #recount(): void {
    this.#list = undefined;
    let labeledEntries = 0;
    let errorEntries = 0;
    const labels = new Map<string, { entryCount: number; boundingBoxCount: number }>();
    for (const entry of this.#entries.values()) {
      if (entry.isLabeled) labeledEntries += 1;
      if (entry.hasErrors) errorEntries += 1;
      for (const [name, boxes] of entry.labels) {
        const stats = labels.get(name);
        if (stats === undefined) labels.set(name, { entryCount: 1, boundingBoxCount: boxes });
        else {
          stats.entryCount += 1;
          stats.boundingBoxCount += boxes;
        }
      }
    }
    this.#labels = new Map([...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.#statistics = {
      labeledEntries,
      totalEntries: this.#entries.size,
      totalLabels: labels.size,
      errorEntries,
    };
  }
}
