/**
 * What two lines with the same `source-ref` are compared on, and the short digest a diff keeps per entry.
 *
 * "Meaning" is what a model trained on the dataset learns from (Amazon Rekognition Custom Labels Developer
 * Guide, "Importing image-level labels in manifest files" and "Object localization in manifest files"): the
 * image-level label names (`class-name` of each image-classification attribute) and each box resolved
 * through its own line's `class-map`, with the image size. Producers differ in everything else: key order,
 * `creation-date`, `job-name`, confidences, attribute names and class-id numbering (the same label can
 * carry another id on another line). S3 keys are compared byte for byte, never normalised.
 *
 * @module
 */
import { hash } from "node:crypto";
import { METADATA_SUFFIX } from "../manifest/attribute-keys.js";
import type { ManifestLine } from "../manifest/types.js";
import { IMAGE_CLASSIFICATION_TYPE, OBJECT_DETECTION_TYPE } from "../manifest/types.js";
import type { CompareMode } from "./types.js";

/**
 * Keys the service adds to an entry that ListDatasetEntries returns: `cl-metadata` on the line, and problem
 * lists (`errors`, `cl-errors`, `warnings`) at any level (Amazon Rekognition API Reference,
 * "ListDatasetEntries"; the developer guide's example shows `cl-errors`).
 */
export const SERVICE_ADDED_KEYS: ReadonlySet<string> = new Set([
  "cl-metadata",
  "errors",
  "cl-errors",
  "warnings",
]);

/** Problem lists that mark an entry as flagged (warnings do not). */
const ERROR_LIST_KEYS: ReadonlySet<string> = new Set(["errors", "cl-errors"]);

/** One box as the model sees it. */
export interface MeaningBox {
  /** The label, through the line's class map; `null` when the class map has no such id. */
  readonly label: string | null;
  /** Pixels from the left edge. */
  readonly left: unknown;
  /** Pixels from the top edge. */
  readonly top: unknown;
  /** Width in pixels. */
  readonly width: unknown;
  /** Height in pixels. */
  readonly height: unknown;
}

