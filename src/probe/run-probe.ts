/**
 * {@link runProbe}: creates a scratch dataset, runs one small experiment per question, and deletes the
 * dataset again, also when an experiment fails or the caller aborts.
 *
 * @module
 */
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { DatasetClient } from "../client/dataset-client.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { ProbeError } from "../errors/probe-error.js";
import type { ProbeContext } from "./context.js";
import type { Findings } from "./experiments/answer.js";
import { concurrentUpdate } from "./experiments/concurrent-update.js";
import { lineHandling } from "./experiments/line-handling.js";
import { payloadLimit } from "./experiments/payload-limit.js";
import { processingRate } from "./experiments/processing-rate.js";
import { staleStatus } from "./experiments/stale-status.js";
import { resolveProbeOptions } from "./probe-options.js";
import { PROBE_QUESTIONS, type QuestionId } from "./questions.js";
import {
  awaitCreated,
  createScratchDataset,
  deleteScratchDataset,
  type ScratchDataset,
  type ScratchDeps,
} from "./scratch-dataset.js";
import type { MeasuredProcessingRate, ProbeOptions, ProbeResult, QuestionAnswer } from "./types.js";

/** Whether the signal has fired (a call, so that checks at different times are not narrowed as one). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Runs the asked experiments in order (cheap ones first, the 5 MB payloads last). */
async function runExperiments(
  context: ProbeContext,
  asked: ReadonlySet<QuestionId>,
): Promise<{ findings: Findings; rate: MeasuredProcessingRate | undefined }> {
  const findings: Findings = { ...(await lineHandling(context, asked)) };
  if (asked.has("stale-status")) Object.assign(findings, await staleStatus(context));
  if (asked.has("concurrent-update")) Object.assign(findings, await concurrentUpdate(context));
  let rate: MeasuredProcessingRate | undefined;
  if (asked.has("processing-rate")) {
    const measured = await processingRate(context);
    Object.assign(findings, measured.findings);
    rate = measured.rate;
  }
  Object.assign(findings, await payloadLimit(context, asked));
  return { findings, rate };
}

/**
 * Settles, against your own account, what AWS does not document about the dataset API (see
 * {@link PROBE_QUESTIONS} and docs/SERVICE-BEHAVIOUR.md): creates an empty scratch dataset in the project
 * (of a type the project does not have yet: an existing dataset is never touched), runs one small
 * experiment per question with the fewest requests that answer it, and deletes the scratch dataset,
 * also when an experiment fails or `abortSignal` fires (the deletion waits out an update in progress).
 * Read {@link planProbe} first: it states the cost; `confirm: true` is required.
 *
 * @param options - the project, `confirm: true`, the client, the questions, abort signal, progress.
 * @returns one answer per question, keyed by its stable id: what the docs say, what the library assumes,
 *   what the service did, whether they agree; and the measured processing rate.
 * @throws {@link InvalidOptionsError} before anything is sent (no `confirm: true`, a bad project ARN, an
 *   unknown question...); {@link ProbeError} (`no-free-dataset-type`, `scratch-dataset-failed`,
 *   `request-failed`, `cleanup-failed`); {@link OperationAbortedError} after an abort (the scratch dataset
 *   deleted); any `DatasetError` of the dataset calls (`RequestFailedError`, `WaitTimeoutError`...).
 *
 * @example
 * ```ts
 * console.log(planProbe());
 * const result = await runProbe({ projectArn, confirm: true, clientConfig: { region: "eu-west-1" } });
 * for (const answer of Object.values(result.questions)) {
 *   console.log(answer.id, answer.answer, answer.agrees ? "agrees" : "DIFFERS", answer.observed);
 * }
 * ```
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeResult> {
  const resolved = resolveProbeOptions(options);
  const { projectArn } = options;
  const signal = options.abortSignal;
  const ownClient = options.client === undefined;
  const sdk = options.client ?? new RekognitionClient(options.clientConfig ?? {});
  try {
    const datasets = new DatasetClient({ client: sdk, ...(options.datasetClient ?? {}) });
    const sent = { requests: 0, bytes: 0 };
    const step = (message: string, question?: QuestionId) =>
      options.onStep?.(question === undefined ? { message } : { message, question });
    const deps: ScratchDeps = {
      projectArn,
      sdk,
      datasets,
      clock: resolved.clock,
      maxWaitMs: resolved.maxWaitMs,
      sent,
    };
    const aborted = (datasetArn: string) =>
      new OperationAbortedError({ operation: "runProbe", datasetArn, cause: signal?.reason });
    if (isAborted(signal)) throw aborted(projectArn);

    step("Creating a scratch dataset in a dataset type the project does not use");
    // No abort signal here: a creation aborted on the wire could leave a dataset whose ARN is unknown.
    const scratch: ScratchDataset = await createScratchDataset(deps, undefined);
    step(`Created the scratch ${scratch.type} dataset ${scratch.datasetArn}`);
    let outcome: { findings: Findings; rate: MeasuredProcessingRate | undefined } | undefined;
    let failure: unknown;
    try {
      await awaitCreated(deps, scratch, signal);
      const context: ProbeContext = {
        datasetArn: scratch.datasetArn,
        datasets,
        sdk,
        clock: resolved.clock,
        signal,
        prefix: resolved.sourceRefPrefix,
        maxWaitMs: resolved.maxWaitMs,
        samples: [],
        sent,
        step,
      };
      outcome = await runExperiments(context, new Set(resolved.questions));
    } catch (error) {
      failure = error;
    }
    step(`Deleting the scratch dataset ${scratch.datasetArn}`);
    await deleteScratchDataset(deps, scratch);
    if (outcome === undefined) {
      if (isAborted(signal)) throw aborted(scratch.datasetArn);
      if (isDatasetError(failure)) throw failure;
      throw new ProbeError({
        reason: "request-failed",
        projectArn,
        datasetArn: scratch.datasetArn,
        cause: failure,
      });
    }
    const questions: Partial<Record<QuestionId, QuestionAnswer>> = {};
    for (const question of PROBE_QUESTIONS) {
      const finding = outcome.findings[question.id];
      if (finding !== undefined) questions[question.id] = { ...question, ...finding };
    }
    return {
      projectArn,
      datasetArn: scratch.datasetArn,
      datasetType: scratch.type,
      questions,
      processingRate: outcome.rate,
      allAgree: Object.values(questions).every((answer) => answer.agrees === true),
      requests: sent.requests,
      bytes: sent.bytes,
    };
  } finally {
    if (ownClient) sdk.destroy();
  }
}
