/**
 * Deliberately broken lines, of the kinds real manifests contain: a box drawn past the image's edge, an
 * image given by URL instead of `s3://`, a label name pasted with far too much text, a line cut short.
 * The library's validator catches each before it is sent; with `onInvalidLine: "skip"` the upload leaves
 * them out and reports them with their line numbers and codes.
 *
 * @module
 */
import { type ManifestLine, toJsonLine } from "../../src/index.js";

/** One way of breaking a line. */
export interface Corruption {
  /** What is wrong with the line, for people. */
  readonly description: string;
  /** The code the library reports for it. */
  readonly expectedCode: string;
  /** The broken line, or `undefined` when this line has nothing to break that way (e.g. no box). */
  corrupt(line: ManifestLine): ManifestLine | string | undefined;
}

/** A copy of the line with the same keys, safe to change. */
function copy(line: ManifestLine): Record<string, unknown> {
  return structuredClone(line) as Record<string, unknown>;
}

/** The ways the demo breaks lines, in the order they appear in the sample. */
export const CORRUPTIONS: readonly Corruption[] = [
  {
    description: "a box that extends past the right edge of the image",
    expectedCode: "ERROR_INVALID_BOUNDING_BOX",
    corrupt: (line) => {
      const broken = copy(line);
      const boxes = broken["bounding-box"] as
        | { image_size: { width: number }[]; annotations: { left: number; width: number }[] }
        | undefined;
      const box = boxes?.annotations[0];
      const size = boxes?.image_size[0];
      // On an image with one box, that box's loss also leaves "no valid annotations": keep it to one code.
      if (box === undefined || size === undefined || boxes!.annotations.length < 2) return undefined;
      box.left = size.width - Math.floor(box.width / 2);
      return broken as ManifestLine;
    },
  },
  {
    description: "an image given by its HTTPS URL instead of an s3:// source-ref",
    expectedCode: "ERROR_INVALID_SOURCE_REF_FORMAT",
    corrupt: (line) => {
      const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(line["source-ref"]);
      if (match === null) return undefined;
      return { ...line, "source-ref": `https://${match[1]}.s3.amazonaws.com/${match[2]}` };
    },
  },
  {
    description: "a label name of 300 characters (the limit is 255)",
    expectedCode: "ERROR_INVALID_LABEL_NAME_LENGTH",
    corrupt: (line) => {
      const broken = copy(line);
      for (const value of Object.values(broken)) {
        const metadata = value as { "class-name"?: unknown } | null;
        if (typeof metadata === "object" && metadata !== null && typeof metadata["class-name"] === "string") {
          metadata["class-name"] = `${metadata["class-name"]} `.repeat(300).slice(0, 300);
          return broken as ManifestLine;
        }
      }
      return undefined;
    },
  },
  {
    description: "a line cut short in the middle (invalid JSON)",
    expectedCode: "INVALID_JSON",
    corrupt: (line) => toJsonLine(line).slice(0, 80),
  },
];

/** A line the demo broke on purpose. */
export interface BadLineReport {
  /** Its line number in the sample (1-based). */
  readonly lineNumber: number;
  /** What is wrong with it. */
  readonly description: string;
  /** The code the library reports for it. */
  readonly expectedCode: string;
}

/** A sample with some lines broken. */
export interface SampleWithBadLines {
  /** Every line, the broken ones in place of the lines they were made from. */
  readonly lines: readonly (ManifestLine | string)[];
  /** The broken lines, in order. */
  readonly badLines: readonly BadLineReport[];
  /** The lines that are still valid, in order: what the dataset should hold after a "skip" upload. */
  readonly validLines: readonly ManifestLine[];
}

/**
 * Breaks one line for each of {@link CORRUPTIONS}, spread over the sample: the first near line `every`, the
 * next near line `2 * every`, and so on (each at the first line from there that can be broken that way).
 *
 * @param lines - a valid sample.
 * @param every - the spacing of the broken lines.
 */
export function withBadLines(lines: readonly ManifestLine[], every: number): SampleWithBadLines {
  const result: (ManifestLine | string)[] = [...lines];
  const badLines: BadLineReport[] = [];
  const broken = new Set<number>();
  CORRUPTIONS.forEach((corruption, index) => {
    for (let at = (index + 1) * every - 1; at < lines.length; at++) {
      if (broken.has(at)) continue;
      const bad = corruption.corrupt(lines[at]!);
      if (bad === undefined) continue;
      result[at] = bad;
      broken.add(at);
      badLines.push({
        lineNumber: at + 1,
        description: corruption.description,
        expectedCode: corruption.expectedCode,
      });
      return;
    }
  });
  return {
    lines: result,
    badLines,
    validLines: lines.filter((_, index) => !broken.has(index)),
  };
}
