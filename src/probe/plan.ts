/**
 * {@link planProbe}: what a probe will cost, worked out before anything is created.
 *
 * @module
 */

import { pollGapMs } from "./context.js";
import { concurrentBodies } from "./experiments/concurrent-update.js";
import { LINE_QUESTIONS, lineHandlingBody } from "./experiments/line-handling.js";
import { OVER_LIMIT_BYTES, UNDER_LIMIT_BYTES } from "./experiments/payload-limit.js";
import { processingRateBody } from "./experiments/processing-rate.js";
import { staleStatusBody } from "./experiments/stale-status.js";
import { checkQuestions, DEFAULT_SOURCE_REF_PREFIX } from "./probe-options.js";
import { QUESTION_IDS, type QuestionId } from "./questions.js";
import type { ProbePlan, ProbePlanOptions, QuestionCost } from "./types.js";

/** The time estimates' model of the service: nobody has published its speed (the probe measures it). */
const ASSUMED_BASE_SECONDS = 60;
const ASSUMED_BYTES_PER_SECOND = 100_000;

/** Estimated processing time of an update of `bytes`. */
function updateSeconds(bytes: number): number {
  return ASSUMED_BASE_SECONDS + bytes / ASSUMED_BYTES_PER_SECOND;
}

/** DescribeDataset polls of a wait of `seconds` on the probe's schedule. */
function polls(seconds: number): number {
  let waited = 0;
  let count = 1;
  while (waited < seconds * 1000) {
    waited += pollGapMs(count - 1);
    count += 1;
  }
  return count;
}

/** The cost of one update sent through the DatasetClient and waited for: baseline describe, send, polls. */
function waitedUpdate(bytes: number): { requests: number; bytes: number; seconds: number } {
  const seconds = updateSeconds(bytes);
  return { requests: 2 + polls(seconds), bytes, seconds };
}

/**
 * What a probe with these options will cost: per question, the UpdateDatasetEntries requests, the
 * requests of every kind, the GroundTruth bytes and the time, and the totals with the scratch dataset's
 * creation and deletion. Touches nothing. Request counts and times are estimates (they depend on how
 * fast the service processes updates, which is one of the questions); bytes are exact, except that the
 * oversize payload is not sent when the first payload already answers `oversize-error`. An update shared
 * by several questions is counted once, under the first of them.
 *
 * @param options - the questions to ask.
 * @returns the plan; print it and ask before calling {@link runProbe}.
 * @throws {@link InvalidOptionsError} for an unknown question id.
 *
 * @example
 * ```ts
 * const plan = planProbe({ questions: ["payload-limit-counting", "stale-status"] });
 * console.log(`${plan.requests} requests, ${plan.bytes} bytes, about ${Math.ceil(plan.seconds / 60)} min`);
 * ```
 */
export function planProbe(options: ProbePlanOptions = {}): ProbePlan {
  const asked = new Set(checkQuestions(options.questions, "questions"));
  const prefix = DEFAULT_SOURCE_REF_PREFIX;
  const costs: QuestionCost[] = [];
  const add = (
    question: QuestionId,
    updates: number,
    cost: { requests: number; bytes: number; seconds: number },
  ) => costs.push({ question, updates, ...cost });
  const firstLineQuestion = LINE_QUESTIONS.find((question) => asked.has(question));
  for (const question of QUESTION_IDS) {
    if (!asked.has(question)) continue;
    switch (question) {
      case "repeated-source-ref":
      case "float-coordinates":
      case "string-class-index":
      case "source-ref-only-line": {
        if (question === firstLineQuestion) {
          const cost = waitedUpdate(lineHandlingBody(prefix, asked).byteLength);
          add(question, 1, { ...cost, requests: cost.requests + 1 });
        } else add(question, 0, { requests: 0, bytes: 0, seconds: 0 });
        break;
      }
      case "stale-status":
        add(question, 1, waitedUpdate(staleStatusBody(prefix).byteLength));
        break;
      case "concurrent-update": {
        const [first, second] = concurrentBodies(prefix);
        const cost = waitedUpdate(first.byteLength);
        add(question, 2, { ...cost, requests: cost.requests + 1, bytes: cost.bytes + second.byteLength });
        break;
      }
      case "processing-rate":
        add(question, 1, waitedUpdate(processingRateBody(prefix).byteLength));
        break;
      case "payload-limit-counting":
        add(question, 1, waitedUpdate(UNDER_LIMIT_BYTES));
        break;
      case "oversize-error":
        add(question, 1, { requests: 1, bytes: OVER_LIMIT_BYTES, seconds: 5 });
        break;
    }
  }
  // Creation (one request, polls while it is created) and deletion (a describe, one request).
  const scratch = { requests: 1 + polls(ASSUMED_BASE_SECONDS) + 2, seconds: ASSUMED_BASE_SECONDS };
  return {
    questions: costs,
    requests: scratch.requests + costs.reduce((sum, cost) => sum + cost.requests, 0),
    bytes: costs.reduce((sum, cost) => sum + cost.bytes, 0),
    seconds: scratch.seconds + costs.reduce((sum, cost) => sum + cost.seconds, 0),
    assumption: `Times assume an update takes ${ASSUMED_BASE_SECONDS} s plus 1 s per ${ASSUMED_BYTES_PER_SECOND} bytes (nobody has published the service's speed; the probe measures it), with DescribeDataset polled at gaps growing from ${pollGapMs(0)} ms to ${pollGapMs(1000) / 1000} s.`,
  };
}
