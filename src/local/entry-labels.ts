/**
 * The labels an entry carries, read defensively from whatever the line holds: the emulator stores lines
 * with problems too, and must count their labels without trusting their shape.
 *
 * @module
 */

import { IMAGE_CLASSIFICATION_TYPE, type ManifestLine, OBJECT_DETECTION_TYPE } from "../manifest/types.js";

const METADATA_SUFFIX = "-metadata";

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The labels of one entry, each with how many bounding boxes carry it on this image (0 for an image-level
 * label only). A label attribute is a key `K` whose sibling `K-metadata` is an object with a known `type`.
 */
export function entryLabels(line: ManifestLine): Map<string, number> {
  const labels = new Map<string, number>();
  for (const key of Object.keys(line)) {
    if (key === "source-ref" || key.endsWith(METADATA_SUFFIX)) continue;
    const metadata = line[`${key}${METADATA_SUFFIX}`];
    if (!isObject(metadata)) continue;
    if (metadata.type === IMAGE_CLASSIFICATION_TYPE) {
      const name = metadata["class-name"];
      if (typeof name === "string" && name.length > 0 && !labels.has(name)) labels.set(name, 0);
    } else if (metadata.type === OBJECT_DETECTION_TYPE) {
      const value = line[key];
      const classMap = metadata["class-map"];
      if (!isObject(value) || !Array.isArray(value.annotations) || !isObject(classMap)) continue;
      for (const annotation of value.annotations as unknown[]) {
        if (!isObject(annotation)) continue;
        const id = annotation.class_id;
        if (typeof id !== "number" && typeof id !== "string") continue;
        const name = classMap[String(id)];
        if (typeof name !== "string" || name.length === 0) continue;
        labels.set(name, (labels.get(name) ?? 0) + 1);
      }
    }
  }
  return labels;
}
