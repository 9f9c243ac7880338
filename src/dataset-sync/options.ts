/**
 * The checks of the options pull, diff and sync share: each fails at the call, before anything is read or
 * sent, with an `InvalidOptionsError` naming the option.
 *
 * @module
 * @internal
 */
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import type { CompareMode } from "./types.js";

/** `mode`, defaulting to `"meaning"`. @internal */
export function resolveMode(mode: unknown): CompareMode {
  if (mode === undefined) return "meaning";
  if (mode === "meaning" || mode === "exact") return mode;
  throw new InvalidOptionsError({ option: "mode", expected: '"meaning" or "exact"', value: mode });
}

/** `abortSignal`: absent or an AbortSignal. @internal */
export function checkAbortSignal(signal: unknown): asserts signal is AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidOptionsError({
      option: "abortSignal",
      expected: "an AbortSignal",
      value: typeof signal,
    });
  }
}
