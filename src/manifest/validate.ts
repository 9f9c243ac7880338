/**
 * Per-line validation: every rule of the Custom Labels manifest format that can be checked on one line.
 *
 * How a key is recognised as a label attribute (the format lets users name attributes freely):
 * - a key `K` with a sibling `K-metadata` key is an attribute, whatever the values;
 * - a `K-metadata` key whose value is an object with a `type`, and no sibling `K`, is an attribute whose
 *   value is missing (`ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT`);
 * - a key `K` with no `K-metadata` whose value is shaped like a bounding-box value (an object with
 *   `annotations` or `image_size`) is an attribute whose metadata is missing
 *   (`ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT`);
 * - anything else is a key the format does not define and is left alone, as are `source-ref`,
 *   `source-ref-metadata` and the keys ListDatasetEntries adds (`cl-metadata`, `errors`, `cl-errors`,
 *   `warnings`), which are never attributes.
 *
 * The validator is written for throughput (it runs on every line of 250,000-image uploads): no regex or
 * closure is built per call, paths and messages are only built when a problem is found, and the problems
 * array is only allocated for a line that has one.
 *
 * @module
 */
import {
  BOX_SCALE_LONGEST_SIDE,
  MAX_BOUNDING_BOXES_PER_IMAGE,
  MAX_IMAGE_ASPECT_RATIO,
  MAX_IMAGE_SIDE,
  MAX_LABEL_NAME_LENGTH,
  MAX_LABELS_PER_IMAGE,
  MIN_IMAGE_SIDE,
  MIN_LABEL_NAME_LENGTH,
} from "../limits.js";
import { lineLabels } from "./labels.js";
import { makeProblem, type ProblemCode, quoteValue, type ValidationProblem } from "./problems.js";
import {
  IMAGE_CLASSIFICATION_MULTILABEL_TYPE,
  IMAGE_CLASSIFICATION_TYPE,
  OBJECT_DETECTION_TYPE,
  type ProblemSeverity,
} from "./types.js";

/** Suffix of a label attribute's metadata key. */
export const METADATA_SUFFIX = "-metadata";

/**
 * Keys that are never label attributes: the image's identity and what ListDatasetEntries adds to a line
 * (DOMAIN section 2: `cl-metadata`, and problems under `errors`, `cl-errors` or `warnings`).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  "source-ref",
  "source-ref-metadata",
  "cl-metadata",
  "errors",
  "cl-errors",
  "warnings",
]);

/**
 * `K` -> `K-metadata` and `K-metadata` -> `K`, remembered: attribute names repeat on every line, and a
 * remembered key is already hashed, where a freshly built one must be hashed on every lookup. Bounded, so
 * a stream of unique keys cannot grow it without limit.
 */
const partnerKeys = new Map<string, string>();
const MAX_PARTNER_KEYS = 4096;

/**
 * The metadata key of attribute key `key`, or the attribute key of metadata key `key`.
 *
 * @internal
 */
export function partnerKey(key: string): string {
  let partner = partnerKeys.get(key);
  if (partner === undefined) {
    partner = key.endsWith(METADATA_SUFFIX) ? key.slice(0, -METADATA_SUFFIX.length) : key + METADATA_SUFFIX;
    if (partnerKeys.size >= MAX_PARTNER_KEYS) partnerKeys.clear();
    partnerKeys.set(key, partner);
  }
  return partner;
}

const S3_SCHEME = "s3://";
/**
 * Bucket names as Rekognition's own `S3Object.Bucket` shape takes them: letters, digits, `.`, `_` and `-`,
 * up to 255 characters (legacy us-east-1 names may be that long, with capitals and underscores). Today's
 * S3 rules (3-63 lowercase characters) are not enforced: older buckets break them, and AWS's own examples
 * use one-letter placeholders.
 */
const BUCKET_PATTERN = /^[0-9A-Za-z._-]{1,255}$/;
/**
 * `creation-date`: UTC ISO-8601 as AWS writes it, with or without a fraction of 1-6 digits, with or without
 * a trailing `Z` (DOMAIN section 2). An offset other than Z is not UTC, so it is refused.
 */
const CREATION_DATE_PATTERN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z?$/;

