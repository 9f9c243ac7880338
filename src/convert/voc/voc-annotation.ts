/**
 * One Pascal VOC annotation file: `annotation` with `filename`, `size` and any number of `object`s, each
 * with `name`, `bndbox` (`xmin ymin xmax ymax`, 1-based pixels), `difficult` and `truncated`.
 *
 * @module
 * @internal
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One `object` of an annotation. */
export interface VocObject {
  /** 1-based position among the file's objects. */
  readonly index: number;
  /** `name`: the label. */
  readonly name: string;
  /** `bndbox`, as numbers (floats kept). */
  readonly xmin: number;
  /** See {@link VocObject.xmin}. */
  readonly ymin: number;
  /** See {@link VocObject.xmin}. */
  readonly xmax: number;
  /** See {@link VocObject.xmin}. */
  readonly ymax: number;
  /** `difficult` is 1. */
  readonly difficult: boolean;
  /** `truncated` is 1. */
  readonly truncated: boolean;
}

/** An object that cannot be read as a box, with why. */
export interface BadVocObject {
  /** 1-based position among the file's objects. */
  readonly index: number;
  /** Its `name`, when it has one. */
  readonly name?: string;
  /** What is wrong. */
  readonly reason: string;
}

/** What a VOC file holds. */
export interface VocAnnotation {
  /** `filename`, when present. */
  readonly filename?: string;
  /** `folder`, when present. */
  readonly folder?: string;
  /** `size` as whole positive numbers, when present and usable. */
  readonly size?: { readonly width: number; readonly height: number; readonly depth?: number };
  /** The objects that read as boxes, in file order. */
  readonly objects: VocObject[];
  /** The objects that do not. */
  readonly badObjects: BadVocObject[];
}

/** Why a file is not a VOC annotation: what is wrong and, for broken XML, where. */
export interface VocFileProblem {
  /** What is wrong. */
  readonly problem: string;
  /** 1-based line, for broken XML. */
  readonly line?: number;
  /** 1-based column, for broken XML. */
  readonly column?: number;
}

// Values stay strings (parseTagValue off): a label such as "007" or "1e3" must not become a number.
// `object` is always an array, even when an image has one: the shape no longer depends on the count.
const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: true,
  isArray: (_tag, jPath) => jPath === "annotation.object",
});

/** A decimal as VOC tools write coordinates (`48`, `48.5`); no hex, no empty string. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>)["#text"] === "string"
  ) {
    return ((value as Record<string, unknown>)["#text"] as string).trim();
  }
  return undefined;
}

function decimal(value: unknown): number | undefined {
  const written = text(value);
  return written !== undefined && DECIMAL.test(written) ? Number(written) : undefined;
}

/** `difficult`/`truncated`: `1` (or `true`) is set; absent, empty, `0` is not. */
function flag(value: unknown): boolean {
  const written = text(value)?.toLowerCase();
  return written === "1" || written === "true";
}

/**
 * Parses a VOC file's text. Broken XML, or XML whose root is not `annotation`, is a problem for the whole
 * file; an `object` without a name or a readable `bndbox` is listed in `badObjects` and the rest are kept.
 *
 * @param xml - the file's content.
 */
export function parseVocAnnotation(xml: string): VocAnnotation | VocFileProblem {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { problem: `not well-formed XML: ${valid.err.msg}`, line: valid.err.line, column: valid.err.col };
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const annotation = document.annotation;
  if (typeof annotation !== "object" || annotation === null) {
    const root = Object.keys(document).find((key) => !key.startsWith("?"));
    return {
      problem: `not a Pascal VOC annotation: the root element is ${root === undefined ? "missing" : `<${root}>`}, not <annotation>`,
    };
  }
  const fields = annotation as Record<string, unknown>;
  const filename = text(fields.filename);
  const folder = text(fields.folder);
  const sizeNode = fields.size as Record<string, unknown> | undefined;
  let size: VocAnnotation["size"];
  if (typeof sizeNode === "object" && sizeNode !== null) {
    const width = decimal(sizeNode.width);
    const height = decimal(sizeNode.height);
    const depth = decimal(sizeNode.depth);
    // Some tools write 0 x 0 when they did not read the image: that is no size at all.
    if (width !== undefined && height !== undefined && width > 0 && height > 0) {
      size =
        depth !== undefined && Number.isInteger(depth) && depth > 0
          ? { width: Math.round(width), height: Math.round(height), depth }
          : { width: Math.round(width), height: Math.round(height) };
    }
  }
  const objects: VocObject[] = [];
  const badObjects: BadVocObject[] = [];
  const list = Array.isArray(fields.object) ? (fields.object as unknown[]) : [];
  for (let i = 0; i < list.length; i++) {
    const index = i + 1;
    const node = list[i];
    const object = typeof node === "object" && node !== null ? (node as Record<string, unknown>) : {};
    const name = text(object.name);
    if (name === undefined || name === "") {
      badObjects.push({ index, reason: "no <name>" });
      continue;
    }
    const box = object.bndbox as Record<string, unknown> | undefined;
    const xmin = decimal(box?.xmin);
    const ymin = decimal(box?.ymin);
    const xmax = decimal(box?.xmax);
    const ymax = decimal(box?.ymax);
    if (xmin === undefined || ymin === undefined || xmax === undefined || ymax === undefined) {
      badObjects.push({ index, name, reason: "no <bndbox> with numeric xmin, ymin, xmax and ymax" });
      continue;
    }
    if (xmax < xmin || ymax < ymin) {
      badObjects.push({
        index,
        name,
        reason: `xmax/ymax (${xmax}, ${ymax}) before xmin/ymin (${xmin}, ${ymin})`,
      });
      continue;
    }
    objects.push({
      index,
      name,
      xmin,
      ymin,
      xmax,
      ymax,
      difficult: flag(object.difficult),
      truncated: flag(object.truncated),
    });
  }
  const result: { -readonly [K in keyof VocAnnotation]: VocAnnotation[K] } = { objects, badObjects };
  if (filename !== undefined && filename !== "") result.filename = filename;
  if (folder !== undefined && folder !== "") result.folder = folder;
  if (size !== undefined) result.size = size;
  return result;
}

/**
 * VOC's inclusive 1-based pixel box as a box in pixel edges from the top-left corner, the manifest's
 * convention. VOC numbers pixels from 1 and a box covers pixels xmin..xmax inclusive: the devkit's
 * evaluation (`VOCevaldet.m`) measures a box as `xmax - xmin + 1` pixels wide, and the reference
 * detectors' loaders (py-faster-rcnn's `pascal_voc.py`, "Make pixel indexes 0-based") subtract 1 from
 * each coordinate. So left = xmin - 1, top = ymin - 1, width = xmax - xmin + 1, height = ymax - ymin + 1;
 * a box over the whole 500-pixel-wide image (xmin 1, xmax 500) is left 0, width 500. Exact for integers;
 * floats go through the shared rounding rule afterwards.
 */
export function vocToPixels(object: Pick<VocObject, "xmin" | "ymin" | "xmax" | "ymax">): {
  left: number;
  top: number;
  width: number;
  height: number;
} {
  return {
    left: object.xmin - 1,
    top: object.ymin - 1,
    width: object.xmax - object.xmin + 1,
    height: object.ymax - object.ymin + 1,
  };
}

/** The inverse of {@link vocToPixels}: xmin = left + 1, xmax = left + width (and the same for y). */
export function pixelsToVoc(box: { left: number; top: number; width: number; height: number }): {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
} {
  return { xmin: box.left + 1, ymin: box.top + 1, xmax: box.left + box.width, ymax: box.top + box.height };
}
