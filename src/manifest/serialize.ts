/**
 * Serialization of manifest lines, and the UTF-8 byte counting the request packer relies on.
 *
 * @module
 */
import type { ManifestLine } from "./types.js";

/**
 * Serializes a line as one compact JSON line (no trailing newline). Deterministic: keys come out in the
 * object's own order, so builders (which fix their key order) always give the same text, and a parsed line
 * serializes back to exactly its input when that input was compact JSON as `JSON.stringify` writes it.
 * Two things JSON itself does not preserve through a parse are rewritten: integer-like keys (e.g. in a
 * `class-map`) come out in ascending order, and number spellings (`1.0`, `1e2`) and escapes (`\u00e9`) in
 * their shortest form.
 *
 * @param line - the line to serialize.
 * @throws TypeError when the line holds a value JSON cannot represent (a BigInt, a cycle).
 */
export function toJsonLine(line: ManifestLine): string {
  return JSON.stringify(line);
}

/**
 * Node's native counter, when the runtime has one. Read from the global object, not imported, so that the
 * manifest model runs unchanged in a browser or an edge runtime, where the loop below counts instead.
 */
const nativeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: "utf8"): number } })
  .Buffer;

/**
 * The number of bytes `text` takes in UTF-8, without encoding it. Exact for every string: a surrogate pair
 * counts 4 bytes, and a lone surrogate 3 (it is encoded as U+FFFD, as `TextEncoder` and `Buffer` do).
 * Where Node's `Buffer` exists it counts (faster at every length: see docs/BENCHMARKS.md); elsewhere a
 * loop over the string's code units does.
 *
 * @param text - any string.
 */
export function utf8ByteLength(text: string): number {
  return nativeBuffer === undefined ? countUtf8Bytes(text) : nativeBuffer.byteLength(text, "utf8");
}

/**
 * {@link utf8ByteLength} without `Buffer` or `TextEncoder`: what runs in a browser or an edge runtime.
 *
 * @param text - any string.
 * @internal
 */
export function countUtf8Bytes(text: string): number {
  const length = text.length;
  let bytes = length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A pair is 2 code units and 4 bytes.
        bytes += 2;
        i++;
      } else {
        bytes += 2;
      }
    } else {
      bytes += 2;
    }
  }
  return bytes;
}
