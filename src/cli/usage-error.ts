/**
 * A mistake in how the CLI was called that the argument parser cannot see (flags that cannot go together,
 * a value of the wrong shape). Exit code 2.
 *
 * @module
 */

/** A usage mistake, with an optional hint saying what to do instead. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** What to do instead, when there is something to say. */
  readonly hint: string | undefined;

  /**
   * @param message - what is wrong, naming the flag or argument.
   * @param hint - what to do instead.
   */
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
