import pThrottle from "p-throttle";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { checkOptionsObject } from "../options/check-options.js";
import { raceAbort } from "./abort.js";

/**
 * Pacing of the requests one DatasetClient makes, to every dataset together: at most `limit` requests start
 * in any `interval` milliseconds. Every attempt of a retried request takes a slot.
 */
export interface ThrottleOptions {
  /** Most requests started per `interval`. */
  readonly limit: number;
  /** The window, in milliseconds. */
  readonly interval: number;
}

/**
 * Runs `call` when the pace allows. A call still queued when `signal` aborts rejects at once with the
 * signal's reason and never runs. @internal
 */
export type Pacer = <T>(call: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** Rejection of an aborted queued call, turned into an OperationAbortedError by the retry layer. */
function abortReason(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(`Aborted: ${String(reason)}`);
}

/** Every key of {@link ThrottleOptions}. */
const THROTTLE_OPTION_NAMES: readonly (keyof ThrottleOptions)[] = ["limit", "interval"];

/**
 * Builds the pacer shared by every request of a DatasetClient: p-throttle around the single call that
 * sends, so that retries (which call it again) are paced too. Without options, calls run at once.
 *
 * @throws InvalidOptionsError naming `throttle` or the bad `throttle.*` option.
 * @internal
 */
export function createPacer(options?: ThrottleOptions): Pacer {
  const given: unknown = options;
  checkOptionsObject(given, THROTTLE_OPTION_NAMES, "throttle");
  if (given === undefined) {
    return (call, signal) => {
      if (signal?.aborted) return Promise.reject(abortReason(signal.reason));
      return call();
    };
  }
  const { limit, interval } = given;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidOptionsError({ option: "throttle.limit", expected: "an integer >= 1", value: limit });
  }
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) {
    throw new InvalidOptionsError({
      option: "throttle.interval",
      expected: "a finite number of milliseconds >= 0",
      value: interval,
    });
  }
  const throttled = pThrottle({ limit, interval })(
    (call: () => Promise<unknown>, signal: AbortSignal | undefined) => {
      // A call aborted while queued still reaches its slot: it must not send anything then.
      if (signal?.aborted) return Promise.reject(abortReason(signal.reason));
      return call();
    },
  );
  return <T>(call: () => Promise<T>, signal?: AbortSignal) =>
    raceAbort(throttled(call, signal) as Promise<T>, signal, abortReason);
}
