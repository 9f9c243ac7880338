/**
 * A time limit on one attempt of a request, for every client, a user's included: a connection that
 * black-holes (no reset, no answer) fails that attempt as a timeout, which the retry layer retries and
 * counts as one that may have reached the service. A user's RekognitionClient is never reconfigured: the
 * limit is an abort signal given to that one `send`.
 *
 * @module
 * @internal
 */
import { raceAbort } from "./abort.js";

/**
 * The error of an attempt that ran out of time. Named `TimeoutError`, as the SDK names its own request
 * timeouts, so that both read the same: retryable, and not known to have missed the service.
 *
 * @internal
 */
export class AttemptTimeoutError extends Error {
  /** As the SDK's own timeouts. */
  override readonly name = "TimeoutError";
  /** Node's code for a timed-out connection. */
  readonly code = "ETIMEDOUT";

  /**
   * @param operation - the service operation, e.g. `"DescribeDataset"`.
   * @param timeoutMs - the limit that ran out.
   * @param cause - what the SDK rejected with when it was told to abort, if anything.
   */
  constructor(operation: string, timeoutMs: number, cause?: unknown) {
    super(
      `${operation} got no answer within ${timeoutMs} ms (requestTimeoutMs); the attempt was abandoned and may still reach the service.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/**
 * Runs one attempt with a signal that aborts when the caller's does or when `timeoutMs` runs out. A
 * timeout rejects with {@link AttemptTimeoutError} at once, even if the call ignores its signal; the
 * caller's abort rejects with the caller's reason at once (the retry layer makes it an
 * OperationAbortedError). The timer is cleared as soon as the attempt settles either way.
 *
 * @param operation - the service operation, for the error.
 * @param call - the attempt; it gets the combined signal.
 * @param callerSignal - the caller's signal.
 * @param timeoutMs - the limit, in milliseconds; `undefined` sets none.
 * @internal
 */
export async function withAttemptTimeout<T>(
  operation: string,
  call: (signal: AbortSignal | undefined) => Promise<T>,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<T> {
  if (timeoutMs === undefined) return call(callerSignal);
  const timeout = new AbortController();
  // A plain timer, not AbortSignal.timeout: it is cleared on settle, and fake timers drive it in tests.
  const timer = setTimeout(() => timeout.abort(new AttemptTimeoutError(operation, timeoutMs)), timeoutMs);
  const signal =
    callerSignal === undefined ? timeout.signal : AbortSignal.any([callerSignal, timeout.signal]);
  try {
    return await raceAbort(call(signal), signal, (reason) =>
      timeout.signal.aborted && callerSignal?.aborted !== true
        ? new AttemptTimeoutError(operation, timeoutMs)
        : reason instanceof Error
          ? reason
          : new Error(String(reason)),
    );
  } catch (error) {
    // The SDK, told to abort, rejects with its own AbortError: the cause was our timeout.
    if (timeout.signal.aborted && callerSignal?.aborted !== true && !(error instanceof AttemptTimeoutError)) {
      throw new AttemptTimeoutError(operation, timeoutMs, error);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
