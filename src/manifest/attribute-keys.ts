/**
 * How a line's keys pair up: a label attribute `K` and its metadata `K-metadata`, and the keys that are
 * never label attributes. Shared by the validator, the label reader and the builders.
 *
 * @module
 */

/** Suffix of a label attribute's metadata key. @internal */
export const METADATA_SUFFIX = "-metadata";

/**
 * Keys that are never label attributes: the image's identity and what ListDatasetEntries adds to a line
 * (`cl-metadata`, and problems under `errors`, `cl-errors` or `warnings`: see the Custom Labels guide,
 * "Understanding training and testing validation result manifests").
 *
 * @internal
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  "source-ref",
  "source-ref-metadata",
  "cl-metadata",
  "errors",
  "cl-errors",
  "warnings",
]);

/**
 * `K` -> `K-metadata` and `K-metadata` -> `K`, remembered: attribute names repeat on every line, and a
 * remembered key is already hashed, where a freshly built one must be hashed on every lookup. Bounded, so
 * a stream of unique keys cannot grow it without limit.
 */
const partnerKeys = new Map<string, string>();
const MAX_PARTNER_KEYS = 4096;

/**
 * The metadata key of attribute key `key`, or the attribute key of metadata key `key`.
 *
 * @internal
 */
export function partnerKey(key: string): string {
  let partner = partnerKeys.get(key);
  if (partner === undefined) {
    partner = key.endsWith(METADATA_SUFFIX) ? key.slice(0, -METADATA_SUFFIX.length) : key + METADATA_SUFFIX;
    if (partnerKeys.size >= MAX_PARTNER_KEYS) partnerKeys.clear();
    partnerKeys.set(key, partner);
  }
  return partner;
}
