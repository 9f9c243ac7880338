/**
 * Resuming an upload: the lines a checkpoint says are applied are read again, hashed and dropped, and the
 * rest go on, but only if those lines are the very ones that were applied.
 *
 * @module
 */
import type { PrefixFingerprint } from "./fingerprint.js";
import type { UploadRecord } from "./source.js";
import type { Checkpoint } from "./types.js";

/**
 * Thrown inside the pipeline when the input does not match the checkpoint; the upload turns it into a
 * `CheckpointMismatchError` carrying its result.
 *
 * @internal
 */
export class ResumeMismatch extends Error {
  /** Why the input does not match. */
  readonly reason: "fingerprint" | "input-too-short";

  /** @param reason - why the input does not match. */
  constructor(reason: "fingerprint" | "input-too-short") {
    super(`The input does not match the checkpoint (${reason}).`);
    this.reason = reason;
  }
}

/**
 * Drops the first `checkpoint.appliedLines` records, hashing their texts into `fingerprint`, and yields
 * the rest. Fails with {@link ResumeMismatch} before yielding anything when the dropped lines' fingerprint
 * differs from the checkpoint's, or when the input ends before them.
 *
 * @param records - the input lines, from the first.
 * @param checkpoint - the checkpoint resumed from.
 * @param fingerprint - a fresh fingerprint; it holds the dropped lines afterwards, so hashing can go on.
 */
export async function* resumeAfter(
  records: AsyncIterable<UploadRecord>,
  checkpoint: Pick<Checkpoint, "appliedLines" | "fingerprint">,
  fingerprint: PrefixFingerprint,
): AsyncGenerator<UploadRecord, void, undefined> {
  let checked = checkpoint.appliedLines === 0;
  if (checked && fingerprint.digest() !== checkpoint.fingerprint) throw new ResumeMismatch("fingerprint");
  for await (const record of records) {
    if (checked) {
      yield record;
      continue;
    }
    fingerprint.update(record.text);
    if (fingerprint.lines === checkpoint.appliedLines) {
      if (fingerprint.digest() !== checkpoint.fingerprint) throw new ResumeMismatch("fingerprint");
      checked = true;
    }
  }
  if (!checked) throw new ResumeMismatch("input-too-short");
}
