/**
 * How long DescribeDataset goes on showing the previous outcome after an update is accepted: one small
 * update, polled at once and then at short, growing gaps.
 *
 * @module
 * @internal
 */
import { DEFAULT_WAIT_OPTIONS } from "../../client/waiter.js";
import { awaitOutcome, type ProbeContext, sendUpdate } from "../context.js";
import { classificationLine, encodeLines } from "../lines.js";
import type { Findings } from "./answer.js";

/** The GroundTruth this experiment sends. */
export function staleStatusBody(prefix: string): Uint8Array {
  return encodeLines([classificationLine(`${prefix}stale/1.jpg`, "probe")]);
}

/** The waiter's grace period, in milliseconds: a lag up to it is absorbed. */
const GRACE_MS = DEFAULT_WAIT_OPTIONS.staleStatusGracePeriod * 1000;

/** Sends one update and measures how long the previous outcome showed. */
export async function staleStatus(context: ProbeContext): Promise<Findings> {
  context.step("Sending one small update and polling at once", "stale-status");
  const update = await sendUpdate(context, staleStatusBody(context.prefix));
  const outcome = await awaitOutcome(context, update);
  context.samples.push(outcome.sample);
  const { lastStaleMs, firstFreshMs } = outcome;
  if (lastStaleMs === undefined) {
    return {
      "stale-status": {
        answer: "none",
        observed: `The first poll, ${Math.round(firstFreshMs)} ms after acceptance, already showed the new update.`,
        agrees: true,
        details: { lastStaleMs: null, firstFreshMs },
      },
    };
  }
  return {
    "stale-status": {
      answer: "stale",
      observed: `The previous outcome still showed ${Math.round(lastStaleMs)} ms after acceptance; the new update showed from ${Math.round(firstFreshMs)} ms.`,
      agrees: firstFreshMs <= GRACE_MS,
      details: { lastStaleMs, firstFreshMs, gracePeriodMs: GRACE_MS },
    },
  };
}
