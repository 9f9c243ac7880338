/**
 * The running fingerprint of an upload's input, for checkpoints.
 *
 * @module
 * @internal
 */
import { createHash, type Hash } from "node:crypto";

/**
 * The running SHA-256 of the input lines consumed so far: each line's text followed by `"\n"` (so that
 * `["ab", "c"]` and `["a", "bc"]` differ). A checkpoint stores it so that a resume can tell whether the
 * input's first lines are the ones that were applied, without keeping the lines.
 */
export class PrefixFingerprint {
  #hash: Hash = createHash("sha256");
  #lines = 0;

  /** Lines hashed so far. */
  get lines(): number {
    return this.#lines;
  }

  /**
   * Adds the next line's text.
   *
   * @param text - the line as it was read (or serialized, for typed lines), without its line ending.
   */
  update(text: string): void {
    this.#hash.update(text, "utf8");
    this.#hash.update("\n", "utf8");
    this.#lines++;
  }

  /** An independent fingerprint of the same lines, to hash ahead without touching this one. */
  copy(): PrefixFingerprint {
    const copy = new PrefixFingerprint();
    copy.#hash = this.#hash.copy();
    copy.#lines = this.#lines;
    return copy;
  }

  /** The hex digest of the lines so far; hashing can go on afterwards. */
  digest(): string {
    return this.#hash.copy().digest("hex");
  }
}
