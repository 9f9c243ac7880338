/**
 * Resuming an upload: the lines a checkpoint says are done are read again, hashed and dropped, and the rest
 * go on, but only if those lines are the very ones that were done. A request the checkpoint recorded as
 * pending and the dataset showed applied is dropped the same way, when the input still holds its lines.
 *
 * @module
 */
import type { PrefixFingerprint } from "./fingerprint.js";

/**
 * What {@link resumeAfter} needs of an input line: a record, or a raw line of a text input (whose text is
 * missing when it was too long to keep: it is hashed as `""`, as its record's text is).
 *
 * @internal
 */
export interface ResumableLine {
  /** Its input line number. */
  readonly lineNumber: number;
  /** Its text, as hashed into the prefix fingerprint. */
  readonly text: string | undefined;
}

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

/** A point in the input: the first `inputLinesDone` lines, and their fingerprint. @internal */
export interface InputPoint {
  /** How many input lines lie before the point. */
  readonly inputLinesDone: number;
  /** The fingerprint of those lines. */
  readonly fingerprint: string;
}

/** What {@link resumeAfter} tells as it reads. @internal */
export interface ResumeListener {
  /**
   * The input was found to match through `point` (the checkpoint's, then the pending request's), whose last
   * line has line number `lastLineDone` in this input.
   */
  passed(point: "checkpoint" | "pending", lastLineDone: number): void;
  /** The input's lines through the pending request differ from those it carried, or end before them. */
  pendingDiffers(): void;
}

/**
 * Drops the first `done.inputLinesDone` records, hashing their texts into `fingerprint`, and yields the rest.
 * Fails with {@link ResumeMismatch} before yielding anything when the dropped lines' fingerprint differs
 * from the checkpoint's, or when the input ends before them.
 *
 * With `pending` (a request the dataset showed applied), the lines after `done` are held back until
 * `pending.inputLinesDone` lines are read: when their fingerprint is the pending request's, they are dropped
 * too; otherwise (the input changed there, or ends before) they are yielded after all, to be sent again.
 * At most one request's lines are held.
 *
 * @param records - the input lines, from the first.
 * @param done - the checkpoint's position.
 * @param fingerprint - a fresh fingerprint; it holds the dropped lines afterwards, so hashing can go on.
 * @param listener - told where the input was found to match.
 * @param pending - the position after a pending request that counts as applied, if any.
 * @internal
 */
export async function* resumeAfter<Line extends ResumableLine>(
  records: AsyncIterable<Line>,
  done: InputPoint,
  fingerprint: PrefixFingerprint,
  listener: ResumeListener,
  pending?: InputPoint,
): AsyncGenerator<Line, void, undefined> {
  let checked = done.inputLinesDone === 0;
  if (checked && fingerprint.digest() !== done.fingerprint) throw new ResumeMismatch("fingerprint");
  // Lines after `done`, held while the pending request's lines are being checked.
  let held: Line[] | undefined = pending === undefined ? undefined : [];
  let heldFingerprint = held === undefined ? undefined : fingerprint.copy();
  if (checked) listener.passed("checkpoint", 0);
  const release = function* (): Generator<Line> {
    listener.pendingDiffers();
    const lines = held ?? [];
    held = undefined;
    heldFingerprint = undefined;
    yield* lines;
  };
  for await (const record of records) {
    if (!checked) {
      fingerprint.update(record.text ?? "");
      if (fingerprint.lines === done.inputLinesDone) {
        if (fingerprint.digest() !== done.fingerprint) throw new ResumeMismatch("fingerprint");
        checked = true;
        heldFingerprint = held === undefined ? undefined : fingerprint.copy();
        listener.passed("checkpoint", record.lineNumber);
      }
      continue;
    }
    if (held === undefined || heldFingerprint === undefined || pending === undefined) {
      yield record;
      continue;
    }
    held.push(record);
    heldFingerprint.update(record.text ?? "");
    if (heldFingerprint.lines < pending.inputLinesDone) continue;
    if (heldFingerprint.digest() === pending.fingerprint) {
      for (const line of held) fingerprint.update(line.text ?? "");
      held = undefined;
      heldFingerprint = undefined;
      listener.passed("pending", record.lineNumber);
    } else {
      yield* release();
    }
  }
  if (!checked) throw new ResumeMismatch("input-too-short");
  if (held !== undefined) yield* release();
}
