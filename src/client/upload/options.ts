/**
 * An upload's options, checked and with their defaults filled in, in one place.
 *
 * @module
 */

import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../limits.js";
import { checkCallOptions, checkWaitOptions, everyKey } from "../call-options.js";
import type { WaitOptions } from "../types.js";
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

/** Every option an upload reads (the compiler keeps the list in step with {@link UploadOptions}). */
const UPLOAD_OPTION_KEYS = everyKey<UploadOptions>({
  onInvalidLine: true,
  maxRequestBytes: true,
  maxBusyResends: true,
  maxServiceErrorResends: true,
  wait: true,
  onProgress: true,
  abortSignal: true,
  checkpoint: true,
  reportFlaggedEntries: true,
  maxListedInvalidLines: true,
});

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
    throw new InvalidOptionsError({ option, expected: `an integer ${range}`, value });
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
  throw new InvalidOptionsError({
    option: "checkpoint",
    expected: "{ file: string } or an object with load() and save()",
    value,
  });
}

/**
 * Checks an upload's options and fills in the defaults. Explicit `undefined` counts as absent; `null`, an
 * unknown key (with the nearest known name) and a value the upload cannot use are refused.
 *
 * @param options - the caller's options.
 * @throws {@link InvalidOptionsError} naming the first option the upload cannot use, and its value.
 * @internal
 */
export function normalizeUploadOptions(options: UploadOptions = {}): NormalizedUploadOptions {
  // The object, its keys and its abort signal.
  checkCallOptions(options, UPLOAD_OPTION_KEYS);
  const onInvalidLine = options.onInvalidLine ?? "stop";
  if (onInvalidLine !== "stop" && onInvalidLine !== "skip") {
    throw new InvalidOptionsError({
      option: "onInvalidLine",
      expected: '"stop" or "skip"',
      value: onInvalidLine,
    });
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InvalidOptionsError({
      option: "onProgress",
      expected: "a function",
      value: options.onProgress,
    });
  }
  if (options.reportFlaggedEntries !== undefined && typeof options.reportFlaggedEntries !== "boolean") {
    throw new InvalidOptionsError({
      option: "reportFlaggedEntries",
      expected: "true or false",
      value: options.reportFlaggedEntries,
    });
  }
  checkWaitOptions(options.wait, "wait");
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
    wait: options.wait ?? {},
    onProgress: options.onProgress,
    abortSignal: options.abortSignal,
    checkpoint: checkpointOption(options.checkpoint),
    reportFlaggedEntries: options.reportFlaggedEntries ?? false,
  };
}

/**
 * Checks, before anything is sent, that a checkpoint file can be written where it is asked for: its folder
 * must exist (the file itself need not). Otherwise the first save, after the first request was applied,
 * would be where the upload learns it, too late to have sent nothing. A store of the caller's own is not
 * checked here: it answers for itself.
 *
 * @param checkpoint - the normalized `checkpoint` option.
 * @throws {@link InvalidOptionsError} naming `checkpoint.file` when its folder does not exist or is a file.
 * @internal
 */
export async function checkCheckpointFolder(checkpoint: CheckpointOption | undefined): Promise<void> {
  if (checkpoint === undefined || !("file" in checkpoint)) return;
  const folder = dirname(resolve(checkpoint.file));
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new InvalidOptionsError({
      option: "checkpoint.file",
      expected: `a path in an existing folder (${folder} is not one)`,
      value: checkpoint.file,
    });
  }
}
