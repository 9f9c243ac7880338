/**
 * Per-line validation: every rule of the Custom Labels manifest format that can be checked on one line.
 * The line-level rules are here; each attribute type's rules are in `validate/` (one file per concern).
 *
 * How a key is recognised as a label attribute (the format lets users name attributes freely):
 * - a key `K` with a sibling `K-metadata` key is an attribute, whatever the values;
 * - a `K-metadata` key whose value is an object with a `type`, and no sibling `K`, is half an attribute
 *   (its value is missing: `ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT`);
 * - a key `K` with no `K-metadata` whose value is shaped like a bounding-box value (an object with
 *   `annotations` or `image_size`) is half an attribute (its metadata is missing:
 *   `ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT`);
 * - half an attribute is not an attribute: a line with no whole one has `ERROR_NO_LABEL_ATTRIBUTES`, which
 *   the Custom Labels guide says "occurs whenever the bounding-box or bounding-box-metadata key (or both)
 *   is missing" ("Non-Terminal JSON Line Validation Errors");
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
import { MAX_BOUNDING_BOXES_PER_IMAGE, MAX_LABELS_PER_IMAGE } from "../limits.js";
import { METADATA_SUFFIX, partnerKey, RESERVED_KEYS } from "./attribute-keys.js";
import { lineLabels } from "./labels.js";
import { quoteValue, type ValidationProblem } from "./problems.js";
import { sourceRefProblem } from "./source-ref.js";
import {
  IMAGE_CLASSIFICATION_MULTILABEL_TYPE,
  IMAGE_CLASSIFICATION_TYPE,
  OBJECT_DETECTION_TYPE,
} from "./types.js";
import { COMMON_METADATA, validateClassification } from "./validate/classification.js";
import { Collector, checkScalarFields, isObject } from "./validate/collector.js";
import { validateDetection } from "./validate/detection.js";

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
  checkSourceRef(c, line["source-ref"]);
  const keys = Object.keys(line);
  for (let i = 0; i < keys.length; i++) checkKey(c, line, keys[i]!);
  checkLineTotals(c, line, keys);
  return c.problems ?? [];
}

/** `source-ref`: present, and `s3://bucket/key`. */
function checkSourceRef(c: Collector, sourceRef: unknown): void {
  if (sourceRef === undefined) {
    c.add(
      "ERROR_MISSING_SOURCE_REF",
      "source-ref",
      'The line has no "source-ref" key (the image\'s S3 URI).',
    );
    return;
  }
  const why = sourceRefProblem(sourceRef);
  if (why !== undefined) c.add("ERROR_INVALID_SOURCE_REF_FORMAT", "source-ref", `"source-ref" ${why}.`);
}

/** Recognises one key as a label attribute (or half of one) and validates it; see the module's comment. */
function checkKey(c: Collector, line: Record<string, unknown>, key: string): void {
  if (RESERVED_KEYS.has(key)) return;
  const value = line[key];
  if (key.endsWith(METADATA_SUFFIX)) {
    const base = partnerKey(key);
    // The attribute itself is validated when its own key comes up.
    if (base === "" || RESERVED_KEYS.has(base) || Object.hasOwn(line, base)) return;
    if (isObject(value) && value.type !== undefined) {
      c.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        base,
        `"${key}" has no label attribute "${base}" beside it; add "${base}" or remove "${key}".`,
      );
    }
    return;
  }
  const metadataKey = partnerKey(key);
  if (Object.hasOwn(line, metadataKey)) {
    validateAttribute(c, key, value, metadataKey, line[metadataKey]);
  } else if (isObject(value) && (value.annotations !== undefined || value.image_size !== undefined)) {
    c.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      metadataKey,
      `The bounding-box attribute "${key}" has no "${metadataKey}" beside it.`,
    );
  }
}

/** Validates one attribute and its metadata, by the metadata's `type`. */
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
    c.mustBe(
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      metadataKey,
      `"${metadataKey}"`,
      "an object",
      metadata,
    );
    return;
  }
  const type = metadata.type;
  if (type === IMAGE_CLASSIFICATION_TYPE) {
    validateClassification(c, key, value, metadataKey, metadata);
  } else if (type === OBJECT_DETECTION_TYPE) {
    validateDetection(c, key, value, metadataKey, metadata);
  } else {
    reportUnsupportedType(c, metadataKey, type);
    checkScalarFields(
      c,
      metadata,
      metadataKey,
      "",
      COMMON_METADATA,
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
    );
    return;
  }
  if (c.errors === errorsBefore) c.validAttributes++;
}

/** A `type` missing, or not one of the two the service takes (Custom Labels guide, ERROR_UNSUPPORTED_USE_CASE_TYPE). */
function reportUnsupportedType(c: Collector, metadataKey: string, type: unknown): void {
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
}

/** What only the whole line shows: no attribute, no valid one, no label, too many boxes or labels. */
function checkLineTotals(c: Collector, line: Record<string, unknown>, keys: readonly string[]): void {
  if (c.attributes === 0) {
    c.add(
      "ERROR_NO_LABEL_ATTRIBUTES",
      "",
      'The line has no label attribute (a key "<name>" with a sibling "<name>-metadata").',
    );
  } else if (c.validAttributes === 0) {
    c.add("ERROR_NO_VALID_LABEL_ATTRIBUTES", "", "None of the line's label attributes is valid.");
  } else if (c.annotatedAttributes === 0 && c.humanAnnotatedWithoutBoxes) {
    c.add(
      "WARNING_NO_ANNOTATIONS",
      "",
      "The line is human-annotated but has no box: the image counts as having none of the labels.",
      "warning",
    );
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
}
