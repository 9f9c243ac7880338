/**
 * What an experiment returns for each question it settles; the runner adds the question's text.
 *
 * @module
 * @internal
 */
import type { QuestionId } from "../questions.js";
import type { QuestionAnswer } from "../types.js";

/** One question's answer, without the question's own text. */
export type Finding = Pick<QuestionAnswer, "answer" | "observed" | "agrees" | "details">;

/** The findings of one experiment, by question. */
export type Findings = Partial<Record<QuestionId, Finding>>;

/** A finding for a question the experiment could not settle. */
export function inconclusive(observed: string, details: Record<string, unknown> = {}): Finding {
  return { answer: "inconclusive", observed, agrees: undefined, details };
}
