/**
 * The metadata fields every attribute shares, and the image-level label attribute (Custom Labels guide,
 * "Importing image-level labels in manifest files").
 *
 * @module
 */
import { quoteValue } from "../problems.js";
import { type Collector, checkScalarFields, type ScalarField } from "./collector.js";
import { isCreationDate } from "./creation-date.js";
import { checkLabelName } from "./label-name.js";

/** A confidence: a number from 0 to 1 (required by the format, ignored by the service). */
export function isConfidence(value: number): boolean {
  return value >= 0 && value <= 1;
}

/** `human-annotated`, `creation-date` and `job-name`: every attribute's metadata has them. */
export const COMMON_METADATA_FIELDS: readonly ScalarField[] = [
  {
    key: "human-annotated",
    type: "string",
    optional: false,
    accepts: (value: string) => value === "yes" || value === "no",
    expected: '"yes" or "no"',
  },
  {
    key: "creation-date",
    type: "string",
    optional: false,
    accepts: isCreationDate,
    expected: 'a UTC ISO-8601 date-time such as "2026-01-01T00:00:00.000Z"',
  },
  { key: "job-name", type: "string", optional: true, accepts: () => true, expected: "a string when present" },
];

/** An image-level label's metadata: the common fields and its `confidence`. */
const CLASSIFICATION_METADATA_FIELDS: readonly ScalarField[] = [
  ...COMMON_METADATA_FIELDS,
  {
    key: "confidence",
    type: "number",
    optional: false,
    accepts: isConfidence,
    expected: "a number from 0 to 1",
  },
];

/** Matches a class index written as a string of digits, as SageMaker Ground Truth's own example writes it. */
const DIGITS = /^\d+$/;

/** An image-level label: integer value, `class-name`, `confidence` and the common metadata. */
export function validateClassification(
  c: Collector,
  key: string,
  value: unknown,
  metadataKey: string,
  metadata: Record<string, unknown>,
): void {
  if (!Number.isInteger(value)) {
    if (typeof value === "string" && DIGITS.test(value)) {
      c.add(
        "STRING_CLASS_INDEX",
        key,
        `The image-level label attribute's value is the string ${quoteValue(value)}, as SageMaker Ground Truth's classification example writes it; the Custom Labels format documents an integer, and what the service does with a string is not documented.`,
        "warning",
      );
    } else {
      c.mustBe(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        key,
        "An image-level label attribute's value",
        "an integer (the service ignores it)",
        value,
      );
    }
  }
  if (checkLabelName(c, `${metadataKey}.class-name`, metadata["class-name"])) {
    c.labelBound++;
    c.annotatedAttributes++;
  }
  checkScalarFields(
    c,
    metadata,
    metadataKey,
    CLASSIFICATION_METADATA_FIELDS,
    "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
    "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
  );
}
