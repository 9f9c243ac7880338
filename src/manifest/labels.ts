/**
 * The labels one line carries, read defensively: the validator counts them on lines it has not checked
 * yet, the dataset checker collects them across a manifest, and the emulator counts them on entries it
 * stores with their problems. One reading, so the three never disagree.
 *
 * @module
 */
import { MAX_LABEL_NAME_LENGTH, MIN_LABEL_NAME_LENGTH } from "../limits.js";
import { METADATA_SUFFIX } from "./attribute-keys.js";
import { IMAGE_CLASSIFICATION_TYPE, OBJECT_DETECTION_TYPE } from "./types.js";

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What {@link lineLabels} finds on one line. @internal */
export interface LineLabels {
  /** Each label, with how many bounding boxes carry it (0 for an image-level label only). */
  readonly boxesByLabel: Map<string, number>;
  /** Whether the line has an object-localization attribute, even one with no boxes. */
  readonly hasDetection: boolean;
}

/**
 * The labels of a line: `class-name` of each image-classification attribute, and the `class-map` name of
 * each box (`class_id` a number) of each object-detection attribute. A label attribute is a key `K` whose
 * sibling `K-metadata` is an object with one of those types; empty names are not labels.
 *
 * @param line - any parsed JSON object.
 * @param keys - its keys, when the caller already has them.
 * @internal
 */
export function lineLabels(
  line: Readonly<Record<string, unknown>>,
  keys: readonly string[] = Object.keys(line),
): LineLabels {
  const boxesByLabel = new Map<string, number>();
  let hasDetection = false;
  for (const key of keys) {
    if (key === "source-ref" || key.endsWith(METADATA_SUFFIX)) continue;
    const metadata = line[key + METADATA_SUFFIX];
    if (!isObject(metadata)) continue;
    if (metadata.type === IMAGE_CLASSIFICATION_TYPE) {
      const name = metadata["class-name"];
      if (typeof name === "string" && name !== "" && !boxesByLabel.has(name)) boxesByLabel.set(name, 0);
    } else if (metadata.type === OBJECT_DETECTION_TYPE) {
      hasDetection = true;
      const value = line[key];
      const classMap = metadata["class-map"];
      if (!isObject(value) || !Array.isArray(value.annotations) || !isObject(classMap)) continue;
      for (const annotation of value.annotations as unknown[]) {
        if (!isObject(annotation) || typeof annotation.class_id !== "number") continue;
        const name = classMap[String(annotation.class_id)];
        if (typeof name === "string" && name !== "")
          boxesByLabel.set(name, (boxesByLabel.get(name) ?? 0) + 1);
      }
    }
  }
  return { boxesByLabel, hasDetection };
}

/**
 * A label name's length as the service counts it: characters (Unicode code points), so an emoji counts
 * once, not as its two UTF-16 units. Every label length check of this package (the validator, the builders,
 * the `containsLabels` filter) goes through this one function.
 *
 * @internal
 */
export function labelNameLength(name: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return name.length - surrogatePairs;
}

/**
 * Tells whether a label name has an allowed length, 1 to `MAX_LABEL_NAME_LENGTH` characters as
 * {@link labelNameLength} counts them. Cheaper than counting: a name of at most that many UTF-16 units
 * cannot have more code points.
 *
 * @internal
 */
export function isLabelNameLengthValid(name: string): boolean {
  if (name.length <= MAX_LABEL_NAME_LENGTH) return name.length >= MIN_LABEL_NAME_LENGTH;
  return labelNameLength(name) <= MAX_LABEL_NAME_LENGTH;
}
