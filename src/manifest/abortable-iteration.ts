/**
 * Iteration that an abort ends at once, even while the source is silent: a stream that never ends, an
 * iterable that never yields. Checking the signal between items is not enough, since the next item may
 * never come.
 *
 * @module
 * @internal
 */

/**
 * Yields `source`'s items until it ends or `signal` aborts. An abort rejects the pending wait for the next
 * item with the signal's reason at once, then `release` is called to free what the source holds (destroy a
 * stream, close a file): the source's own `return()` cannot be relied on there, since an async generator
 * runs it only after its pending step, which may never end. Leaving the loop early (a `break`, an error
 * downstream) closes the source through its `return()` as usual.
 *
 * @param source - any async iterable.
 * @param signal - ends the iteration when aborted; without one, `source` is iterated as is.
 * @param release - frees the source after an abort; by default its iterator's `return()` is started and not awaited.
 * @internal
 */
export async function* abortableIteration<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal | undefined,
  release?: () => void,
): AsyncGenerator<T, void, undefined> {
  if (signal === undefined) {
    yield* source;
    return;
  }
  signal.throwIfAborted();
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  // Only raced, never awaited alone: without this, an abort after the end would be an unhandled rejection.
  aborted.catch(() => {});
  let ended = false;
  let abortedWhileWaiting = false;
  try {
    for (;;) {
      const next = iterator.next();
      // What the source does after an abort (reject when destroyed, or never settle) concerns no one.
      next.catch(() => {});
      let result: IteratorResult<T>;
      try {
        result = await Promise.race([next, aborted]);
      } catch (error) {
        abortedWhileWaiting = signal.aborted;
        throw error;
      }
      if (result.done === true) {
        ended = true;
        return;
      }
      // Several items may be ready at once: an abort between them stops here, not one item later.
      signal.throwIfAborted();
      yield result.value;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (abortedWhileWaiting) {
      if (release !== undefined) release();
      else iterator.return?.().catch(() => {});
    } else if (!ended) {
      await iterator.return?.();
    }
  }
}
