import pThrottle from "p-throttle";
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

/**
 * Builds the pacer shared by every request of a DatasetClient: p-throttle around the single call that
 * sends, so that retries (which call it again) are paced too. Without options, calls run at once.
 *
 * @internal
 */
export function createPacer(options?: ThrottleOptions): Pacer {
  if (options === undefined) {
    return (call, signal) => {
      if (signal?.aborted) return Promise.reject(abortReason(signal.reason));
      return call();
    };
  }
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new TypeError(`Expected \`throttle.limit\` to be an integer >= 1, got ${String(options.limit)}.`);
  }
  if (!Number.isFinite(options.interval) || options.interval < 0) {
    throw new TypeError(
      `Expected \`throttle.interval\` to be a number >= 0, got ${String(options.interval)}.`,
    );
  }
  const throttled = pThrottle({ limit: options.limit, interval: options.interval })(
    (call: () => Promise<unknown>, signal: AbortSignal | undefined) => {
      // A call aborted while queued still reaches its slot: it must not send anything then.
      if (signal?.aborted) return Promise.reject(abortReason(signal.reason));
      return call();
    },
  );
  return <T>(call: () => Promise<T>, signal?: AbortSignal) =>
    raceAbort(throttled(call, signal) as Promise<T>, signal, abortReason);
}
