/**
 * What every experiment works with: the scratch dataset, the clients, the clock, and the waits, each
 * request counted.
 *
 * @module
 * @internal
 */
import { type RekognitionClient, UpdateDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import type { DatasetClient } from "../client/dataset-client.js";
import type { DatasetDescription, UpdateBaseline } from "../client/types.js";
import { WaitTimeoutError } from "../errors/wait-timeout-error.js";
import type { QuestionId } from "./questions.js";
import type { ProbeClock, ProcessingSample } from "./types.js";

/** The scratch dataset and everything an experiment needs to use it. */
export interface ProbeContext {
  /** The scratch dataset. */
  readonly datasetArn: string;
  /** Dataset calls, paced and retried. */
  readonly datasets: DatasetClient;
  /** Raw requests the DatasetClient would refuse to send (oversize, concurrent). */
  readonly sdk: RekognitionClient;
  /** The probe's clock. */
  readonly clock: ProbeClock;
  /** The caller's abort signal. */
  readonly signal: AbortSignal | undefined;
  /** Where the lines' source-refs point (ends with `/`). */
  readonly prefix: string;
  /** Longest wait for one update, in milliseconds. */
  readonly maxWaitMs: number;
  /** Updates of real entries timed so far, for the processing rate. */
  readonly samples: ProcessingSample[];
  /** Requests and bytes sent so far. */
  readonly sent: { requests: number; bytes: number };
  /** Reports a step. */
  step(message: string, question?: QuestionId): void;
}

/** An update the service accepted. */
export interface AcceptedUpdate {
  /** DescribeDataset just before it was sent. */
  readonly baseline: UpdateBaseline;
  /** The probe's clock when the service accepted it. */
  readonly acceptedAt: number;
  /** Its GroundTruth size. */
  readonly bytes: number;
}

/** How an accepted update ended, and what the polls saw on the way. */
export interface UpdateOutcome {
  /** The description showing its end. */
  readonly description: DatasetDescription;
  /** The last time after acceptance (ms) a poll still showed the baseline, if one did. */
  readonly lastStaleMs: number | undefined;
  /** The first time after acceptance (ms) a poll showed something else. */
  readonly firstFreshMs: number;
  /** Its processing time. */
  readonly sample: ProcessingSample;
}

/** Describes the scratch dataset. */
export async function describe(context: ProbeContext): Promise<DatasetDescription> {
  context.sent.requests += 1;
  return context.datasets.describe(context.datasetArn, optionsOf(context));
}

function optionsOf(context: ProbeContext): { abortSignal?: AbortSignal } {
  return context.signal === undefined ? {} : { abortSignal: context.signal };
}

/** Sends one update through the DatasetClient (which refuses a busy dataset and records the baseline). */
export async function sendUpdate(context: ProbeContext, body: Uint8Array): Promise<AcceptedUpdate> {
  context.sent.requests += 2;
  context.sent.bytes += body.byteLength;
  const { baseline } = await context.datasets.updateEntries(context.datasetArn, body, optionsOf(context));
  return { baseline, acceptedAt: context.clock.now(), bytes: body.byteLength };
}

/** What a raw UpdateDatasetEntries got: accepted, or the service's error. */
export type RawSendResult =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly error: unknown };

/**
 * Sends one UpdateDatasetEntries as it is, through the SDK: for what the DatasetClient rightly refuses to
 * send (an oversize body, a second update while one runs). A refusal is returned, not thrown; an abort
 * is thrown.
 */
export async function sendRaw(context: ProbeContext, body: Uint8Array): Promise<RawSendResult> {
  context.sent.requests += 1;
  context.sent.bytes += body.byteLength;
  try {
    await context.sdk.send(
      new UpdateDatasetEntriesCommand({ DatasetArn: context.datasetArn, Changes: { GroundTruth: body } }),
      context.signal === undefined ? {} : { abortSignal: context.signal },
    );
    return { accepted: true };
  } catch (error) {
    if (context.signal?.aborted === true) throw error;
    return { accepted: false, error };
  }
}

/** The AWS error name of a failure (the SDK's `name`), or `"unknown"`. */
export function awsErrorName(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const named = error as { awsErrorName?: unknown; name?: unknown };
    if (typeof named.awsErrorName === "string") return named.awsErrorName;
    if (typeof named.name === "string") return named.name;
  }
  return "unknown";
}

