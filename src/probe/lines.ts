/**
 * The manifest lines the probe sends: small, labelled `probe`, each naming an image under the probe's
 * prefix. No image is read: the lines are compared with control lines, so a service that flags missing
 * images does not blur the answers.
 *
 * @module
 * @internal
 */

const CREATION_DATE = "2026-01-01T00:00:00.000";
const JOB_NAME = "rekognition-datasets-probe";

/** An image-level label line; `value` is the attribute's value (an integer, or a string to test one). */
export function classificationLine(sourceRef: string, label: string, value: number | string = 1): string {
  return JSON.stringify({
    "source-ref": sourceRef,
    probe: value,
    "probe-metadata": {
      confidence: 1,
      "class-name": label,
      "human-annotated": "yes",
      "creation-date": CREATION_DATE,
      type: "groundtruth/image-classification",
      "job-name": JOB_NAME,
    },
  });
}

/** A bounding-box line with one box (pixels from the top-left corner of a 640 x 480 image). */
export function boxLine(
  sourceRef: string,
  box: { readonly left: number; readonly top: number; readonly width: number; readonly height: number },
): string {
  return JSON.stringify({
    "source-ref": sourceRef,
    "bounding-box": {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: [{ class_id: 0, ...box }],
    },
    "bounding-box-metadata": {
      objects: [{ confidence: 1 }],
      "class-map": { "0": "probe" },
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": CREATION_DATE,
      "job-name": JOB_NAME,
    },
  });
}

/** UTF-8 bytes of lines joined by newlines. */
export function encodeLines(lines: readonly string[]): Uint8Array {
  return new TextEncoder().encode(lines.join("\n"));
}

/**
 * One valid line followed by newlines up to exactly `byteLength` bytes: blank lines carry no entry, so the
 * body's size is what is tested, not the service's work on thousands of entries.
 */
export function paddedBody(line: string, byteLength: number): Uint8Array {
  const head = new TextEncoder().encode(line);
  const body = new Uint8Array(byteLength).fill(0x0a);
  body.set(head, 0);
  return body;
}

/** Label lines of distinct images, about `byteLength` bytes in all: an update of real entries, of known size. */
export function bulkBody(prefix: string, byteLength: number): Uint8Array {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < byteLength; index += 1) {
    const line = classificationLine(`${prefix}rate/${index}.jpg`, "probe");
    lines.push(line);
    size += line.length + 1;
  }
  return encodeLines(lines);
}

/** Every error code anywhere in a line read back from ListDatasetEntries (`errors` and `cl-errors` lists). */
export function errorCodes(entry: unknown): Set<string> {
  const codes = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === "errors" || key === "cl-errors") && Array.isArray(child)) {
        for (const problem of child) {
          if (typeof problem === "object" && problem !== null && "code" in problem) {
            codes.add(String((problem as { code: unknown }).code));
          }
        }
      } else visit(child);
    }
  };
  visit(entry);
  return codes;
}
