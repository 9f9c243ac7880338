/**
 * The `--max-wait <seconds>` flag that `describe --wait` and `probe` share.
 *
 * @module
 */
import { UsageError } from "../usage-error.js";

/** The flag's value in seconds, `undefined` when absent; a usage error (exit 2) for anything else. */
export function maxWaitOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--max-wait must be a number of seconds above 0, got "${String(value)}".`);
  }
  return seconds;
}