/** Gaps between polls: soon at first (the stale-status answer needs it), then growing to 5 s. */
const FIRST_GAP_MS = 100;
const GAP_GROWTH = 1.5;
const MAX_GAP_MS = 5_000;

/** The gap before poll number `index + 1` (the first poll is at once). */
export function pollGapMs(index: number): number {
  return Math.min(MAX_GAP_MS, FIRST_GAP_MS * GAP_GROWTH ** index);
}

const BUSY = new Set(["CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS"]);
const ENDED = new Set(["UPDATE_COMPLETE", "UPDATE_FAILED"]);

function sameTime(a: Date | undefined, b: Date | undefined): boolean {
  return a?.getTime() === b?.getTime();
}

/**
 * Polls until the update ends (`UPDATE_COMPLETE` or `UPDATE_FAILED` that is not the baseline), noting how
 * long the baseline went on showing and how long the update took: from the service's timestamps when
 * `UPDATE_IN_PROGRESS` was seen (its `LastUpdatedTimestamp` is the start), otherwise from the probe's clock.
 */
export async function awaitOutcome(context: ProbeContext, update: AcceptedUpdate): Promise<UpdateOutcome> {
  let lastStaleMs: number | undefined;
  let firstFreshMs: number | undefined;
  let startedAt: Date | undefined;
  for (let poll = 0; ; poll += 1) {
    const description = await describe(context);
    const elapsed = context.clock.now() - update.acceptedAt;
    const stale =
      description.status === update.baseline.status &&
      sameTime(description.lastUpdatedTimestamp, update.baseline.lastUpdatedTimestamp);
    if (stale) lastStaleMs = elapsed;
    else firstFreshMs ??= elapsed;
    if (!stale && description.status === "UPDATE_IN_PROGRESS") startedAt ??= description.lastUpdatedTimestamp;
    if (!stale && description.status !== undefined && ENDED.has(description.status)) {
      const endedAt = description.lastUpdatedTimestamp;
      const fromServiceTimestamps = startedAt !== undefined && endedAt !== undefined;
      const seconds = fromServiceTimestamps
        ? (endedAt.getTime() - startedAt!.getTime()) / 1000
        : elapsed / 1000;
      return {
        description,
        lastStaleMs,
        firstFreshMs: firstFreshMs ?? elapsed,
        sample: { bytes: update.bytes, seconds, fromServiceTimestamps },
      };
    }
    if (elapsed >= context.maxWaitMs) {
      throw new WaitTimeoutError({
        datasetArn: context.datasetArn,
        maxWaitTime: context.maxWaitMs / 1000,
        lastDescription: description,
      });
    }
    await context.clock.sleep(pollGapMs(poll), context.signal);
  }
}

/**
 * Polls until the dataset is idle (neither being created nor updated), e.g. after an update the service
 * may have queued behind another.
 */
export async function awaitIdle(
  context: Pick<ProbeContext, "datasetArn" | "datasets" | "clock" | "sent" | "maxWaitMs">,
  signal: AbortSignal | undefined,
): Promise<DatasetDescription> {
  const start = context.clock.now();
  for (let poll = 0; ; poll += 1) {
    context.sent.requests += 1;
    const description = await context.datasets.describe(
      context.datasetArn,
      signal === undefined ? {} : { abortSignal: signal },
    );
    if (description.status === undefined || !BUSY.has(description.status)) return description;
    if (context.clock.now() - start >= context.maxWaitMs) {
      throw new WaitTimeoutError({
        datasetArn: context.datasetArn,
        maxWaitTime: context.maxWaitMs / 1000,
        lastDescription: description,
      });
    }
    await context.clock.sleep(pollGapMs(poll), signal);
  }
}

/** Every entry of the scratch dataset whose source-ref contains `part`, parsed, keyed by source-ref. */
export async function entriesContaining(context: ProbeContext, part: string): Promise<Map<string, unknown>> {
  const entries = new Map<string, unknown>();
  context.sent.requests += 1;
  for await (const text of context.datasets.listEntries(
    context.datasetArn,
    { sourceRefContains: part },
    optionsOf(context),
  )) {
    const entry = JSON.parse(text) as Record<string, unknown>;
    entries.set(String(entry["source-ref"]), entry);
  }
  return entries;
}
