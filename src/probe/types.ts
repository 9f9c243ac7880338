/**
 * The probe's options and results.
 *
 * @module
 */
import type { RekognitionClient, RekognitionClientConfig } from "@aws-sdk/client-rekognition";
import type { DatasetClientCommonOptions } from "../client/dataset-client.js";
import type { ProbeQuestion, QuestionId } from "./questions.js";

/**
 * The probe's sense of time: a clock and a sleep. Real time by default; a test or a simulation can drive
 * it (together with the emulator's `clock`) so that nothing really waits.
 *
 * @example
 * ```ts
 * let elapsed = 0;
 * const clock: ProbeClock = { now: () => elapsed, sleep: async (ms) => { elapsed += ms; } };
 * ```
 */
export interface ProbeClock {
  /** Milliseconds from an arbitrary origin, never going back. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * One step of a probe, as `onStep` hears of it.
 *
 * @example
 * ```ts
 * await runProbe({ projectArn, confirm: true, onStep: (step: ProbeStep) => console.error(step.message) });
 * ```
 */
export interface ProbeStep {
  /** The question the step works on, when it works on one. */
  readonly question?: QuestionId;
  /** What is being done, e.g. `"Creating a scratch TEST dataset"`. */
  readonly message: string;
}

/**
 * Options of {@link planProbe}.
 *
 * @example
 * ```ts
 * const options: ProbePlanOptions = { questions: ["stale-status"] };
 * console.log(planProbe(options).seconds);
 * ```
 */
export interface ProbePlanOptions {
  /**
   * Which questions to ask.
   * @defaultValue every question ({@link QUESTION_IDS})
   */
  readonly questions?: readonly QuestionId[];
}

/**
 * Options of {@link runProbe}.
 *
 * @example
 * ```ts
 * const options: ProbeOptions = {
 *   projectArn: "arn:aws:rekognition:eu-west-1:123456789012:project/scratch/1700000000000",
 *   confirm: true,
 *   clientConfig: { region: "eu-west-1" },
 *   questions: ["payload-limit-counting", "processing-rate"],
 * };
 * const result = await runProbe(options);
 * ```
 */
export interface ProbeOptions extends ProbePlanOptions {
  /** The project the scratch dataset is created in (`arn:aws:rekognition:<region>:<account>:project/<name>/<id>`). */
  readonly projectArn: string;
  /**
   * Must be `true`: the probe creates a dataset in the project (and deletes it), sends about 11 MB and
   * makes requests that cost what they cost. Mirrors the command line's `--yes`. Read {@link planProbe}
   * first.
   */
  readonly confirm: true;
  /** A RekognitionClient of yours, used as it is (never both `client` and `clientConfig`). */
  readonly client?: RekognitionClient;
  /**
   * Configuration of the RekognitionClient the probe builds (and destroys when done).
   * @defaultValue `{}`: the SDK's default region and credential chain.
   */
  readonly clientConfig?: RekognitionClientConfig;
  /**
   * Retry and pacing of the DatasetClient the probe uses for the dataset calls.
   * @defaultValue the DatasetClient's defaults
   */
  readonly datasetClient?: Pick<DatasetClientCommonOptions, "retry" | "throttle" | "requestTimeoutMs">;
  /**
   * Stops the probe: what it created is deleted, then it rejects with `OperationAbortedError`.
   */
  readonly abortSignal?: AbortSignal;
  /** Hears of each step, e.g. to print progress. */
  readonly onStep?: (step: ProbeStep) => void;
  /**
   * Longest wait for one update (or the scratch dataset's creation) to end, in seconds.
   * @defaultValue 1800
   */
  readonly maxWaitSeconds?: number;
  /**
   * Where the probe's lines point: an `s3://bucket/prefix/` of yours. No image is read or needed; the
   * service may flag every line for its missing image, which the probe allows for (it compares with
   * control lines).
   * @defaultValue `"s3://rekognition-datasets-probe/"`
   */
  readonly sourceRefPrefix?: string;
  /**
   * The probe's clock and sleep.
   * @defaultValue real time
   */
  readonly clock?: ProbeClock;
}

/**
 * What one question costs, as {@link planProbe} estimates it.
 *
 * @example
 * ```ts
 * for (const cost of planProbe().questions) console.log(cost.question, cost.bytes, cost.seconds);
 * ```
 */
export interface QuestionCost {
  /** The question. */
  readonly question: QuestionId;
  /** UpdateDatasetEntries requests it sends. */
  readonly updates: number;
  /** Requests of every kind, estimated (the DescribeDataset polls depend on the service's speed). */
  readonly requests: number;
  /** GroundTruth bytes it sends. */
  readonly bytes: number;
  /** Time it takes, estimated, in seconds. */
  readonly seconds: number;
}

/**
 * What a probe costs, stated before anything is created.
 *
 * @example
 * ```ts
 * const plan: ProbePlan = planProbe();
 * console.log(`${plan.requests} requests, ${plan.bytes} bytes; ${plan.assumption}`);
 * ```
 */
export interface ProbePlan {
  /** Per question, in the order they run. */
  readonly questions: readonly QuestionCost[];
  /** Requests of every kind, estimated, the scratch dataset's creation and deletion included. */
  readonly requests: number;
  /** GroundTruth bytes sent in all. */
  readonly bytes: number;
  /** Time, estimated, in seconds. */
  readonly seconds: number;
  /** The assumption behind the time estimates, in words. */
  readonly assumption: string;
}

/**
 * The answer to one question.
 *
 * @example
 * ```ts
 * const answer = result.questions["payload-limit-counting"];
 * if (answer?.agrees === false) console.log(answer.observed, "->", answer.setting);
 * ```
 */
export interface QuestionAnswer extends ProbeQuestion {
  /**
   * The answer as a stable token, e.g. `"raw"`, `"base64"`, `"resource-in-use"`, `"queue"`, `"keep-first"`,
   * `"accept"`, `"flag"`, `"drop"`, `"none"` (no stale status seen), `"stale"`, `"measured"`; or
   * `"inconclusive"` when the experiment could not tell.
   */
  readonly answer: string;
  /** What the service did, in words. */
  readonly observed: string;
  /** Whether that agrees with the library's assumption; `undefined` when inconclusive. */
  readonly agrees: boolean | undefined;
  /** Figures behind the answer (error names, milliseconds, codes...). */
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * One update the probe timed.
 *
 * @example
 * ```ts
 * for (const sample of result.processingRate?.samples ?? []) console.log(sample.bytes, sample.seconds);
 * ```
 */
export interface ProcessingSample {
  /** Its GroundTruth size. */
  readonly bytes: number;
  /** Its processing time, in seconds. */
  readonly seconds: number;
  /**
   * Whether the time comes from the service's own timestamps (`UPDATE_IN_PROGRESS` seen), rather than from
   * the probe's clock between acceptance and the first poll that saw the end.
   */
  readonly fromServiceTimestamps: boolean;
}

/**
 * The service's processing rate, in the form the waiter's own model uses (a fixed time plus a time per
 * byte); `bytesPerSecond` seeds a DatasetClient's waiter through its `processingBytesPerSecond` option.
 *
 * @example
 * ```ts
 * const rate = result.processingRate;
 * if (rate?.bytesPerSecond !== undefined) {
 *   console.log(`expect ${rate.baseSeconds + 5_000_000 / rate.bytesPerSecond} s for a 5 MB update`);
 * }
 * ```
 */
export interface MeasuredProcessingRate {
  /** Bytes processed per second beyond the fixed time; `undefined` when bigger updates were not slower. */
  readonly bytesPerSecond: number | undefined;
  /** Time every update takes whatever its size, in seconds (the fit's intercept, at least 0). */
  readonly baseSeconds: number;
  /** The updates it was fitted on. */
  readonly samples: readonly ProcessingSample[];
}

/**
 * What {@link runProbe} found.
 *
 * @example
 * ```ts
 * const result: ProbeResult = await runProbe({ projectArn, confirm: true });
 * console.log(JSON.stringify(result.questions, null, 2), result.allAgree);
 * ```
 */
export interface ProbeResult {
  /** The project probed. */
  readonly projectArn: string;
  /** The scratch dataset the probe created (deleted again). */
  readonly datasetArn: string;
  /** Its type: whichever the project did not have. */
  readonly datasetType: "TRAIN" | "TEST";
  /** The answers, keyed by question id (only the questions asked). */
  readonly questions: Readonly<Partial<Record<QuestionId, QuestionAnswer>>>;
  /** The measured processing rate, when `processing-rate` was asked. */
  readonly processingRate: MeasuredProcessingRate | undefined;
  /** Whether every answer agrees with the library's assumptions. */
  readonly allAgree: boolean;
  /** Requests the probe made (each retry of the DatasetClient not counted). */
  readonly requests: number;
  /** GroundTruth bytes the probe sent. */
  readonly bytes: number;
}
