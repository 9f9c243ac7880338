import pRetry, { AbortError } from "p-retry";
import { DatasetBusyError } from "../errors/dataset-busy-error.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { DatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { OperationAbortedError } from "../errors/operation-aborted-error.js";
import { RequestFailedError } from "../errors/request-failed-error.js";
import { checkOptionsObject } from "../options/check-options.js";
import { raceAbort, sleep } from "./abort.js";
import { awsErrorName, isRetryableError, mayHaveReachedService, sdkAttempts } from "./aws-errors.js";
import { monotonicNow } from "./clock.js";

/**
 * How a DatasetClient retries a request that failed with throttling, a server error or a broken
 * connection. Every time is in **milliseconds**, and each name says so (the waiter's options, like the
 * SDK's waiters, are in seconds). See docs/RETRIES.md.
 */
export interface RetryOptions {
  /**
   * Most attempts per request, the first one included. Attempts the SDK made itself inside one call
   * (`$metadata.attempts`, with a RekognitionClient you passed in) count toward this budget.
   * @defaultValue 8
   */
  readonly attempts?: number;
  /**
   * Shortest delay before a retry, in milliseconds; also the base of the exponential backoff.
   * @defaultValue 200
   */
  readonly minDelayMs?: number;
  /**
   * Longest delay before a retry, in milliseconds: the backoff's cap.
   * @defaultValue 20000
   */
  readonly maxDelayMs?: number;
  /**
   * Longest time, in milliseconds, from a request's first attempt after which no retry starts.
   * @defaultValue 120000
   */
  readonly maxRetryTimeMs?: number;
}

/** Every key of {@link RetryOptions}: anything else is a misspelling. */
const RETRY_OPTION_NAMES: readonly (keyof RetryOptions)[] = [
  "attempts",
  "minDelayMs",
  "maxDelayMs",
  "maxRetryTimeMs",
];

/** {@link RetryOptions} with every default applied. @internal */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * The defaults of {@link RetryOptions}. Eight attempts with delays growing from 200 ms to 20 s ride out a
 * throttling burst of about a minute; AWS publishes no TPS quota for the dataset operations, so the numbers
 * follow the SDK's own shape (jittered backoff capped at 20 s) with more patience.
 */
export const DEFAULT_RETRY_OPTIONS: Readonly<Required<RetryOptions>> = Object.freeze({
  attempts: 8,
  minDelayMs: 200,
  maxDelayMs: 20_000,
  maxRetryTimeMs: 120_000,
});

function checkNumber(name: keyof RetryOptions, value: unknown, min: number, integer: boolean): number {
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new InvalidOptionsError({
      option: `retry.${name}`,
      expected: integer ? `an integer >= ${min}` : `a number of milliseconds >= ${min}`,
      value,
    });
  }
  return value;
}

/**
 * Applies the defaults (an explicit `undefined` counts as absent) and checks every option, failing at once
 * with an {@link InvalidOptionsError} that names the bad option (`retry.minDelayMs`...): a value that is
 * not an options object, an unknown key (with the nearest known name), or a value out of range.
 *
 * @internal
 */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const given: unknown = options;
  checkOptionsObject(given, RETRY_OPTION_NAMES, "retry");
  // Only `undefined` means absent: a `null` is a value, and refused as one.
  const option = (name: keyof RetryOptions, min: number, integer: boolean) => {
    const value = given?.[name];
    return checkNumber(name, value === undefined ? DEFAULT_RETRY_OPTIONS[name] : value, min, integer);
  };
  const resolved: ResolvedRetryOptions = {
    attempts: option("attempts", 1, true),
    minDelayMs: option("minDelayMs", 0, false),
    maxDelayMs: option("maxDelayMs", 0, false),
    maxRetryTimeMs: option("maxRetryTimeMs", 0, false),
  };
  if (resolved.maxDelayMs < resolved.minDelayMs) {
    throw new InvalidOptionsError({
      option: "retry.maxDelayMs",
      expected: `a number of milliseconds >= retry.minDelayMs (${resolved.minDelayMs})`,
      value: resolved.maxDelayMs,
    });
  }
  return resolved;
}

/**
 * The delay before retry number `retryIndex + 1`, in milliseconds: uniformly random ("full jitter") between
 * `minDelayMs` and the exponential cap `min(maxDelayMs, minDelayMs * 2^retryIndex)`, so that clients
 * throttled together do not come back together.
 *
 * @internal
 */
export function backoffDelay(
  retryIndex: number,
  options: Pick<ResolvedRetryOptions, "minDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const cap = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** retryIndex);
  return Math.round(options.minDelayMs + random() * (cap - options.minDelayMs));
}