/** Days in each month of a leap year; February 29 is checked against the year separately. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The bucket and key of an `s3://bucket/key` URI. */
export interface S3Location {
  /** The bucket name. */
  readonly bucket: string;
  /** The object key (never empty). */
  readonly key: string;
}

/**
 * Reads the bucket of a well-formed `source-ref`, or `undefined` when it is not one. Cheaper than
 * {@link parseSourceRef} when only the bucket is needed (the one-bucket dataset check).
 *
 * @param sourceRef - a `source-ref` value.
 */
export function sourceRefBucket(sourceRef: unknown): string | undefined {
  if (sourceRefProblem(sourceRef) !== undefined) return undefined;
  const text = sourceRef as string;
  return text.slice(S3_SCHEME.length, text.indexOf("/", S3_SCHEME.length));
}

/**
 * Splits a well-formed `source-ref` into bucket and key, or returns `undefined` when it is not one.
 *
 * @param sourceRef - a `source-ref` value.
 */
export function parseSourceRef(sourceRef: unknown): S3Location | undefined {
  if (sourceRefProblem(sourceRef) !== undefined) return undefined;
  const text = sourceRef as string;
  const slash = text.indexOf("/", S3_SCHEME.length);
  return { bucket: text.slice(S3_SCHEME.length, slash), key: text.slice(slash + 1) };
}

/**
 * Why a `source-ref` value is not `s3://bucket/key` with a valid bucket name and a non-empty key, or
 * `undefined` when it is fine.
 *
 * @internal
 */
function sourceRefProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `must be a string "s3://bucket/key", got ${quoteValue(value)}`;
  if (!value.startsWith(S3_SCHEME)) return `must start with "s3://", got ${quoteValue(value)}`;
  const slash = value.indexOf("/", S3_SCHEME.length);
  if (slash < 0 || slash === value.length - 1) {
    return `must name an object key after the bucket ("s3://bucket/key"), got ${quoteValue(value)}`;
  }
  const bucket = value.slice(S3_SCHEME.length, slash);
  if (!BUCKET_PATTERN.test(bucket)) {
    return `has an invalid S3 bucket name ${quoteValue(bucket)} (1-255 letters, digits, ".", "_" or "-")`;
  }
  return undefined;
}

/**
 * Tells whether a `creation-date` is a UTC ISO-8601 date-time in one of the forms AWS writes, with a real
 * calendar date and time.
 *
 * @param value - a `creation-date` value.
 */
