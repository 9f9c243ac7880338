/**
 * The account of one upload: what went out, what is applied, what may be, what was left out. Every count
 * of the upload lives here, and the result and the progress events are built from it alone; no I/O.
 *
 * @module
 * @internal
 */
import type { InvalidLine } from "../../errors/invalid-lines-error.js";
import type { DatasetStatistics } from "../types.js";
import type { RequestPlan } from "./pack.js";
import type {
  DuplicateReplacement,
  FlaggedEntry,
  PendingRequestOutcome,
  UploadProgressEvent,
  UploadRequestReport,
  UploadResult,
} from "./types.js";

/** Totals of a run, known when the source could be read in advance. @internal */
export interface UploadTotals {
  /** Lines the run will send. */
  readonly totalLines: number;
  /** Body bytes the run will send. */
  readonly totalBytes: number;
  /** Requests the run will make. */
  readonly totalRequests: number;
}

/** A position in the input: how many lines are done, and the line number of the last. @internal */
export interface InputPosition {
  /** Input lines done, counted from the start of the input. */
  readonly inputLinesDone: number;
  /** Line number of the last of them; 0 when none. */
  readonly lastLineDone: number;
}

/** Requests, lines and bytes that reached one stage. */
class StageCount {
  requests = 0;
  lines = 0;
  bytes = 0;

  add(request: RequestPlan): void {
    this.requests++;
    this.lines += request.lines;
    this.bytes += request.bytes;
  }
}

/** The counting of one upload. @internal */
export class UploadLedger {
  readonly #datasetArn: string;
  readonly #startedAt: number;
  readonly #maxListedInvalidLines: number;

  readonly #sent = new StageCount();
  readonly #applied = new StageCount();
  readonly #requests: UploadRequestReport[] = [];
  readonly #skipped: InvalidLine[] = [];
  readonly #duplicates: DuplicateReplacement[] = [];
  readonly #invalidListed: InvalidLine[] = [];
  #invalidCount = 0;
  #lastSentIndex = -1;
  #unconfirmed: UploadRequestReport | undefined;
  #position: InputPosition = { inputLinesDone: 0, lastLineDone: 0 };
  #resumedFromLine: number | undefined;
  #resumedPendingRequest: PendingRequestOutcome | undefined;
  #totals: UploadTotals | undefined;
  #statisticsBefore: DatasetStatistics = {};
  #statisticsLatest: DatasetStatistics | undefined;
  #flagged: FlaggedEntry[] | undefined;

  /**
   * @param datasetArn - the dataset.
   * @param startedAt - when the upload started, on the clock `result` is given.
   * @param maxListedInvalidLines - most invalid lines kept one by one (all are counted).
   */
  constructor(datasetArn: string, startedAt: number, maxListedInvalidLines: number) {
    this.#datasetArn = datasetArn;
    this.#startedAt = startedAt;
    this.#maxListedInvalidLines = maxListedInvalidLines;
  }

  /** Input lines done so far, and the last one's line number. */
  get position(): InputPosition {
    return this.#position;
  }

  /** The request that may or may not be applied, if any. */
  get unconfirmed(): UploadRequestReport | undefined {
    return this.#unconfirmed;
  }

