/**
 * Safe label attribute names: derived from label names, unique on a line, and never confused with
 * `source-ref`, a `-metadata` key, or a key ListDatasetEntries adds.
 *
 * @module
 */
import { METADATA_SUFFIX, RESERVED_KEYS } from "../attribute-keys.js";

/** Longest derived name before a uniqueness suffix; keeps lines short and names readable. */
const MAX_SLUG_LENGTH = 64;
const NOT_SLUG = /[^a-z0-9]+/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const EDGE_DASHES = /^-+|-+$/g;

/**
 * Turns a label name into a readable attribute name: lowercase ASCII letters, digits and dashes
 * (`"Echo Dot"` -> `"echo-dot"`, `"Café"` -> `"cafe"`), or `"label"` when nothing is left.
 *
 * @param name - a label name.
 */
export function slugifyAttributeName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(NOT_SLUG, "-")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(EDGE_DASHES, "");
  return slug === "" ? "label" : slug;
}

/**
 * Why `name` cannot be a label attribute's key, or `undefined` when it can: it must be a non-empty
 * string, not end in `-metadata` (it would read as another attribute's metadata), and neither it nor its
 * metadata key may be reserved (`source-ref`, `cl-metadata`, `errors`, `cl-errors`, `warnings`).
 *
 * @param name - a proposed attribute name.
 */
export function attributeNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "must be a non-empty string";
  if (name.endsWith(METADATA_SUFFIX)) return `must not end in "${METADATA_SUFFIX}"`;
  if (RESERVED_KEYS.has(name) || RESERVED_KEYS.has(name + METADATA_SUFFIX)) {
    return "is reserved (source-ref, cl-metadata, errors, cl-errors, warnings)";
  }
  return undefined;
}

/**
 * Hands out attribute names for one line, each unique and clashing with no key already on the line nor
 * with any key's metadata key.
 */
export class AttributeNamer {
  readonly #taken = new Set<string>();

  /** @param keys - keys already on the line. */
  constructor(keys: Iterable<string> = []) {
    for (const key of keys) this.take(key);
  }

  /** Marks a key (and the attribute it would be the metadata of, or the metadata it would have) as used. */
  take(key: string): void {
    this.#taken.add(key);
    this.#taken.add(key + METADATA_SUFFIX);
    if (key.endsWith(METADATA_SUFFIX)) this.#taken.add(key.slice(0, -METADATA_SUFFIX.length));
  }

  /** Tells whether `name` can still be used as an attribute on this line. */
  isFree(name: string): boolean {
    return (
      attributeNameProblem(name) === undefined &&
      !this.#taken.has(name) &&
      !this.#taken.has(name + METADATA_SUFFIX)
    );
  }

  /**
   * A free name derived from `base` (slugified), with `-2`, `-3`... added when needed; it is marked used.
   *
   * @param base - a label name or a preferred attribute name.
   */
  next(base: string): string {
    let stem = slugifyAttributeName(base);
    if (attributeNameProblem(stem) !== undefined) stem = `${stem}-label`;
    let name = stem;
    for (let n = 2; !this.isFree(name); n++) name = `${stem}-${n}`;
    this.take(name);
    return name;
  }
}