export function isCreationDate(value: unknown): value is string {
  // Lines of one batch mostly share a date: remember the last good one.
  if (value === lastGoodCreationDate && value !== undefined) return true;
  if (typeof value !== "string" || !CREATION_DATE_PATTERN.test(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (digits(value, 11, 2) < 24 && digits(value, 14, 2) < 60 && digits(value, 17, 2) < 60) {
    lastGoodCreationDate = value;
    return true;
  }
  return false;
}

let lastGoodCreationDate: string | undefined;

/** Reads `count` ASCII digits at `start` (already checked by the pattern) without allocating. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/** Length of a label name in Unicode code points (what "characters" means to the service). */
function labelLength(name: string): number {
  // Code units equal code points unless a surrogate pair is present; only count pairs near the limits.
  if (name.length <= MAX_LABEL_NAME_LENGTH) return name.length;
  let n = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length) {
      const d = name.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A plain (non-array) object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Collects the problems of one line (the array only exists once there is a problem) and what the
 * line-level checks need to know about its attributes. One object per line, so nothing else is allocated
 * for a clean line.
 */
class Collector {
  problems: ValidationProblem[] | undefined = undefined;
  errors = 0;
  /** Attributes recognised on the line (valid or not). */
  attributes = 0;
  /** Attributes with no attribute-level error. */
  validAttributes = 0;
  /** Valid attributes that carry at least one label (classification, or boxes with annotations). */
  annotatedAttributes = 0;
  /** Upper bound of distinct labels: classification attributes plus class-map entries. */
  labelBound = 0;
  /** Bounding boxes on the image, over every object-detection attribute. */
  boxes = 0;
  /** Whether one attribute alone already had too many boxes (reported there). */
  tooManyBoxesInOne = false;

  constructor(readonly lineNumber: number | undefined) {}

  add(code: ProblemCode, path: string, message: string, severity: ProblemSeverity = "error"): void {
    if (severity === "error") this.errors++;
    (this.problems ??= []).push(makeProblem(code, path, message, severity, this.lineNumber));
  }
}

/**
 * Checks one manifest line against every per-line rule of the format and returns its problems (an empty
 * array when it is clean). Never throws, whatever `line` is.
 *
 * @param line - a parsed manifest line (anything: a value that is not an object is reported, not thrown).
 */
export function validateLine(line: unknown): ValidationProblem[] {
  return validateLineAt(line, undefined);
}

/**
 * {@link validateLine} with each problem stamped with `lineNumber` when one is given.
 *
 * @internal
 */
export function validateLineAt(line: unknown, lineNumber: number | undefined): ValidationProblem[] {
  const c = new Collector(lineNumber);
  if (!isObject(line)) {
    c.add(
      "INVALID_JSON",
      "",
      `A manifest line must be a JSON object, got ${Array.isArray(line) ? "an array" : quoteValue(line)}.`,
    );
    return c.problems!;
  }
  const sourceRef = line["source-ref"];
  if (sourceRef === undefined) {
    c.add(
      "ERROR_MISSING_SOURCE_REF",
      "source-ref",
      'The line has no "source-ref" key (the image\'s S3 URI).',
    );
  } else {
    const why = sourceRefProblem(sourceRef);
    if (why !== undefined) c.add("ERROR_INVALID_SOURCE_REF_FORMAT", "source-ref", `"source-ref" ${why}.`);
  }

  const keys = Object.keys(line);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (RESERVED_KEYS.has(key)) continue;
    const value = line[key];
    if (key.endsWith(METADATA_SUFFIX)) {
      const base = partnerKey(key);
      // The attribute itself is validated when its own key comes up.
      if (base === "" || RESERVED_KEYS.has(base) || Object.hasOwn(line, base)) continue;
      if (isObject(value) && value.type !== undefined) {
        c.attributes++;
        c.add(
          "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
          base,
          `"${key}" has no label attribute "${base}" beside it; add "${base}" or remove "${key}".`,
        );
      }
      continue;
    }
    const metadataKey = partnerKey(key);
    if (Object.hasOwn(line, metadataKey)) {
      validateAttribute(c, key, value, metadataKey, line[metadataKey]);
    } else if (isObject(value) && (value.annotations !== undefined || value.image_size !== undefined)) {
      c.attributes++;
      c.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
        metadataKey,
        `The bounding-box attribute "${key}" has no "${metadataKey}" beside it.`,
      );
    }
  }

  if (c.attributes === 0) {
    c.add(
      "ERROR_NO_LABEL_ATTRIBUTES",
      "",
      'The line has no label attribute (a key "<name>" with a sibling "<name>-metadata").',
    );
  } else if (c.validAttributes === 0) {
    c.add("ERROR_NO_VALID_LABEL_ATTRIBUTES", "", "None of the line's label attributes is valid.");
  } else if (c.annotatedAttributes === 0) {
    c.add(
      "WARNING_UNANNOTATED_RECORD",
      "",
      "The line's label attributes carry no label: the image is not labelled.",
      "warning",
    );
  }
  if (c.boxes > MAX_BOUNDING_BOXES_PER_IMAGE && !c.tooManyBoxesInOne) {
    c.add(
      "ERROR_TOO_MANY_BOUNDING_BOXES",
      "",
      `The image has ${c.boxes} boxes over its attributes; at most ${MAX_BOUNDING_BOXES_PER_IMAGE} are allowed per image.`,
    );
  }
  if (c.labelBound > MAX_LABELS_PER_IMAGE) {
    const count = lineLabels(line, keys).boxesByLabel.size;
    if (count > MAX_LABELS_PER_IMAGE) {
      c.add(
        "TOO_MANY_LABELS",
        "",
        `The image has ${count} distinct labels; at most ${MAX_LABELS_PER_IMAGE} are allowed per image.`,
      );
    }
  }
  return c.problems ?? [];
}

/** Validates one attribute and its metadata. */
function validateAttribute(
  c: Collector,
  key: string,
  value: unknown,
  metadataKey: string,
  metadata: unknown,
): void {
  c.attributes++;
  const errorsBefore = c.errors;
  if (!isObject(metadata)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      metadataKey,
      `"${metadataKey}" must be an object, got ${quoteValue(metadata)}.`,
    );
    return;
  }
  const type = metadata.type;
  if (type === IMAGE_CLASSIFICATION_TYPE) {
    validateClassification(c, key, value, metadataKey, metadata);
  } else if (type === OBJECT_DETECTION_TYPE) {
    validateDetection(c, key, value, metadataKey, metadata);
  } else {
    if (type === undefined) {
      c.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
        `${metadataKey}.type`,
        `"${metadataKey}" has no "type"; use "${IMAGE_CLASSIFICATION_TYPE}" or "${OBJECT_DETECTION_TYPE}".`,
      );
    } else if (type === IMAGE_CLASSIFICATION_MULTILABEL_TYPE) {
      c.add(
        "ERROR_UNSUPPORTED_USE_CASE_TYPE",
        `${metadataKey}.type`,
        `Custom Labels does not accept "${IMAGE_CLASSIFICATION_MULTILABEL_TYPE}"; convert the line with fromMultiLabel() into one "${IMAGE_CLASSIFICATION_TYPE}" attribute per label.`,
      );
    } else {
      c.add(
        "ERROR_UNSUPPORTED_USE_CASE_TYPE",
        `${metadataKey}.type`,
        `Unsupported "type" ${quoteValue(type)}; use "${IMAGE_CLASSIFICATION_TYPE}" or "${OBJECT_DETECTION_TYPE}".`,
      );
    }
    validateCommonMetadata(c, metadataKey, metadata);
    return;
  }
  if (c.errors === errorsBefore) c.validAttributes++;
}

