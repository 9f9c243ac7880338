/**
 * An upload's options, checked and with their defaults filled in, in one place.
 *
 * @module
 */

import { InvalidUploadOptionsError } from "../../errors/invalid-upload-options-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../limits.js";
import type { WaitOptions } from "../types.js";
import { resolveWaitOptions } from "../waiter.js";
import type { CheckpointOption, InvalidLinePolicy, UploadOptions, UploadProgressEvent } from "./types.js";

/** Resends of one request after ResourceInUseException: enough to ride out a few overlapping writers. */
export const DEFAULT_MAX_BUSY_RESENDS = 5;

/** Resends of one request after `UPDATE_FAILED` with `SERVICE_ERROR` (the service's fault, worth retrying). */
export const DEFAULT_MAX_SERVICE_ERROR_RESENDS = 3;

/** Invalid lines listed one by one in an `InvalidLinesError`; all are counted. */
export const DEFAULT_MAX_LISTED_INVALID_LINES = 100;

/**
 * Smallest ceiling that still lets a one-byte line through (a body must stay strictly under the ceiling).
 */
const MIN_REQUEST_BYTES = 2;

/** {@link UploadOptions} with every default applied. @internal */
export interface NormalizedUploadOptions {
  readonly onInvalidLine: InvalidLinePolicy;
  readonly maxRequestBytes: number;
  readonly maxBusyResends: number;
  readonly maxServiceErrorResends: number;
  readonly maxListedInvalidLines: number;
  readonly wait: Omit<WaitOptions, "abortSignal">;
  readonly onProgress: ((event: UploadProgressEvent) => void) | undefined;
  readonly abortSignal: AbortSignal | undefined;
  readonly checkpoint: CheckpointOption | undefined;
  readonly reportFlaggedEntries: boolean;
}

function count(option: string, value: number | undefined, fallback: number, min = 0, max = Infinity): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
    throw new InvalidUploadOptionsError({ option, expected: `an integer ${range}`, value });
  }
  return value;
}

function checkpointOption(value: unknown): CheckpointOption | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "object" && value !== null) {
    const candidate = value as { file?: unknown; load?: unknown; save?: unknown };
    if (typeof candidate.file === "string" && candidate.file !== "") return value as CheckpointOption;
    if (typeof candidate.load === "function" && typeof candidate.save === "function") {
      return value as CheckpointOption;
    }
  }
  throw new InvalidUploadOptionsError({
    option: "checkpoint",
    expected: "{ file: string } or an object with load() and save()",
    value,
  });
}

/** Checks the wait options now, before anything is sent, rather than at the first wait after a send. */
function checkedWaitOptions(wait: Omit<WaitOptions, "abortSignal">): Omit<WaitOptions, "abortSignal"> {
  try {
    resolveWaitOptions(wait);
  } catch (error) {
    throw new InvalidUploadOptionsError({
      option: "wait",
      expected: `valid wait timings (${error instanceof Error ? error.message : String(error)})`,
      value: wait,
    });
  }
  return wait;
}

/**
 * Checks an upload's options and fills in the defaults. Explicit `undefined` counts as absent.
 *
 * @param options - the caller's options.
 * @throws {@link InvalidUploadOptionsError} naming the first option with a value the upload cannot use.
 * @internal
 */
export function normalizeUploadOptions(options: UploadOptions): NormalizedUploadOptions {
  const onInvalidLine = options.onInvalidLine ?? "stop";
  if (onInvalidLine !== "stop" && onInvalidLine !== "skip") {
    throw new InvalidUploadOptionsError({
      option: "onInvalidLine",
      expected: '"stop" or "skip"',
      value: onInvalidLine,
    });
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InvalidUploadOptionsError({
      option: "onProgress",
      expected: "a function",
      value: options.onProgress,
    });
  }
  if (options.abortSignal !== undefined && !(options.abortSignal instanceof AbortSignal)) {
    throw new InvalidUploadOptionsError({
      option: "abortSignal",
      expected: "an AbortSignal",
      value: "(not one)",
    });
  }
  return {
    onInvalidLine,
    maxRequestBytes: count(
      "maxRequestBytes",
      options.maxRequestBytes,
      MAX_GROUND_TRUTH_BYTES,
      MIN_REQUEST_BYTES,
      MAX_GROUND_TRUTH_BYTES,
    ),
    maxBusyResends: count("maxBusyResends", options.maxBusyResends, DEFAULT_MAX_BUSY_RESENDS),
    maxServiceErrorResends: count(
      "maxServiceErrorResends",
      options.maxServiceErrorResends,
      DEFAULT_MAX_SERVICE_ERROR_RESENDS,
    ),
    maxListedInvalidLines: count(
      "maxListedInvalidLines",
      options.maxListedInvalidLines,
      DEFAULT_MAX_LISTED_INVALID_LINES,
    ),
    wait: checkedWaitOptions(options.wait ?? {}),
    onProgress: options.onProgress,
    abortSignal: options.abortSignal,
    checkpoint: checkpointOption(options.checkpoint),
    reportFlaggedEntries: options.reportFlaggedEntries ?? false,
  };
}
