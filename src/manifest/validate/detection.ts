/**
 * The object-localization attribute (Custom Labels guide, "Object localization in manifest files"): its
 * class map, its image size, each box and each box's confidence, under a short orchestrator.
 *
 * The codes follow the service's own words ("Non-Terminal JSON Line Validation Errors"): a missing key or a
 * value of the wrong JSON type in the attribute is `ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT` ("the schema for
 * the label attribute key is missing or invalid"); `ERROR_INVALID_IMAGE_DIMENSION` and
 * `ERROR_INVALID_BOUNDING_BOX` ("off frame values") are kept for bad values in a well-formed attribute.
 *
 * @module
 */
import {
  BOX_SCALE_LONGEST_SIDE,
  MAX_BOUNDING_BOXES_PER_IMAGE,
  MAX_IMAGE_ASPECT_RATIO,
  MAX_IMAGE_SIDE,
  MIN_IMAGE_SIDE,
} from "../../limits.js";
import { quoteValue } from "../problems.js";
import { COMMON_METADATA } from "./classification.js";
import { type Collector, checkScalarFields, isObject, meets, type ScalarTable } from "./collector.js";
import { checkLabelName, isCleanLabelName } from "./label-name.js";

const ATTRIBUTE_FORMAT = "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT";
const METADATA_FORMAT = "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT";

const SIDE = `a whole number of pixels from ${MIN_IMAGE_SIDE} to ${MAX_IMAGE_SIDE}`;

/** The fields of `image_size[0]`. */
export const IMAGE_SIZE: ScalarTable = {
  fields: [
    { key: "width", type: "number", optional: false, rule: "image-side", expected: SIDE },
    { key: "height", type: "number", optional: false, rule: "image-side", expected: SIDE },
    {
      key: "depth",
      type: "number",
      optional: true,
      rule: "channels",
      expected: "a positive whole number of channels",
    },
  ],
  allFine: (size) =>
    meets("image-side", size.width) &&
    meets("image-side", size.height) &&
    (size.depth === undefined || meets("channels", size.depth)),
};

/** The image's size as far as it is valid: a side that is not is -1, and boxes are not checked against it. */
interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const UNKNOWN_SIZE: ImageSize = { width: -1, height: -1 };

/** An object-localization attribute: the common metadata, `class-map`, `objects`, `image_size`, `annotations`. */
export function validateDetection(
  c: Collector,
  key: string,
  value: unknown,
  metadataKey: string,
  metadata: Record<string, unknown>,
): void {
  checkScalarFields(c, metadata, metadataKey, "", COMMON_METADATA, METADATA_FORMAT, METADATA_FORMAT);
  const classMap = checkClassMap(c, metadataKey, metadata["class-map"]);
  const objects = metadata.objects;
  const objectsOk = Array.isArray(objects);
  if (!objectsOk) {
    c.mustBe(
      METADATA_FORMAT,
      `${metadataKey}.objects`,
      '"objects"',
      'a list with one {"confidence"} per annotation',
      objects,
    );
  }
  if (!isObject(value)) {
    c.mustBe(
      ATTRIBUTE_FORMAT,
      key,
      "A bounding-box attribute's value",
      'an object with "image_size" and "annotations"',
      value,
    );
    return;
  }
  const size = checkImageSize(c, key, value.image_size);
  const annotations = value.annotations;
  if (!Array.isArray(annotations)) {
    c.mustBe(ATTRIBUTE_FORMAT, `${key}.annotations`, '"annotations"', "a list of boxes", annotations);
    return;
  }
  const count = annotations.length;
  c.boxes += count;
  if (objectsOk && objects.length > count) {
    c.add(
      METADATA_FORMAT,
      `${metadataKey}.objects`,
      `"objects" has ${objects.length} entries for ${count} annotations; they must pair one to one.`,
    );
  }
  if (count === 0) {
    // The guide's example of an empty human-annotated attribute carries this warning on the attribute and
    // WARNING_NO_ANNOTATIONS on the line (added by the line-level checks when the line has no label at all).
    c.add(
      "WARNING_NO_ATTRIBUTE_ANNOTATIONS",
      `${key}.annotations`,
      `"${key}" has no boxes; the attribute is not used.`,
      "warning",
    );
    if (metadata["human-annotated"] === "yes") c.humanAnnotatedWithoutBoxes = true;
    return;
  }
  if (count > MAX_BOUNDING_BOXES_PER_IMAGE) {
    c.tooManyBoxesInOne = true;
    c.add(
      "ERROR_TOO_MANY_BOUNDING_BOXES",
      `${key}.annotations`,
      `"${key}" has ${count} boxes; at most ${MAX_BOUNDING_BOXES_PER_IMAGE} are allowed per image.`,
    );
  }
  // Boxes are checked against the image only when its size is known; scaled as the service does before training.
  const longest = Math.max(size.width, size.height);
  const scale = longest > BOX_SCALE_LONGEST_SIDE ? BOX_SCALE_LONGEST_SIDE / longest : 1;
  let validBoxes = 0;
  for (let i = 0; i < count; i++) {
    const errorsBefore = c.errors;
    checkBox(c, key, i, annotations[i], classMap, metadataKey, size, scale);
    if (objectsOk) checkBoxConfidence(c, metadataKey, i, objects[i]);
    if (c.errors === errorsBefore) validBoxes++;
  }
  if (validBoxes === 0) {
    c.add(
      "ERROR_NO_VALID_ANNOTATIONS",
      `${key}.annotations`,
      `None of the ${count} boxes of "${key}" is valid.`,
    );
  } else {
    c.annotatedAttributes++;
  }
}

