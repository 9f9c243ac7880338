/**
 * The checks every options object of this package goes through at the call, before anything is read or
 * sent: it must be an object (or absent), and every key must be one the call knows. JavaScript callers get
 * no compiler to catch `signal` for `abortSignal`, so an unknown key is refused with the nearest known name.
 * Each call still checks its own values; this module only gives them one shape of error.
 *
 * @module
 * @internal
 */
import { InvalidOptionsError } from "../errors/invalid-options-error.js";

/** `"retry"` + `"minDelayMs"` -> `"retry.minDelayMs"`; a top-level option has no prefix. @internal */
export function optionPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

/** Edit distance between two short names (options have a handful of short names: no need for more). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The first word of a camelCase name, lower-cased: `"abort"` for `abortController`. */
function firstWord(name: string): string {
  return (/^[a-z]+|^[A-Z][a-z]*/.exec(name)?.[0] ?? name).toLowerCase();
}

/**
 * The known name nearest to `name`, when one is near enough to be a likely slip: a known name that contains
 * it or is contained in it (`signal` for `abortSignal`), one with the same first word (`abortController`
 * for `abortSignal`), or one within a third of its length in edits.
 *
 * @internal
 */
export function nearestOptionName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const word = firstWord(name);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    const sameFirstWord = word.length >= 4 && word !== lower && firstWord(candidate) === word;
    const distance =
      other.includes(lower) || lower.includes(other) ? 0.5 : sameFirstWord ? 1.5 : editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Refuses a value that is not an options object: `null`, a string, a number, an array. `undefined` is
 * absent and passes.
 *
 * @param value - what the caller passed.
 * @param path - the option's path (`""` for a call's own options object, which is then named `options`).
 * @throws InvalidOptionsError naming the path and the value.
 * @internal
 */
export function assertOptionsObject(
  value: unknown,
  path: string,
): asserts value is Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidOptionsError({ option: path === "" ? "options" : path, expected: "an object", value });
  }
}

/**
 * Refuses a key the call does not know, with the nearest known name. Keys whose value is `undefined` are
 * checked too: a misspelt option set to `undefined` is still a misspelling.
 *
 * @param value - the options object (already checked with {@link assertOptionsObject}).
 * @param known - every key the call reads.
 * @param path - the object's own path (`""` at the top).
 * @throws InvalidOptionsError naming the unknown key's path.
 * @internal
 */
export function assertKnownKeys(
  value: Readonly<Record<string, unknown>> | undefined,
  known: readonly string[],
  path: string,
): void {
  if (value === undefined) return;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const didYouMean = nearestOptionName(key, known);
    throw new InvalidOptionsError({
      option: optionPath(path, key),
      expected: `one of the known options (${known.join(", ")})`,
      value: value[key],
      ...(didYouMean === undefined ? {} : { didYouMean: optionPath(path, didYouMean) }),
    });
  }
}

/**
 * Both checks at once, for the common case.
 *
 * @internal
 */
export function checkOptionsObject(
  value: unknown,
  known: readonly string[],
  path: string,
): asserts value is Readonly<Record<string, unknown>> | undefined {
  assertOptionsObject(value, path);
  assertKnownKeys(value, known, path);
}

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