/** What a retried request is, for its errors. @internal */
export interface RetryContext {
  /** The service operation, e.g. `"DescribeDataset"`. */
  readonly operation: string;
  /** The dataset the request is about. */
  readonly datasetArn: string;
  /** The caller's abort signal. */
  readonly signal?: AbortSignal | undefined;
  /** The retry policy. */
  readonly retry: ResolvedRetryOptions;
  /** Source of randomness for the jitter (tests pin it). */
  readonly random?: () => number;
  /**
   * Told of every failed attempt, before the retry decision: the waiter reads throttled polls from it to
   * space its next ones.
   */
  readonly onFailedAttempt?: (error: unknown) => void;
}

/**
 * Turns the last error of a request into the error the caller sees: ResourceInUse is a busy dataset,
 * ResourceNotFound an unavailable one, anything else a {@link RequestFailedError} with the attempt count.
 *
 * @internal
 */
export function toFinalError(
  error: unknown,
  context: RetryContext,
  attempts: number,
  earlierAttemptUncertain = false,
): Error {
  if (isDatasetError(error)) return error;
  const name = awsErrorName(error);
  if (name === "ResourceInUseException") {
    return new DatasetBusyError({
      datasetArn: context.datasetArn,
      cause: error,
      // After a lost attempt, the operation the dataset is busy with may be this very request.
      ...(earlierAttemptUncertain ? { mayHaveBeenApplied: true } : {}),
    });
  }
  if (name === "ResourceNotFoundException") {
    return new DatasetUnavailableError({ datasetArn: context.datasetArn, reason: "NOT_FOUND", cause: error });
  }
  return new RequestFailedError({
    operation: context.operation,
    datasetArn: context.datasetArn,
    attempts,
    retryable: isRetryableError(error),
    cause: error,
    ...(name === undefined ? {} : { awsErrorName: name }),
  });
}

/**
 * Runs `attempt` until it succeeds, retrying only errors that retrying can fix, with full-jitter backoff,
 * bounded by the attempt budget (the SDK's own attempts included) and by `maxRetryTimeMs`. An abort rejects at
 * once with {@link OperationAbortedError} and leaves no timer behind.
 *
 * @internal
 */
export async function withRetries<T>(attempt: () => Promise<T>, context: RetryContext): Promise<T> {
  const { retry, signal } = context;
  const aborted = (reason: unknown) =>
    new OperationAbortedError({
      operation: context.operation,
      datasetArn: context.datasetArn,
      cause: reason,
    });
  if (signal?.aborted) throw aborted(signal.reason);
  const start = monotonicNow();
  let used = 0;
  let retriesDone = 0;
  // Whether a failed attempt so far may have reached the service (and the one before the last, for the end).
  let uncertain = false;
  let uncertainBefore = false;
  try {
    return await pRetry(
      async () => {
        try {
          signal?.throwIfAborted();
          return await raceAbort(attempt(), signal, aborted);
        } catch (error) {
          // p-retry's AbortError skips every callback: an abort is final and must not be counted or retried.
          if (signal?.aborted) throw new AbortError(aborted(signal.reason));
          throw error;
        }
      },
      {
        // The real budget is `used` (SDK attempts included), checked in shouldRetry; this is a backstop.
        retries: retry.attempts - 1,
        // The delay is slept in shouldRetry (full jitter, abortable); p-retry's own would be fixed-ratio.
        minTimeout: 0,
        maxRetryTime: retry.maxRetryTimeMs,
        onFailedAttempt: ({ error }) => {
          context.onFailedAttempt?.(error);
          used += sdkAttempts(error);
          uncertainBefore = uncertain;
          if (mayHaveReachedService(error)) uncertain = true;
        },
        shouldRetry: async ({ error }) => {
          if (isDatasetError(error) || !isRetryableError(error) || used >= retry.attempts) return false;
          const remaining = retry.maxRetryTimeMs - (monotonicNow() - start);
          if (remaining <= 0) return false;
          const delay = Math.min(backoffDelay(retriesDone, retry, context.random), remaining);
          retriesDone += 1;
          await sleep(delay, signal, aborted);
          return true;
        },
      },
    );
  } catch (error) {
    if (signal?.aborted)
      throw isDatasetError(error, "OperationAbortedError") ? error : aborted(signal.reason);
    // Only earlier attempts count as uncertain here: the final error itself is what the caller reads.
    // (A user's client may also have lost an attempt inside the final call: its SDK attempts tell.)
    throw toFinalError(error, context, Math.max(used, 1), uncertainBefore || sdkAttempts(error) > 1);
  }
}
