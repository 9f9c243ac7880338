/**
 * One YOLO label file's rows: `class cx cy w h`, normalized to 0..1 of the image's width and height.
 *
 * @module
 * @internal
 */

/** One row that reads as a box: class index and the normalized centre and size. */
export interface YoloRow {
  /** The 1-based line in the label file. */
  readonly line: number;
  /** The class index, into the dataset's `names`. */
  readonly classIndex: number;
  /** Centre x, as a fraction of the image's width. */
  readonly cx: number;
  /** Centre y, as a fraction of the image's height. */
  readonly cy: number;
  /** Width, as a fraction of the image's width. */
  readonly w: number;
  /** Height, as a fraction of the image's height. */
  readonly h: number;
  /** The row was a segmentation polygon (`class x1 y1 x2 y2 ...`), read as the box that encloses it. */
  readonly fromPolygon: boolean;
}

/** A row that is not a YOLO box, with why. */
export interface MalformedYoloRow {
  /** The 1-based line in the label file. */
  readonly line: number;
  /** The row as written (cut to 80 characters). */
  readonly text: string;
  /** What is wrong with it. */
  readonly reason: string;
}

/** The rows of one label file. */
export interface YoloLabelRows {
  /** The rows that read as boxes, in file order. */
  readonly rows: YoloRow[];
  /** The rows that do not. */
  readonly malformed: MalformedYoloRow[];
}

/** A decimal number as YOLO tools write it (`0.5`, `.5`, `5e-1`); no hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a label file's text. Blank lines are skipped (YOLO tools write none, but editors add a last one);
 * fields are separated by any whitespace. A row of 5 fields is a box; a row of an odd count of 7 or more
 * is a segmentation polygon, read as its enclosing box (as Ultralytics does when it trains a detector on
 * segment labels); anything else is malformed.
 *
 * @param text - the label file's content.
 */
export function parseYoloLabelRows(text: string): YoloLabelRows {
  const rows: YoloRow[] = [];
  const malformed: MalformedYoloRow[] = [];
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] as string).trim();
    if (trimmed === "") continue;
    const line = i + 1;
    const bad = (reason: string) =>
      malformed.push({ line, text: trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed, reason });
    const fields = trimmed.split(/\s+/);
    const classField = fields[0] as string;
    if (!/^\d+$/.test(classField)) {
      bad(`the class "${classField}" is not a non-negative integer`);
      continue;
    }
    const numbers: number[] = [];
    let notNumber: string | undefined;
    for (let f = 1; f < fields.length; f++) {
      const field = fields[f] as string;
      if (!DECIMAL.test(field)) {
        notNumber = field;
        break;
      }
      numbers.push(Number(field));
    }
    if (notNumber !== undefined) {
      bad(`"${notNumber}" is not a number`);
      continue;
    }
    const classIndex = Number(classField);
    if (numbers.length === 4) {
      const [cx, cy, w, h] = numbers as [number, number, number, number];
      if (w < 0 || h < 0) {
        bad("a negative width or height");
        continue;
      }
      rows.push({ line, classIndex, cx, cy, w, h, fromPolygon: false });
    } else if (numbers.length >= 6 && numbers.length % 2 === 0) {
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let p = 0; p < numbers.length; p += 2) {
        const x = numbers[p] as number;
        const y = numbers[p + 1] as number;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      rows.push({
        line,
        classIndex,
        cx: (minX + maxX) / 2,
        cy: (minY + maxY) / 2,
        w: maxX - minX,
        h: maxY - minY,
        fromPolygon: true,
      });
    } else {
      bad(`${fields.length} fields: a box has 5 (class cx cy w h), a polygon an odd count of 7 or more`);
    }
  }
  return { rows, malformed };
}

/** A box in pixels from the image's top-left corner, not yet rounded or clipped. */
export interface PixelBox {
  /** Pixels from the left edge. */
  readonly left: number;
  /** Pixels from the top edge. */
  readonly top: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * A normalized centre/size box in pixels of an image `imageWidth` x `imageHeight`: left = (cx - w/2) * W,
 * top = (cy - h/2) * H, width = w * W, height = h * H. Neither rounded nor clipped: the shared box rules
 * do both, and report them.
 */
export function yoloToPixels(
  row: Pick<YoloRow, "cx" | "cy" | "w" | "h">,
  imageWidth: number,
  imageHeight: number,
): PixelBox {
  return {
    left: (row.cx - row.w / 2) * imageWidth,
    top: (row.cy - row.h / 2) * imageHeight,
    width: row.w * imageWidth,
    height: row.h * imageHeight,
  };
}
