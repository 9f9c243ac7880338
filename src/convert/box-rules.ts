/**
 * The box rules: from a box as a format gives it (fractions, past the edge, no area) to a box the service
 * takes, or to nothing, with each change reported.
 *
 * @module
 */
import { BOX_SCALE_LONGEST_SIDE, MAX_BOUNDING_BOXES_PER_IMAGE } from "../limits.js";
import type { IssueCollector, IssueItem } from "./report.js";
import type { FractionalRule, OutOfBoundsRule, TooManyBoxesRule } from "./types.js";

/** A box in whole pixels, inside the image. */
export interface PixelBox {
  readonly label: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly confidence?: number;
}

/** The rules of one run. @internal */
export interface BoxRules {
  readonly outOfBounds: OutOfBoundsRule;
  readonly fractional: FractionalRule;
  readonly tooManyBoxes: TooManyBoxesRule;
}

function describe(left: number, top: number, width: number, height: number): string {
  return `(left ${left}, top ${top}, width ${width}, height ${height})`;
}

/**
 * One box through the rules, on an image of `imageWidth` x `imageHeight`: fractional edges made whole
 * (rounded, or moved outward), then the parts past the edge clipped (or the box dropped), then boxes with
 * no area or too small for the service dropped.
 *
 * @returns the box, or `undefined` when it was dropped (and reported).
 * @internal
 */
export function applyBoxRules(
  box: { label: string; left: number; top: number; width: number; height: number; confidence?: number },
  imageWidth: number,
  imageHeight: number,
  rules: BoxRules,
  report: IssueCollector,
  item: IssueItem,
): PixelBox | undefined {
  const { left, top, width, height } = box;
  if (![left, top, width, height].every(Number.isFinite)) {
    report.add(
      "INVALID_BOX",
      `Box of "${box.label}" ${describe(left, top, width, height)} is not numbers.`,
      item,
    );
    return undefined;
  }
  if (width <= 0 || height <= 0) {
    report.add(
      "ZERO_AREA_BOX",
      `Box of "${box.label}" ${describe(left, top, width, height)} has no area.`,
      item,
    );
    return undefined;
  }
  // Edges, not sizes, are rounded: rounding each side's position keeps adjacent boxes adjacent.
  let x0 = left;
  let y0 = top;
  let x1 = left + width;
  let y1 = top + height;
  if (!(Number.isInteger(x0) && Number.isInteger(y0) && Number.isInteger(x1) && Number.isInteger(y1))) {
    if (rules.fractional === "expand") {
      x0 = Math.floor(x0);
      y0 = Math.floor(y0);
      x1 = Math.ceil(x1);
      y1 = Math.ceil(y1);
    } else {
      x0 = Math.round(x0);
      y0 = Math.round(y0);
      x1 = Math.round(x1);
      y1 = Math.round(y1);
    }
    report.add(
      "COORDINATE_ROUNDED",
      `Box of "${box.label}" ${describe(left, top, width, height)} became ${describe(x0, y0, x1 - x0, y1 - y0)}.`,
      item,
    );
  }
  if (x0 < 0 || y0 < 0 || x1 > imageWidth || y1 > imageHeight) {
    const outside = x1 <= 0 || y1 <= 0 || x0 >= imageWidth || y0 >= imageHeight;
    if (outside || rules.outOfBounds === "drop") {
      report.add(
        "BOX_OUTSIDE_IMAGE",
        `Box of "${box.label}" ${describe(x0, y0, x1 - x0, y1 - y0)} is ${outside ? "wholly " : "partly "}outside the ${imageWidth}x${imageHeight} image: dropped.`,
        item,
      );
      return undefined;
    }
    const clipped = [
      Math.max(0, x0),
      Math.max(0, y0),
      Math.min(imageWidth, x1),
      Math.min(imageHeight, y1),
    ] as const;
    report.add(
      "BOX_CLIPPED",
      `Box of "${box.label}" ${describe(x0, y0, x1 - x0, y1 - y0)} clipped to the ${imageWidth}x${imageHeight} image.`,
      item,
    );
    [x0, y0, x1, y1] = clipped;
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) {
    report.add("ZERO_AREA_BOX", `Box of "${box.label}" has no area once made whole pixels.`, item);
    return undefined;
  }
  // The service scales an image whose longest side exceeds 1280 px down to 1280 and refuses boxes of 1 px
  // or less on a side after that (Custom Labels guide, "Guidelines and quotas").
  const scale = Math.min(1, BOX_SCALE_LONGEST_SIDE / Math.max(imageWidth, imageHeight));
  if (w * scale <= 1 || h * scale <= 1) {
    report.add(
      "BOX_TOO_SMALL",
      `Box of "${box.label}" is ${w}x${h} px: 1 px or less on a side at the service's ${BOX_SCALE_LONGEST_SIDE} px scale.`,
      item,
    );
    return undefined;
  }
  const result = { label: box.label, left: x0, top: y0, width: w, height: h };
  return box.confidence === undefined ? result : { ...result, confidence: box.confidence };
}

/**
 * The 50-box limit (Custom Labels guide, "Guidelines and quotas"): with more boxes, keep the 50 largest by
 * area (ties in input order; the order of the kept boxes is the input's), or skip the image.
 *
 * @returns the boxes to write, or `undefined` to skip the image.
 * @internal
 */
export function applyBoxLimit(
  boxes: readonly PixelBox[],
  rule: TooManyBoxesRule,
  report: IssueCollector,
  item: IssueItem,
): readonly PixelBox[] | undefined {
  if (boxes.length <= MAX_BOUNDING_BOXES_PER_IMAGE) return boxes;
  const extra = boxes.length - MAX_BOUNDING_BOXES_PER_IMAGE;
  if (rule === "skip-image") {
    report.add(
      "TOO_MANY_BOXES",
      `${boxes.length} boxes, over the limit of ${MAX_BOUNDING_BOXES_PER_IMAGE}: image skipped.`,
      item,
    );
    return undefined;
  }
  const keep = boxes
    .map((box, index) => ({ index, area: box.width * box.height }))
    .sort((a, b) => b.area - a.area || a.index - b.index)
    .slice(0, MAX_BOUNDING_BOXES_PER_IMAGE)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  report.add(
    "TOO_MANY_BOXES",
    `${boxes.length} boxes, over the limit of ${MAX_BOUNDING_BOXES_PER_IMAGE}: the ${extra} smallest dropped.`,
    item,
  );
  return keep.map((index) => boxes[index]!);
}
