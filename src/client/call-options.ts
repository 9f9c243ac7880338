/**
 * The checks a DatasetClient call runs on its options before it queues, reads or sends anything: the shape
 * and the keys of each options object (through src/options/check-options.ts), the abort signal, and the wait
 * timings, all refused with `InvalidOptionsError` naming the option's path.
 *
 * @module
 * @internal
 */
import { checkAbortSignal, checkOptionsObject } from "../options/check-options.js";
import type { WaitOptions } from "./types.js";
import { resolveWaitOptions } from "./waiter.js";

/**
 * Every key of an options type, at run time. The argument must name each key of `T` and nothing else, so a
 * key added to the type and not here fails to compile, rather than being refused as unknown at run time.
 *
 * @internal
 */
export function everyKey<T>(keys: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.freeze(Object.keys(keys));
}

/** The timing keys of a wait (no abort signal: each call takes that at its own top level). */
const WAIT_TIMING_KEYS = everyKey<Omit<WaitOptions, "abortSignal">>({
  maxWaitTime: true,
  minDelay: true,
  maxDelay: true,
  staleStatusGracePeriod: true,
});

/**
 * Checks a call's options object: an object or absent, only `known` keys, and `abortSignal` (when the call
 * takes one) an AbortSignal.
 *
 * @param options - what the caller passed.
 * @param known - every key the call reads.
 * @internal
 */
export function checkCallOptions(
  options: unknown,
  known: readonly string[],
): asserts options is Readonly<Record<string, unknown>> | undefined {
  checkOptionsObject(options, known, "");
  if (known.includes("abortSignal")) checkAbortSignal(options?.abortSignal, "abortSignal");
}

/**
 * Checks wait timings where a call takes them (`wait` of an upload, `waitIfBusy` of updateEntries, the
 * options of waitUntilUpdated itself), now rather than at the first wait after a request was sent. The
 * values are the waiter's to judge (`resolveWaitOptions`); its error is given this option's path.
 *
 * @param value - the wait options object (`undefined` is absent and passes).
 * @param path - its path (`""` when the call's own options are the wait's).
 * @param extraKeys - keys the call adds beside the timings (`abortSignal`, `baseline`).
 * @internal
 */
export function checkWaitOptions(value: unknown, path: string, extraKeys: readonly string[] = []): void {
  checkOptionsObject(value, [...WAIT_TIMING_KEYS, ...extraKeys], path);
  if (value === undefined) return;
  const timings = Object.fromEntries(WAIT_TIMING_KEYS.map((key) => [key, value[key]])) as WaitOptions;
  resolveWaitOptions(timings, path);
}