  /** The first invalid lines, as many as may be listed. */
  get invalidLines(): readonly InvalidLine[] {
    return [...this.#invalidListed];
  }

  /** Every invalid line seen. */
  get invalidLineCount(): number {
    return this.#invalidCount;
  }

  /**
   * Starts from a checkpoint's position (before the input is read), or moves to where the input was found
   * to match it (`resumed` then names the line in this input).
   */
  resumeAt(position: InputPosition): void {
    this.#position = position;
    this.#resumedFromLine = position.lastLineDone;
  }

  /** Records what became of the request the checkpoint recorded as pending. */
  pendingRequestWas(outcome: PendingRequestOutcome): void {
    this.#resumedPendingRequest = outcome;
  }

  /** The resume was refused: nothing counts as resumed. */
  resumeRefused(): void {
    this.#position = { inputLinesDone: 0, lastLineDone: 0 };
    this.#resumedFromLine = undefined;
    this.#resumedPendingRequest = undefined;
  }

  /** Counts an invalid line; under `"skip"` it is also listed as skipped. */
  invalidLine(line: InvalidLine, skipped: boolean): void {
    this.#invalidCount++;
    if (this.#invalidListed.length < this.#maxListedInvalidLines) this.#invalidListed.push(line);
    if (skipped) this.#skipped.push(line);
  }

  /** Sets the totals the progress events carry. */
  planned(totals: UploadTotals): void {
    this.#totals = totals;
  }

  /** Records the dataset's statistics: the first ones seen are the "before". */
  described(statistics: DatasetStatistics): void {
    if (this.#statisticsLatest === undefined) this.#statisticsBefore = statistics;
    this.#statisticsLatest = statistics;
  }

  /**
   * A send of `request` is about to start: from now on it may be applied. Returns what was unconfirmed
   * before, for {@link UploadLedger.notSent}.
   *
   * @param sends - how many times it will have been sent, this one included.
   */
  sending(request: RequestPlan, sends: number): UploadRequestReport | undefined {
    const before = this.#unconfirmed;
    this.#unconfirmed = reportOf(request, sends);
    return before;
  }

  /** The send was refused in a way that proves nothing was applied: back to what was unconfirmed before. */
  notSent(before: UploadRequestReport | undefined): void {
    const current = this.#unconfirmed;
    // An earlier send of the same request may still be applied: it stays unconfirmed, with every send counted.
    this.#unconfirmed =
      before !== undefined && current !== undefined && before.index === current.index
        ? { ...before, sends: current.sends }
        : before;
  }

  /** The service accepted `request`. A request accepted again (a resend) keeps the counts as they were. */
  sent(request: RequestPlan): UploadProgressEvent {
    if (request.index !== this.#lastSentIndex) {
      this.#lastSentIndex = request.index;
      this.#sent.add(request);
    }
    return this.#event("sent", request.index, this.#sent);
  }

  /** The update of the request in flight ended failed: nothing of it is applied. */
  updateFailed(): void {
    this.#unconfirmed = undefined;
  }

  /** `request`'s update completed after `sends` sends. */
  applied(request: RequestPlan, sends: number): UploadProgressEvent {
    this.#unconfirmed = undefined;
    this.#requests.push(reportOf(request, sends));
    this.#applied.add(request);
    this.#position = { inputLinesDone: request.inputEnd, lastLineDone: request.throughLine };
    for (const duplicate of request.duplicatesReplaced) this.#duplicates.push(duplicate);
    return this.#event("applied", request.index, this.#applied);
  }

  /** Records the entries the service flagged. */
  flagged(entries: FlaggedEntry[]): void {
    this.#flagged = entries;
  }

  #event(type: UploadProgressEvent["type"], requestIndex: number, count: StageCount): UploadProgressEvent {
    return Object.freeze({
      type,
      requestIndex,
      requestsDone: count.requests,
      linesDone: count.lines,
      bytesDone: count.bytes,
      ...(this.#totals ?? {}),
    });
  }

  /**
   * The result so far: complete at the end, partial in every error.
   *
   * @param now - the current time, on the clock `startedAt` was given.
   */
  result(now: number): UploadResult {
    return {
      datasetArn: this.#datasetArn,
      requests: [...this.#requests],
      ...(this.#unconfirmed === undefined ? {} : { unconfirmedRequest: this.#unconfirmed }),
      inputLinesDone: this.#position.inputLinesDone,
      lastLineDone: this.#position.lastLineDone,
      appliedRequestLines: this.#applied.lines,
      appliedRequestBytes: this.#applied.bytes,
      linesSkipped: [...this.#skipped],
      duplicatesReplaced: [...this.#duplicates],
      durationMs: now - this.#startedAt,
      statisticsBefore: this.#statisticsBefore,
      statisticsAfter: this.#statisticsLatest ?? this.#statisticsBefore,
      ...(this.#resumedFromLine === undefined ? {} : { resumedFromLine: this.#resumedFromLine }),
      ...(this.#resumedPendingRequest === undefined
        ? {}
        : { resumedPendingRequest: this.#resumedPendingRequest }),
      ...(this.#flagged === undefined ? {} : { flaggedEntries: [...this.#flagged] }),
    };
  }
}

function reportOf(request: RequestPlan, sends: number): UploadRequestReport {
  return {
    index: request.index,
    firstLine: request.firstLine,
    lastLine: request.lastLine,
    lines: request.lines,
    bytes: request.bytes,
    sends,
  };
}
