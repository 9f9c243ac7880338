/**
 * Manifest lines shared by the tests of every area: valid lines in the shapes of the Custom Labels guide's
 * examples ("Image-Level labels in manifest files", "Object localization in manifest files"), for tests
 * that need a line and do not care which. Tests about the format itself keep their own samples
 * (test/manifest/fixtures.ts).
 */

/** Where the fixture lines' images live: `s3://bucket/images/<image>`. */
function imageRef(image: number | string): string {
  return `s3://bucket/images/${typeof image === "number" ? `${image}.jpg` : image}`;
}

/** An image-level label line as {@link labelLine} builds it. */
export interface LabelLine {
  readonly "source-ref": string;
  readonly sunrise: 1;
  readonly "sunrise-metadata": {
    readonly confidence: 1;
    readonly "class-name": string;
    readonly "human-annotated": "yes";
    readonly "creation-date": string;
    readonly type: "groundtruth/image-classification";
    readonly "job-name": string;
  };
  readonly [key: string]: unknown;
}

/**
 * A valid image-level label line for an image (`7` is `s3://bucket/images/7.jpg`, a string is the file
 * name), labelled `label`, with `extra` keys added.
 */
export function labelLine(
  image: number | string,
  label = "Sunrise",
  extra: Readonly<Record<string, unknown>> = {},
): LabelLine {
  return {
    "source-ref": imageRef(image),
    sunrise: 1,
    "sunrise-metadata": {
      confidence: 1,
      "class-name": label,
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000",
      type: "groundtruth/image-classification",
      "job-name": "my-job",
    },
    ...extra,
  };
}

/** A valid object localization line for an image with one box per label given (repeats share a class). */
export function boxLine(
  image: number | string,
  labels: readonly string[],
  box = { left: 10, top: 10, width: 100, height: 80 },
) {
  const classMap: Record<string, string> = {};
  const ids = new Map<string, number>();
  for (const label of labels) {
    if (!ids.has(label)) {
      ids.set(label, ids.size);
      classMap[String(ids.size - 1)] = label;
    }
  }
  return {
    "source-ref": imageRef(image),
    "bounding-box": {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: labels.map((label) => ({ class_id: ids.get(label)!, ...box })),
    },
    "bounding-box-metadata": {
      objects: labels.map(() => ({ confidence: 1 })),
      "class-map": classMap,
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000",
    },
  };
}