/** Checks `class-map` (an object of label names by class id); returns it, or `undefined` when it is not one. */
function checkClassMap(
  c: Collector,
  metadataKey: string,
  classMap: unknown,
): Record<string, unknown> | undefined {
  if (!isObject(classMap)) {
    c.mustBe(
      METADATA_FORMAT,
      `${metadataKey}.class-map`,
      '"class-map"',
      "an object of label names by class id",
      classMap,
    );
    return undefined;
  }
  // Object.values avoids turning every integer key into a string; keys are only needed to report.
  const names = Object.values(classMap);
  c.labelBound += names.length;
  for (let i = 0; i < names.length; i++) {
    if (!isCleanLabelName(names[i])) {
      for (const id of Object.keys(classMap))
        checkLabelName(c, `${metadataKey}.class-map.${id}`, classMap[id]);
      break;
    }
  }
  return classMap;
}

/** Checks `image_size` (a one-element list of width, height and depth); returns the valid sides. */
function checkImageSize(c: Collector, key: string, imageSize: unknown): ImageSize {
  const size = Array.isArray(imageSize) && imageSize.length === 1 ? imageSize[0] : undefined;
  if (!isObject(size)) {
    c.mustBe(
      ATTRIBUTE_FORMAT,
      `${key}.image_size`,
      '"image_size"',
      'a one-element list [{"width", "height", "depth"}]',
      imageSize,
    );
    return UNKNOWN_SIZE;
  }
  checkScalarFields(
    c,
    size,
    key,
    ".image_size[0]",
    IMAGE_SIZE,
    ATTRIBUTE_FORMAT,
    "ERROR_INVALID_IMAGE_DIMENSION",
  );
  const width = meets("image-side", size.width) ? (size.width as number) : -1;
  const height = meets("image-side", size.height) ? (size.height as number) : -1;
  if (width > 0 && height > 0 && Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT_RATIO) {
    c.add(
      "ERROR_INVALID_IMAGE_DIMENSION",
      `${key}.image_size[0]`,
      `The image is ${width}x${height} px; its sides may differ by at most ${MAX_IMAGE_ASPECT_RATIO}:1.`,
    );
  }
  return width === -1 && height === -1 ? UNKNOWN_SIZE : { width, height };
}

/** Where box `index` of attribute `key` is on the line: built only for a problem, never for a clean box. */
function boxPath(key: string, index: number): string {
  return `${key}.annotations[${index}]`;
}

/**
 * Checks a box coordinate: a missing or non-numeric one is a broken schema, a negative one is off frame,
 * a fraction earns a warning. Returns whether it is a usable number.
 */