/** What a line teaches a model: the comparable content of {@link CompareMode} `"meaning"`. */
export interface EntryMeaning {
  /** Image-level label names, sorted, each once. */
  readonly labels: readonly string[];
  /** Image sizes of the box attributes as `"<width>x<height>"`, sorted, each once. */
  readonly imageSizes: readonly string[];
  /** Every box of every box attribute, sorted (the order of boxes teaches nothing). */
  readonly boxes: readonly MeaningBox[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sorts by code units, the same on every machine (no locale). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A line's meaning as comparable texts: each label, size and box once as JSON text, before sorting. */
interface MeaningTexts {
  readonly labels: string[];
  readonly sizes: string[];
  /** Each box as the JSON text of `[label, left, top, width, height]`. */
  readonly boxes: string[];
}

/**
 * Gathers a line's meaning as JSON texts, sorted: the comparable form, built without an object per box
 * (a diff does this for every line of both sides).
 */
function meaningTexts(line: ManifestLine): MeaningTexts {
  const labels: string[] = [];
  const sizes: string[] = [];
  const boxes: string[] = [];
  for (const key of Object.keys(line)) {
    if (!key.endsWith(METADATA_SUFFIX)) continue;
    const metadata = line[key];
    if (!isObject(metadata)) continue;
    const type = metadata.type;
    const className = metadata["class-name"];
    if (typeof className === "string" && type !== OBJECT_DETECTION_TYPE) {
      if (type === undefined || type === IMAGE_CLASSIFICATION_TYPE) labels.push(JSON.stringify(className));
      continue;
    }
    const value = line[key.slice(0, -METADATA_SUFFIX.length)];
    const classMap = metadata["class-map"];
    if (!isObject(value) || !isObject(classMap) || !Array.isArray(value.annotations)) continue;
    const size = Array.isArray(value.image_size) ? value.image_size[0] : undefined;
    if (isObject(size))
      sizes.push(`[${JSON.stringify(size.width) ?? "null"},${JSON.stringify(size.height) ?? "null"}]`);
    for (const annotation of value.annotations as unknown[]) {
      if (!isObject(annotation)) continue;
      const name = classMap[String(annotation.class_id)];
      boxes.push(
        JSON.stringify([
          typeof name === "string" ? name : null,
          annotation.left ?? null,
          annotation.top ?? null,
          annotation.width ?? null,
          annotation.height ?? null,
        ]),
      );
    }
  }
  return { labels: uniqueSorted(labels), sizes: uniqueSorted(sizes), boxes: boxes.sort(byCodeUnits) };
}

function uniqueSorted(texts: string[]): string[] {
  if (texts.length < 2) return texts;
  return [...new Set(texts)].sort(byCodeUnits);
}

/** The text a line's meaning is digested from: equal meanings give equal texts. */
function meaningText(line: ManifestLine): string {
  const { labels, sizes, boxes } = meaningTexts(line);
  return `[[${labels.join(",")}],[${sizes.join(",")}],[${boxes.join(",")}]]`;
}

/**
 * The meaning of a line: its image-level labels, image sizes and boxes, whatever the attributes are called.
 * An attribute counts as image-level when its metadata has a `class-name` (and is not an object-detection
 * attribute), and as boxes when its value has `annotations` and its metadata a `class-map`.
 *
 * @param line - a parsed manifest line or dataset entry.
 * @returns the labels, sizes and boxes, each sorted so that equal meanings are deeply equal.
 * @example
 * ```ts
 * const meaning = entryMeaning(JSON.parse(text));
 * console.log(meaning.labels, meaning.boxes.length);
 * ```
 */
export function entryMeaning(line: ManifestLine): EntryMeaning {
  const { labels, sizes, boxes } = meaningTexts(line);
  return {
    labels: labels.map((label) => JSON.parse(label) as string),
    imageSizes: sizes.map((size) => {
      const [width, height] = JSON.parse(size) as [unknown, unknown];
      return `${JSON.stringify(width) ?? "null"}x${JSON.stringify(height) ?? "null"}`;
    }),
    boxes: boxes.map((box) => {
      const [label, left, top, width, height] = JSON.parse(box) as [string | null, ...unknown[]];
      return { label, left, top, width, height };
    }),
  };
}

/**
 * JSON text of a value with every object's keys sorted and service-added keys left out, so that two
 * values equal but for key order and service keys give the same text.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (!isObject(value)) return JSON.stringify(value) ?? "null";
  const keys = Object.keys(value)
    .filter((key) => !SERVICE_ADDED_KEYS.has(key) && value[key] !== undefined)
    .sort(byCodeUnits);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
}

/**
 * The whole line as canonical JSON text: keys sorted at every level, service-added keys (`cl-metadata`,
 * and `errors`, `cl-errors`, `warnings` at any level) left out. Two lines are the same in `"exact"` mode
 * when these texts are equal.
 *
 * @param line - a parsed manifest line or dataset entry.
 * @example
 * ```ts
 * canonicalLine({ b: 1, "source-ref": "s3://b/k.jpg", "cl-metadata": { is_labeled: false } });
 * // '{"b":1,"source-ref":"s3://b/k.jpg"}'
 * ```
 */
export function canonicalLine(line: ManifestLine): string {
  return canonicalJson(line);
}

/**
 * The digest a diff keeps for one entry: the SHA-256 of the line's meaning (or of its canonical JSON in
 * `"exact"` mode), as a 32-character string of one-byte characters. A diff holds one per `source-ref`, so
 * its memory grows with the entry count, not with the size of the lines.
 *
 * @param line - a parsed manifest line or dataset entry.
 * @param mode - what is compared.
 * @example
 * ```ts
 * const same = compareKey(manifestLine, "meaning") === compareKey(datasetLine, "meaning");
 * ```
 */
export function compareKey(line: ManifestLine, mode: CompareMode = "meaning"): string {
  const text = mode === "exact" ? canonicalLine(line) : meaningText(line);
  // "binary" (latin1): one byte per character, so V8 stores the 32 bytes as a 32-character one-byte string, made
  // straight from the digest (no Buffer per line, whose backing stores would pile up until a GC).
  return hash("sha256", text, "binary");
}

/**
 * Whether an entry carries an `errors` or `cl-errors` list at any level: the service flagged it.
 *
 * @param value - a parsed dataset entry.
 * @example
 * ```ts
 * if (hasErrorLists(entry.line)) console.log("flagged:", entry.line["source-ref"]);
 * ```
 */
export function hasErrorLists(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasErrorLists);
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (ERROR_LIST_KEYS.has(key) && !(Array.isArray(child) && child.length === 0)) return true;
    if (hasErrorLists(child)) return true;
  }
  return false;
}
