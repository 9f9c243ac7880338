/**
 * The diff's memory: one slot per `source-ref` with a 16-byte digest of the entry, kept outside the
 * JavaScript heap.
 *
 * A `Map<string, string>` of 250,000 source-refs and digests is only some 40 MB of live objects, but it
 * grows for the whole diff while every line read makes short-lived garbage, and V8 then lets the heap grow
 * to several times its live size before collecting: peaks of 250 MB were measured. Here the source-refs
 * (UTF-16 code units, so compared exactly, unpaired surrogates included) and digests sit in typed arrays
 * that grow by doubling, and an open-addressing hash table of entry indexes finds them: a few dozen bytes
 * per entry, none of it on the garbage-collected heap.
 *
 * @module
 * @internal
 */

/** Bytes of digest kept per entry (128 bits: a chance collision among millions of entries is negligible). */
export const DIGEST_BYTES = 16;

/** An entry's state: in the base and not (yet) seen in the manifest. @internal */
export const BASE_ONLY = 0;
/** An entry's state: in the base, and seen in the manifest. @internal */
export const MATCHED = 1;
/** An entry's state: seen in the manifest, not in the base. @internal */
export const MANIFEST_ONLY = 2;

/** An entry's state. @internal */
export type EntryState = typeof BASE_ONLY | typeof MATCHED | typeof MANIFEST_ONLY;

const EMPTY = -1;

function grown<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let length = Math.max(array.length, 16);
  while (length < needed) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Source-refs, each with a digest and a state, in insertion order. @internal
 */
export class SourceRefTable {
  #units = new Uint16Array(1 << 16);
  #unitsUsed = 0;
  #starts = new Uint32Array(1024);
  #lengths = new Uint32Array(1024);
  #hashes = new Uint32Array(1024);
  #digests = new Uint8Array(1024 * DIGEST_BYTES);
  #states = new Uint8Array(1024);
  #slots = new Int32Array(2048).fill(EMPTY);
  #size = 0;

  /** Entries held. */
  get size(): number {
    return this.#size;
  }

  /** The entry of `sourceRef`, or -1. */
  find(sourceRef: string): number {
    const hash = hashOf(sourceRef);
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === EMPTY) return -1;
      if (this.#hashes[entry] === hash && this.#equals(entry, sourceRef)) return entry;
    }
  }

  /** Adds `sourceRef` (not held yet) and returns its entry. */
  add(sourceRef: string, state: EntryState): number {
    const entry = this.#size++;
    const needed = entry + 1;
    this.#starts = grown(this.#starts, needed);
    this.#lengths = grown(this.#lengths, needed);
    this.#hashes = grown(this.#hashes, needed);
    this.#states = grown(this.#states, needed);
    this.#digests = grown(this.#digests, needed * DIGEST_BYTES);
    this.#units = grown(this.#units, this.#unitsUsed + sourceRef.length);
    for (let i = 0; i < sourceRef.length; i++) this.#units[this.#unitsUsed + i] = sourceRef.charCodeAt(i);
    this.#starts[entry] = this.#unitsUsed;
    this.#lengths[entry] = sourceRef.length;
    this.#unitsUsed += sourceRef.length;
    const hash = hashOf(sourceRef);
    this.#hashes[entry] = hash;
    this.#states[entry] = state;
    // Kept at most half full, so that probe runs stay short.
    if (this.#size * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(entry, hash);
    return entry;
  }

  /** Stores the first {@link DIGEST_BYTES} characters of `digest` (one-byte characters) for `entry`. */
  setDigest(entry: number, digest: string): void {
    const offset = entry * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i++) this.#digests[offset + i] = digest.charCodeAt(i);
  }

  /** Whether `entry`'s digest is the first {@link DIGEST_BYTES} characters of `digest`. */
  sameDigest(entry: number, digest: string): boolean {
    const offset = entry * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i++)
      if (this.#digests[offset + i] !== digest.charCodeAt(i)) return false;
    return true;
  }

  /** The state of `entry`. */
  state(entry: number): EntryState {
    return this.#states[entry] as EntryState;
  }

  /** Sets the state of `entry`. */
  setState(entry: number, state: EntryState): void {
    this.#states[entry] = state;
  }

  /** The source-ref of `entry`, as a string again. */
  sourceRef(entry: number): string {
    const start = this.#starts[entry]!;
    const length = this.#lengths[entry]!;
    let text = "";
    // In slices: String.fromCharCode takes its units as arguments, and arguments are limited.
    for (let from = start; from < start + length; from += 8192) {
      text += String.fromCharCode(...this.#units.subarray(from, Math.min(start + length, from + 8192)));
    }
    return text;
  }

  #equals(entry: number, sourceRef: string): boolean {
    if (this.#lengths[entry] !== sourceRef.length) return false;
    const start = this.#starts[entry]!;
    for (let i = 0; i < sourceRef.length; i++)
      if (this.#units[start + i] !== sourceRef.charCodeAt(i)) return false;
    return true;
  }

  #place(entry: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.#slots[slot] = entry;
  }

  #rehash(capacity: number): void {
    this.#slots = new Int32Array(capacity).fill(EMPTY);
    for (let entry = 0; entry < this.#size; entry++) this.#place(entry, this.#hashes[entry]!);
  }
}
