/**
 * The checks a DatasetClient call runs on its options before it queues, reads or sends anything: the shape
 * and the keys of each options object (through src/options/check-options.ts), the abort signal, and the wait
 * timings, all refused with `InvalidOptionsError` naming the option's path.
 *
 * @module
 * @internal
 */
import { InvalidOptionsError, isInvalidOptionsError } from "../errors/invalid-options-error.js";
import { assertOptionsObject, checkOptionsObject, optionPath } from "../options/check-options.js";
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
 * Whether a value can serve as an abort signal. Duck-typed rather than `instanceof AbortSignal`, so that a
 * signal from another realm or a faithful polyfill passes; every method the client calls must be there.
 */
function isAbortSignalLike(value: unknown): value is AbortSignal {
  if (typeof value !== "object" || value === null) return false;
  const signal = value as Record<string, unknown>;
  return (
    typeof signal.aborted === "boolean" &&
    typeof signal.addEventListener === "function" &&
    typeof signal.removeEventListener === "function" &&
    typeof signal.throwIfAborted === "function"
  );
}

/**
 * Refuses an `abortSignal` that is not an AbortSignal (`undefined` is absent and passes).
 *
 * @param value - the option's value.
 * @param path - its path, e.g. `"abortSignal"`.
 * @internal
 */
export function checkAbortSignal(value: unknown, path: string): asserts value is AbortSignal | undefined {
  if (value !== undefined && !isAbortSignalLike(value)) {
    throw new InvalidOptionsError({ option: path, expected: "an AbortSignal", value });
  }
}

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
  assertOptionsObject(value, path);
  if (value === undefined) return;
  checkOptionsObject(value, [...WAIT_TIMING_KEYS, ...extraKeys], path);
  const timings = Object.fromEntries(WAIT_TIMING_KEYS.map((key) => [key, value[key]])) as WaitOptions;
  try {
    resolveWaitOptions(timings);
  } catch (error) {
    throw reroot(error, path, value);
  }
}

/**
 * The waiter names its options from its own top level; under `wait` or `waitIfBusy` the path must say so.
 * Whatever else the waiter throws becomes an InvalidOptionsError for the whole object, so that every bad
 * option reaches the caller as one kind of error.
 */
function reroot(error: unknown, path: string, options: Readonly<Record<string, unknown>>): unknown {
  if (!isInvalidOptionsError(error)) {
    const why = error instanceof Error ? error.message : String(error);
    return new InvalidOptionsError({
      option: path === "" ? "options" : path,
      expected: `wait timings the waiter accepts (${why})`,
      value: options,
    });
  }
  if (path === "" || error.option.startsWith(`${path}.`)) return error;
  const key = error.option.replace(/^wait\./, "");
  return new InvalidOptionsError({
    option: optionPath(path, key),
    expected: error.expected,
    value: options[key],
    ...(error.didYouMean === undefined
      ? {}
      : { didYouMean: optionPath(path, error.didYouMean.replace(/^wait\./, "")) }),
  });
}
