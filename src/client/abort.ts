/**
 * Abort helpers that leave nothing behind: every listener is removed and every timer cleared when the
 * promise settles, so an aborted operation never keeps the process alive.
 *
 * @module
 * @internal
 */

/**
 * Settles like `promise`, or rejects with `onAbort(signal.reason)` as soon as `signal` aborts, whichever comes
 * first. The promise itself keeps running (an in-flight request cannot be recalled), but nobody waits for it.
 *
 * @internal
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: (reason: unknown) => Error,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(onAbort(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      promise.catch(() => {});
      reject(onAbort(signal.reason));
    };
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

/**
 * Resolves after `milliseconds`, or rejects with `onAbort(signal.reason)` at once when `signal` aborts; the
 * timer is cleared on abort.
 *
 * @internal
 */
export function sleep(
  milliseconds: number,
  signal: AbortSignal | undefined,
  onAbort: (reason: unknown) => Error,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAbort(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", abort, { once: true });
  });
}