function checkCoordinate(c: Collector, key: string, index: number, field: string, value: unknown): boolean {
  if (typeof value !== "number") {
    c.mustBe(ATTRIBUTE_FORMAT, `${boxPath(key, index)}.${field}`, `"${field}"`, "a number of pixels", value);
    return false;
  }
  if (!(value >= 0) || value === Number.POSITIVE_INFINITY) {
    c.mustBe(
      "ERROR_INVALID_BOUNDING_BOX",
      `${boxPath(key, index)}.${field}`,
      `"${field}"`,
      "a non-negative number of pixels",
      value,
    );
    return false;
  }
  if (!Number.isInteger(value)) {
    c.add(
      "NON_INTEGER_COORDINATE",
      `${boxPath(key, index)}.${field}`,
      `"${field}" is ${value}; the format documents whole pixels and the service may reject fractions.`,
      "warning",
    );
  }
  return true;
}

/** Checks one annotation: its class id against the class map, its coordinates, and the box against the image. */
function checkBox(
  c: Collector,
  key: string,
  index: number,
  annotation: unknown,
  classMap: Record<string, unknown> | undefined,
  metadataKey: string,
  size: ImageSize,
  scale: number,
): void {
  if (!isObject(annotation)) {
    c.mustBe(
      ATTRIBUTE_FORMAT,
      boxPath(key, index),
      "An annotation",
      'an object {"class_id", "top", "left", "width", "height"}',
      annotation,
    );
    return;
  }
  const classId = annotation.class_id;
  if (!Number.isInteger(classId) || (classId as number) < 0) {
    c.mustBe(
      ATTRIBUTE_FORMAT,
      `${boxPath(key, index)}.class_id`,
      '"class_id"',
      "a non-negative integer",
      classId,
    );
  } else if (classMap !== undefined && typeof classMap[classId as number] !== "string") {
    c.add(
      "ERROR_MISSING_CLASS_MAP_ID",
      `${boxPath(key, index)}.class_id`,
      `"class_id" ${classId} is not a key of "${metadataKey}.class-map".`,
    );
  }
  const left = annotation.left;
  const top = annotation.top;
  const width = annotation.width;
  const height = annotation.height;
  // Every coordinate is checked (no short-circuit) so that each bad one is reported.
  const leftOk = checkCoordinate(c, key, index, "left", left);
  const topOk = checkCoordinate(c, key, index, "top", top);
  const widthOk = checkCoordinate(c, key, index, "width", width);
  const heightOk = checkCoordinate(c, key, index, "height", height);
  if (!(leftOk && topOk && widthOk && heightOk)) return;
  const l = left as number;
  const t = top as number;
  const w = width as number;
  const h = height as number;
  if ((size.width > 0 && l + w > size.width) || (size.height > 0 && t + h > size.height)) {
    c.add(
      "ERROR_INVALID_BOUNDING_BOX",
      boxPath(key, index),
      `The box (left ${l}, top ${t}, width ${w}, height ${h}) goes past the ${size.width}x${size.height} image.`,
    );
  } else if (size.width > 0 && size.height > 0 && (w * scale <= 1 || h * scale <= 1)) {
    c.add(
      "ERROR_BOUNDING_BOX_TOO_SMALL",
      boxPath(key, index),
      `The box is ${w}x${h} px, which is 1 px or less on a side once the image is scaled to ${BOX_SCALE_LONGEST_SIDE} px on its longest side.`,
    );
  }
}

/** Checks the `objects` entry paired with box `index`: it must carry a confidence from 0 to 1. */
function checkBoxConfidence(c: Collector, metadataKey: string, index: number, object: unknown): void {
  const confidence = isObject(object) ? object.confidence : undefined;
  if (typeof confidence !== "number") {
    c.add(
      "ERROR_MISSING_BOUNDING_BOX_CONFIDENCE",
      `${metadataKey}.objects[${index}].confidence`,
      `Box ${index} has no confidence: "objects[${index}]" must be {"confidence": <0..1>}, got ${quoteValue(object)}.`,
    );
  } else if (!meets("confidence", confidence)) {
    c.mustBe(
      METADATA_FORMAT,
      `${metadataKey}.objects[${index}].confidence`,
      '"confidence"',
      "a number from 0 to 1",
      confidence,
    );
  }
}
