/**
 * The probe: settles, against your own account, what AWS does not document about the dataset API, and
 * tells whether the library's assumptions hold (docs/SERVICE-BEHAVIOUR.md).
 *
 * @module
 */

export type { ProbeErrorDetails, ProbeErrorReason } from "../errors/probe-error.js";
export { isProbeError, ProbeError } from "../errors/probe-error.js";
export { planProbe } from "./plan.js";
export type { ProbeQuestion, QuestionId } from "./questions.js";
export { PROBE_QUESTIONS, QUESTION_IDS } from "./questions.js";
export { runProbe } from "./run-probe.js";
export type {
  MeasuredProcessingRate,
  ProbeClock,
  ProbeOptions,
  ProbePlan,
  ProbePlanOptions,
  ProbeResult,
  ProbeStep,
  ProcessingSample,
  QuestionAnswer,
  QuestionCost,
} from "./types.js";
