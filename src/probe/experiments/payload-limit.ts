/**
 * What the 5,242,880-byte limit counts, and which error an oversize payload gets: a body just under the
 * limit in raw bytes (whose base64 form is a third over it), then, only if that one was accepted, a body
 * one byte over the limit.
 *
 * @module
 * @internal
 */
import { isRequestFailedError } from "../../errors/request-failed-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../limits.js";
import { awaitIdle, awaitOutcome, awsErrorName, type ProbeContext, sendRaw, sendUpdate } from "../context.js";
import { classificationLine, paddedBody } from "../lines.js";
import type { QuestionId } from "../questions.js";
import type { Finding, Findings } from "./answer.js";

/** Just under the limit in raw bytes; its base64 form is 6,990,508 bytes. */
export const UNDER_LIMIT_BYTES = MAX_GROUND_TRUTH_BYTES - 1;
/** Just over the limit, however it is counted. */
export const OVER_LIMIT_BYTES = MAX_GROUND_TRUTH_BYTES + 1;

/** The errors an oversize payload may plausibly get. */
const OVERSIZE_NAMES = new Set(["InvalidParameterException", "ValidationException"]);

function body(prefix: string, name: string, byteLength: number): Uint8Array {
  return paddedBody(classificationLine(`${prefix}payload/${name}.jpg`, "probe"), byteLength);
}

/** The oversize-error finding for an error name. */
function oversizeFinding(name: string, from: string): Finding {
  return {
    answer: name,
    observed: `${from} was refused with ${name}.`,
    agrees: name === "InvalidParameterException",
    details: { errorName: name },
  };
}

/** Sends the payloads the asked questions need. */
export async function payloadLimit(context: ProbeContext, asked: ReadonlySet<QuestionId>): Promise<Findings> {
  const findings: Findings = {};
  if (asked.has("payload-limit-counting")) {
    context.step(
      `Sending ${UNDER_LIMIT_BYTES} raw bytes (${4 * Math.ceil(UNDER_LIMIT_BYTES / 3)} in base64)`,
      "payload-limit-counting",
    );
    let refusal: unknown;
    try {
      const update = await sendUpdate(context, body(context.prefix, "under", UNDER_LIMIT_BYTES));
      await awaitOutcome(context, update);
    } catch (error) {
      if (!isRequestFailedError(error) || error.operation !== "UpdateDatasetEntries") throw error;
      refusal = error;
    }
    if (refusal === undefined) {
      findings["payload-limit-counting"] = {
        answer: "raw",
        observed: `A body of ${UNDER_LIMIT_BYTES} raw bytes (over the limit in base64) was accepted: the limit counts raw bytes.`,
        agrees: true,
        details: { rawBytes: UNDER_LIMIT_BYTES },
      };
    } else {
      const name = awsErrorName(refusal);
      const oversize = OVERSIZE_NAMES.has(name);
      findings["payload-limit-counting"] = {
        answer: oversize ? "base64" : "inconclusive",
        observed: `A body of ${UNDER_LIMIT_BYTES} raw bytes was refused with ${name}${oversize ? ": the limit counts the base64 form" : ""}.`,
        agrees: oversize ? false : undefined,
        details: { rawBytes: UNDER_LIMIT_BYTES, errorName: name },
      };
      // The refusal already shows which error an oversize payload gets: no second request.
      if (oversize && asked.has("oversize-error")) {
        findings["oversize-error"] = oversizeFinding(name, `A body over the limit in base64`);
      }
    }
  }
  if (asked.has("oversize-error") && findings["oversize-error"] === undefined) {
    context.step(`Sending ${OVER_LIMIT_BYTES} raw bytes`, "oversize-error");
    const sent = await sendRaw(context, body(context.prefix, "over", OVER_LIMIT_BYTES));
    if (sent.accepted) {
      // Accepted against the model's limit: let it run out before the next experiment.
      await awaitIdle(context, context.signal);
      findings["oversize-error"] = {
        answer: "accepted",
        observed: `A body of ${OVER_LIMIT_BYTES} raw bytes was accepted: the limit is not where the service model puts it.`,
        agrees: false,
        details: { rawBytes: OVER_LIMIT_BYTES },
      };
    } else {
      findings["oversize-error"] = oversizeFinding(
        awsErrorName(sent.error),
        `A body of ${OVER_LIMIT_BYTES} raw bytes`,
      );
    }
  }
  return findings;
}

/** Whether the oversize payload will be sent, which depends on the first answer: the plan counts it. */
export function payloadBodies(asked: ReadonlySet<QuestionId>): { under: number; over: number } {
  return {
    under: asked.has("payload-limit-counting") ? UNDER_LIMIT_BYTES : 0,
    over: asked.has("oversize-error") ? OVER_LIMIT_BYTES : 0,
  };
}
