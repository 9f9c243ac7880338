/**
 * The probe's options checked at the call, before anything is created: every refusal is an
 * `InvalidOptionsError` naming the option.
 *
 * @module
 * @internal
 */
import { monotonicNow } from "../client/clock.js";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { checkAbortSignal, checkOptionsObject, nearestOptionName } from "../options/check-options.js";
import { QUESTION_IDS, type QuestionId } from "./questions.js";
import type { ProbeClock, ProbeOptions } from "./types.js";

/** Where the probe's lines point unless told otherwise: a bucket name nobody's images live in. */
export const DEFAULT_SOURCE_REF_PREFIX = "s3://rekognition-datasets-probe/";

/** The service model's pattern for `ProjectArn`. */
const PROJECT_ARN = /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/[0-9]+$/;

const OPTION_NAMES = [
  "projectArn",
  "confirm",
  "client",
  "clientConfig",
  "datasetClient",
  "questions",
  "abortSignal",
  "onStep",
  "maxWaitSeconds",
  "sourceRefPrefix",
  "clock",
] as const satisfies readonly (keyof ProbeOptions)[];

/** Default of `maxWaitSeconds`: half an hour for one update of at most 5 MB. */
const DEFAULT_MAX_WAIT_SECONDS = 1800;

/** Checks a list of question ids (`undefined` is every question), in the probe's order, without repeats. */
export function checkQuestions(value: unknown, path: string): readonly QuestionId[] {
  if (value === undefined) return QUESTION_IDS;
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidOptionsError({ option: path, expected: "a non-empty array of question ids", value });
  }
  for (const [index, id] of value.entries()) {
    if (!(QUESTION_IDS as readonly unknown[]).includes(id)) {
      const nearest = typeof id === "string" ? nearestOptionName(id, QUESTION_IDS) : undefined;
      throw new InvalidOptionsError({
        option: `${path}[${index}]`,
        expected: `a question id (${QUESTION_IDS.join(", ")})`,
        value: id,
        ...(nearest === undefined ? {} : { didYouMean: nearest }),
      });
    }
  }
  return QUESTION_IDS.filter((id) => value.includes(id));
}

/** The real clock: the library's monotonic clock and an abortable timer. */
export const REAL_CLOCK: ProbeClock = {
  now: () => monotonicNow(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** The options with defaults applied. */
export interface ResolvedProbeOptions {
  readonly questions: readonly QuestionId[];
  readonly maxWaitMs: number;
  readonly sourceRefPrefix: string;
  readonly clock: ProbeClock;
}

/**
 * Refuses options the probe cannot use, and a missing `confirm: true`, before anything is sent.
 *
 * @throws {@link InvalidOptionsError} naming the option.
 */
export function resolveProbeOptions(options: ProbeOptions): ResolvedProbeOptions {
  if (options === undefined) {
    throw new InvalidOptionsError({
      option: "",
      expected: "an options object with projectArn and confirm",
      value: options,
    });
  }
  checkOptionsObject(options, OPTION_NAMES, "");
  if (options.confirm !== true) {
    throw new InvalidOptionsError({
      option: "confirm",
      expected:
        "true: the probe creates a scratch dataset in the project, sends about 11 MB to it and deletes it (read planProbe() first)",
      value: options.confirm,
    });
  }
  if (typeof options.projectArn !== "string" || !PROJECT_ARN.test(options.projectArn)) {
    throw new InvalidOptionsError({
      option: "projectArn",
      expected: "a project ARN (arn:aws:rekognition:<region>:<account>:project/<name>/<id>)",
      value: options.projectArn,
    });
  }
  if (options.client !== undefined && options.clientConfig !== undefined) {
    throw new InvalidOptionsError({
      option: "clientConfig",
      expected: "either client or clientConfig, not both",
      value: options.clientConfig,
    });
  }
  if (options.client !== undefined && typeof (options.client as { send?: unknown }).send !== "function") {
    throw new InvalidOptionsError({
      option: "client",
      expected: "a RekognitionClient",
      value: options.client,
    });
  }
  checkOptionsObject(options.clientConfig, [...Object.keys(options.clientConfig ?? {})], "clientConfig");
  checkOptionsObject(options.datasetClient, ["retry", "throttle", "requestTimeoutMs"], "datasetClient");
  checkAbortSignal(options.abortSignal, "abortSignal");
  if (options.onStep !== undefined && typeof options.onStep !== "function") {
    throw new InvalidOptionsError({ option: "onStep", expected: "a function", value: options.onStep });
  }
  const maxWaitSeconds = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  if (typeof maxWaitSeconds !== "number" || !(maxWaitSeconds > 0) || !Number.isFinite(maxWaitSeconds)) {
    throw new InvalidOptionsError({
      option: "maxWaitSeconds",
      expected: "a finite number of seconds > 0",
      value: options.maxWaitSeconds,
    });
  }
  const sourceRefPrefix = options.sourceRefPrefix ?? DEFAULT_SOURCE_REF_PREFIX;
  if (typeof sourceRefPrefix !== "string" || !/^s3:\/\/[^/]+\/(.*\/)?$/.test(sourceRefPrefix)) {
    throw new InvalidOptionsError({
      option: "sourceRefPrefix",
      expected: 'an S3 URL of a bucket or folder ending with "/", e.g. "s3://my-bucket/probe/"',
      value: options.sourceRefPrefix,
    });
  }
  const clock = options.clock ?? REAL_CLOCK;
  if (typeof clock?.now !== "function" || typeof clock.sleep !== "function") {
    throw new InvalidOptionsError({
      option: "clock",
      expected: "an object with now() and sleep(ms, signal)",
      value: clock,
    });
  }
  return {
    questions: checkQuestions(options.questions, "questions"),
    maxWaitMs: maxWaitSeconds * 1000,
    sourceRefPrefix,
    clock,
  };
}
