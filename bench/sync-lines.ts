/**
 * The lines of the sync bench: a dataset entry as ListDatasetEntries returns it (with `cl-metadata`), and
 * the manifest line of the same image, written by another producer (other attribute name, class ids and key
 * order) so that comparing them takes the whole meaning path.
 */

/** Boxes of image `n`: 1-5 boxes, labels from three. */
function boxes(
  n: number,
  moved: boolean,
): { label: number; top: number; left: number; width: number; height: number }[] {
  const out = [];
  const count = 1 + (n % 5);
  for (let b = 0; b < count; b++) {
    out.push({
      label: b % 3,
      top: (n * 7 + b * 13) % 300,
      left: ((n * 11 + b * 17) % 400) + (moved && b === 0 ? 5 : 0),
      width: 40 + ((b * 9) % 100),
      height: 30 + ((n + b) % 90),
    });
  }
  return out;
}

const NAMES = ["Cat", "Dog", "Bird"];

/** Entry `n` of the dataset, about 600 bytes. */
export function datasetEntryText(n: number): string {
  const list = boxes(n, false);
  return JSON.stringify({
    "source-ref": `s3://bench-bucket/images/${n}.jpg`,
    "bounding-box": {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: list.map((b) => ({
        class_id: b.label,
        top: b.top,
        left: b.left,
        width: b.width,
        height: b.height,
      })),
    },
    "bounding-box-metadata": {
      objects: list.map(() => ({ confidence: 1 })),
      "class-map": { "0": NAMES[0], "1": NAMES[1], "2": NAMES[2] },
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000Z",
      "job-name": "bench",
    },
    "cl-metadata": { is_labeled: true },
  });
}

/**
 * Manifest line `n`: the same meaning as entry `n`, written otherwise; every 100th line has a box moved
 * (changed), and lines from `entries` on are new (added).
 */
export function manifestLineText(n: number): string {
  const list = boxes(n, n % 100 === 50);
  return JSON.stringify({
    "source-ref": `s3://bench-bucket/images/${n}.jpg`,
    "objects-metadata": {
      "job-name": "another",
      "creation-date": "2026-06-01T00:00:00.000Z",
      "human-annotated": "yes",
      type: "groundtruth/object-detection",
      "class-map": { "10": NAMES[0], "11": NAMES[1], "12": NAMES[2] },
      objects: list.map(() => ({ confidence: 0.9 })),
    },
    objects: {
      annotations: list.map((b) => ({
        height: b.height,
        width: b.width,
        left: b.left,
        top: b.top,
        class_id: b.label + 10,
      })),
      image_size: [{ height: 480, width: 640 }],
    },
  });
}
