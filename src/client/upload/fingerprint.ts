/**
 * The running fingerprint of an upload's input, for checkpoints.
 *
 * @module
 * @internal
 */
import { createHash, type Hash } from "node:crypto";

/**
 * Bytes gathered before they are hashed. Hashing line by line costs two native calls per line (the text,
 * then its `"\n"`), which on a manifest of short lines weighs more than the hashing itself; the lines are
 * written into this buffer instead and hashed together. The digest is the same: SHA-256 reads a stream.
 */
const STAGING_BYTES = 64 * 1024;

/**
 * The running SHA-256 of the input lines consumed so far: each line's text followed by `"\n"` (so that
 * `["ab", "c"]` and `["a", "bc"]` differ). A checkpoint stores it so that a resume can tell whether the
 * input's first lines are the ones that were applied, without keeping the lines.
 */
export class PrefixFingerprint {
  #hash: Hash = createHash("sha256");
  #lines = 0;
  #staging: Buffer | undefined;
  #staged = 0;

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
    this.#lines++;
    // One UTF-16 unit takes at most 3 UTF-8 bytes: a line that may not fit in what is left is not split.
    const most = text.length * 3 + 1;
    if (this.#staged + most > STAGING_BYTES) {
      this.#flush();
      if (most > STAGING_BYTES) {
        this.#hash.update(text, "utf8");
        this.#hash.update("\n", "utf8");
        return;
      }
    }
    const staging = (this.#staging ??= Buffer.allocUnsafe(STAGING_BYTES));
    this.#staged += staging.write(text, this.#staged, "utf8");
    staging[this.#staged++] = 0x0a;
  }

  /** An independent fingerprint of the same lines, to hash ahead without touching this one. */
  copy(): PrefixFingerprint {
    this.#flush();
    const copy = new PrefixFingerprint();
    copy.#hash = this.#hash.copy();
    copy.#lines = this.#lines;
    return copy;
  }

  /** The hex digest of the lines so far; hashing can go on afterwards. */
  digest(): string {
    this.#flush();
    return this.#hash.copy().digest("hex");
  }

  #flush(): void {
    if (this.#staged === 0) return;
    this.#hash.update(this.#staging!.subarray(0, this.#staged));
    this.#staged = 0;
  }
}