/** `human-annotated`, `creation-date` and `job-name`, shared by both attribute types. */
function validateCommonMetadata(c: Collector, metadataKey: string, metadata: Record<string, unknown>): void {
  const human = metadata["human-annotated"];
  if (human !== "yes" && human !== "no") {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.human-annotated`,
      `"human-annotated" must be "yes" or "no", got ${quoteValue(human)}.`,
    );
  }
  const date = metadata["creation-date"];
  if (!isCreationDate(date)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.creation-date`,
      `"creation-date" must be a UTC ISO-8601 date-time such as "2026-01-01T00:00:00.000Z", got ${quoteValue(date)}.`,
    );
  }
  const job = metadata["job-name"];
  if (job !== undefined && typeof job !== "string") {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.job-name`,
      `"job-name" must be a string when present, got ${quoteValue(job)}.`,
    );
  }
}

/** A confidence: a number from 0 to 1. */
function isConfidence(value: unknown): boolean {
  return typeof value === "number" && value >= 0 && value <= 1;
}

/** Reports a label name that is not a string of 1..255 characters; returns whether it is fine. */
function checkLabelName(c: Collector, path: string, name: unknown): boolean {
  if (typeof name !== "string") {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      path,
      `A label name must be a string, got ${quoteValue(name)}.`,
    );
    return false;
  }
  const length = name.length < MIN_LABEL_NAME_LENGTH ? name.length : labelLength(name);
  if (length < MIN_LABEL_NAME_LENGTH || length > MAX_LABEL_NAME_LENGTH) {
    c.add(
      "ERROR_INVALID_LABEL_NAME_LENGTH",
      path,
      `A label name must be ${MIN_LABEL_NAME_LENGTH} to ${MAX_LABEL_NAME_LENGTH} characters long, got ${length}: ${quoteValue(name)}.`,
    );
    return false;
  }
  return true;
}

/** An image-level label: integer value, `confidence`, `class-name` and the common metadata. */
function validateClassification(
  c: Collector,
  key: string,
  value: unknown,
  metadataKey: string,
  metadata: Record<string, unknown>,
): void {
  if (!Number.isInteger(value)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
      key,
      `An image-level label attribute's value must be an integer (the service ignores it), got ${quoteValue(value)}.`,
    );
  }
  const confidence = metadata.confidence;
  if (!isConfidence(confidence)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.confidence`,
      `"confidence" must be a number from 0 to 1, got ${quoteValue(confidence)}.`,
    );
  }
  if (checkLabelName(c, `${metadataKey}.class-name`, metadata["class-name"])) {
    c.labelBound++;
    c.annotatedAttributes++;
  }
  validateCommonMetadata(c, metadataKey, metadata);
}

/** Reports a box coordinate that is not a non-negative number; warns when it is not an integer. */
function checkCoordinate(c: Collector, key: string, index: number, field: string, value: unknown): boolean {
  if (typeof value !== "number" || !(value >= 0) || value === Number.POSITIVE_INFINITY) {
    c.add(
      "ERROR_INVALID_BOUNDING_BOX",
      `${key}.annotations[${index}].${field}`,
      `"${field}" must be a non-negative number of pixels, got ${quoteValue(value)}.`,
    );
    return false;
  }
  if (!Number.isInteger(value)) {
    c.add(
      "NON_INTEGER_COORDINATE",
      `${key}.annotations[${index}].${field}`,
      `"${field}" is ${value}; the format documents whole pixels and the service may reject fractions.`,
      "warning",
    );
  }
  return true;
}

/** Reads a valid image side, or reports it and returns -1. */
function imageSide(c: Collector, key: string, size: Record<string, unknown>, field: string): number {
  const side = size[field];
  if (Number.isInteger(side) && (side as number) >= MIN_IMAGE_SIDE && (side as number) <= MAX_IMAGE_SIDE) {
    return side as number;
  }
  c.add(
    "ERROR_INVALID_IMAGE_DIMENSION",
    `${key}.image_size[0].${field}`,
    `The image ${field} must be a whole number of pixels from ${MIN_IMAGE_SIDE} to ${MAX_IMAGE_SIDE}, got ${quoteValue(side)}.`,
  );
  return -1;
}

/** An object-localization attribute: `image_size`, `annotations`, `objects`, `class-map`. */
function validateDetection(
  c: Collector,
  key: string,
  value: unknown,
  metadataKey: string,
  metadata: Record<string, unknown>,
): void {
  validateCommonMetadata(c, metadataKey, metadata);

  const classMap = metadata["class-map"];
  if (isObject(classMap)) {
    // Object.values avoids turning every integer key into a string; keys are only needed to report.
    const names = Object.values(classMap);
    c.labelBound += names.length;
    let namesOk = true;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (
        typeof name !== "string" ||
        name.length < MIN_LABEL_NAME_LENGTH ||
        name.length > MAX_LABEL_NAME_LENGTH
      ) {
        namesOk = false;
        break;
      }
    }
    if (!namesOk) {
      for (const id of Object.keys(classMap))
        checkLabelName(c, `${metadataKey}.class-map.${id}`, classMap[id]);
    }
  } else {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.class-map`,
      `"class-map" must be an object of label names by class id, got ${quoteValue(classMap)}.`,
    );
  }
  const objects = metadata.objects;
  const objectsOk = Array.isArray(objects);
  if (!objectsOk) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.objects`,
      `"objects" must be a list with one {"confidence"} per annotation, got ${quoteValue(objects)}.`,
    );
  }

  if (!isObject(value)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
      key,
      `A bounding-box attribute's value must be an object with "image_size" and "annotations", got ${quoteValue(value)}.`,
    );
    return;
  }
  let width = -1;
  let height = -1;
  const imageSize = value.image_size;
  const size = Array.isArray(imageSize) && imageSize.length === 1 ? imageSize[0] : undefined;
  if (isObject(size)) {
    width = imageSide(c, key, size, "width");
    height = imageSide(c, key, size, "height");
    if (
      width > 0 &&
      height > 0 &&
      Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT_RATIO
    ) {
      c.add(
        "ERROR_INVALID_IMAGE_DIMENSION",
        `${key}.image_size[0]`,
        `The image is ${width}x${height} px; its sides may differ by at most ${MAX_IMAGE_ASPECT_RATIO}:1.`,
      );
    }
    const depth = size.depth;
    if (depth !== undefined && !(Number.isInteger(depth) && (depth as number) >= 1)) {
      c.add(
        "ERROR_INVALID_IMAGE_DIMENSION",
        `${key}.image_size[0].depth`,
        `The image depth must be a positive whole number of channels, got ${quoteValue(depth)}.`,
      );
    }
  } else {
    c.add(
      "ERROR_INVALID_IMAGE_DIMENSION",
      `${key}.image_size`,
      `"image_size" must be a one-element list [{"width", "height", "depth"}], got ${quoteValue(imageSize)}.`,
    );
  }

  const annotations = value.annotations;
  if (!Array.isArray(annotations)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
      `${key}.annotations`,
      `"annotations" must be a list of boxes, got ${quoteValue(annotations)}.`,
    );
    return;
  }
  const count = annotations.length;
  c.boxes += count;
  if (objectsOk && objects.length > count) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      `${metadataKey}.objects`,
      `"objects" has ${objects.length} entries for ${count} annotations; they must pair one to one.`,
    );
  }
  if (count === 0) {
    if (metadata["human-annotated"] === "yes") {
      c.add(
        "WARNING_NO_ANNOTATIONS",
        `${key}.annotations`,
        `"${key}" is human-annotated but has no boxes: the image counts as having none of the labels.`,
        "warning",
      );
    } else {
      c.add(
        "WARNING_NO_ATTRIBUTE_ANNOTATIONS",
        `${key}.annotations`,
        `"${key}" has no boxes; the attribute is not used.`,
        "warning",
      );
    }
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

  // Boxes are checked against the image only when its size is known; scale as the service does before training.
  const longest = Math.max(width, height);
  const scale = longest > BOX_SCALE_LONGEST_SIDE ? BOX_SCALE_LONGEST_SIDE / longest : 1;
  let validBoxes = 0;
  for (let i = 0; i < count; i++) {
    const errorsBefore = c.errors;
    const annotation: unknown = annotations[i];
    if (!isObject(annotation)) {
      c.add(
        "ERROR_INVALID_BOUNDING_BOX",
        `${key}.annotations[${i}]`,
        `An annotation must be an object {"class_id", "top", "left", "width", "height"}, got ${quoteValue(annotation)}.`,
      );
    } else {
      const classId = annotation.class_id;
      if (!Number.isInteger(classId) || (classId as number) < 0) {
        c.add(
          "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
          `${key}.annotations[${i}].class_id`,
          `"class_id" must be a non-negative integer, got ${quoteValue(classId)}.`,
        );
      } else if (isObject(classMap) && typeof classMap[classId as number] !== "string") {
        c.add(
          "ERROR_MISSING_CLASS_MAP_ID",
          `${key}.annotations[${i}].class_id`,
          `"class_id" ${classId} is not a key of "${metadataKey}.class-map".`,
        );
      }
      const left = annotation.left;
      const top = annotation.top;
      const boxWidth = annotation.width;
      const boxHeight = annotation.height;
      // Every coordinate is checked (no short-circuit) so that each bad one is reported.
      const leftOk = checkCoordinate(c, key, i, "left", left);
      const topOk = checkCoordinate(c, key, i, "top", top);
      const widthOk = checkCoordinate(c, key, i, "width", boxWidth);
      const heightOk = checkCoordinate(c, key, i, "height", boxHeight);
      if (leftOk && topOk && widthOk && heightOk) {
        const l = left as number;
        const t = top as number;
        const w = boxWidth as number;
        const h = boxHeight as number;
        if ((width > 0 && l + w > width) || (height > 0 && t + h > height)) {
          c.add(
            "ERROR_INVALID_BOUNDING_BOX",
            `${key}.annotations[${i}]`,
            `The box (left ${l}, top ${t}, width ${w}, height ${h}) goes past the ${width}x${height} image.`,
          );
        } else if (width > 0 && height > 0 && (w * scale <= 1 || h * scale <= 1)) {
          c.add(
            "ERROR_BOUNDING_BOX_TOO_SMALL",
            `${key}.annotations[${i}]`,
            `The box is ${w}x${h} px, which is 1 px or less on a side once the image is scaled to ${BOX_SCALE_LONGEST_SIDE} px on its longest side.`,
          );
        }
      }
    }
    if (objectsOk) {
      const object: unknown = objects[i];
      const confidence = isObject(object) ? object.confidence : undefined;
      if (typeof confidence !== "number") {
        c.add(
          "ERROR_MISSING_BOUNDING_BOX_CONFIDENCE",
          `${metadataKey}.objects[${i}].confidence`,
          `Box ${i} has no confidence: "objects[${i}]" must be {"confidence": <0..1>}, got ${quoteValue(object)}.`,
        );
      } else if (!isConfidence(confidence)) {
        c.add(
          "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
          `${metadataKey}.objects[${i}].confidence`,
          `"confidence" must be a number from 0 to 1, got ${quoteValue(confidence)}.`,
        );
      }
    }
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
