/**
 * Whether a second update sent while one runs is refused: one update through the DatasetClient, and at
 * once a second one straight through the SDK (the DatasetClient itself never sends it).
 *
 * @module
 * @internal
 */
import {
  awaitIdle,
  awaitOutcome,
  awsErrorName,
  entriesContaining,
  type ProbeContext,
  sendRaw,
  sendUpdate,
} from "../context.js";
import { classificationLine, encodeLines } from "../lines.js";
import type { Findings } from "./answer.js";

/** The two GroundTruths this experiment sends: the first update and the concurrent one. */
export function concurrentBodies(prefix: string): readonly [Uint8Array, Uint8Array] {
  return [
    encodeLines([classificationLine(`${prefix}concurrent/first.jpg`, "probe")]),
    encodeLines([classificationLine(`${prefix}concurrent/second.jpg`, "probe")]),
  ];
}

/** Sends an update and a second one while it runs; if the second is accepted, sees which were applied. */
export async function concurrentUpdate(context: ProbeContext): Promise<Findings> {
  const [first, second] = concurrentBodies(context.prefix);
  context.step("Sending an update, then a second one while it runs", "concurrent-update");
  const update = await sendUpdate(context, first);
  const raw = await sendRaw(context, second);
  const outcome = await awaitOutcome(context, update);
  context.samples.push(outcome.sample);
  if (!raw.accepted) {
    const name = awsErrorName(raw.error);
    return {
      "concurrent-update": {
        answer: name === "ResourceInUseException" ? "resource-in-use" : name,
        observed: `The second update was refused with ${name}.`,
        agrees: name === "ResourceInUseException",
        details: { errorName: name },
      },
    };
  }
  await awaitIdle(context, context.signal);
  const entries = await entriesContaining(context, `${context.prefix}concurrent/`);
  const firstApplied = entries.has(`${context.prefix}concurrent/first.jpg`);
  const secondApplied = entries.has(`${context.prefix}concurrent/second.jpg`);
  const answer =
    firstApplied && secondApplied ? "queue" : secondApplied ? "replace" : firstApplied ? "ignore" : "lost";
  const observed = {
    queue: "The second update was accepted and applied after the first: both were applied.",
    replace: "The second update was accepted and replaced the first: only the second was applied.",
    ignore: "The second update was accepted but never applied.",
    lost: "The second update was accepted, and neither update was applied.",
  }[answer];
  return {
    "concurrent-update": { answer, observed, agrees: false, details: { firstApplied, secondApplied } },
  };
}
