/**
 * Manifest lines for the pull, diff and sync tests: one image-level label and two boxes, written the way
 * different producers write the same thing.
 */
import type { ManifestLine } from "../../src/manifest/types.js";

/** A line with a scene label and two boxes (Cat as class 0, Dog as class 1). */
export function labelledLine(
  sourceRef: string,
  options: { scene?: string; catLeft?: number } = {},
): ManifestLine {
  return {
    "source-ref": sourceRef,
    scene: 1,
    "scene-metadata": {
      confidence: 1,
      "class-name": options.scene ?? "Kitchen",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000Z",
      type: "groundtruth/image-classification",
      "job-name": "labelling-job",
    },
    boxes: {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: [
        { class_id: 0, left: options.catLeft ?? 10, top: 20, width: 100, height: 80 },
        { class_id: 1, left: 300, top: 200, width: 50, height: 60 },
      ],
    },
    "boxes-metadata": {
      objects: [{ confidence: 1 }, { confidence: 1 }],
      "class-map": { "0": "Cat", "1": "Dog" },
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000Z",
      "job-name": "labelling-job",
    },
  };
}

/**
 * The same meaning as {@link labelledLine}, as another producer writes it: other attribute names, class
 * ids renumbered (Dog 4, Cat 7), boxes in another order, another date and job, keys in another order, and
 * the keys the service adds on ListDatasetEntries.
 */
export function sameMeaningOtherwiseWritten(sourceRef: string): ManifestLine {
  return {
    "cl-metadata": { is_labeled: true },
    "objects-metadata": {
      "job-name": "another-job",
      "creation-date": "2026-11-30T12:00:00.000Z",
      "human-annotated": "no",
      type: "groundtruth/object-detection",
      "class-map": { "7": "Cat", "4": "Dog" },
      objects: [{ confidence: 0.5 }, { confidence: 0.9 }],
    },
    objects: {
      annotations: [
        { height: 60, width: 50, top: 200, left: 300, class_id: 4 },
        { class_id: 7, left: 10, top: 20, width: 100, height: 80, errors: [{ code: "X", message: "y" }] },
      ],
      image_size: [{ height: 480, width: 640 }],
    },
    room: 0,
    "room-metadata": {
      type: "groundtruth/image-classification",
      "class-name": "Kitchen",
      confidence: 0.4,
      "human-annotated": "no",
      "creation-date": "2026-11-30T12:00:00.000Z",
    },
    "source-ref": sourceRef,
  };
}

/** Serializes lines as manifest text. */
export function manifestText(lines: readonly ManifestLine[]): string {
  return `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
}
