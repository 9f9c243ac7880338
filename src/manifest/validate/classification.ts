/**
 * The metadata fields every attribute shares, and the image-level label attribute (Custom Labels guide,
 * "Importing image-level labels in manifest files").
 *
 * @module
 */
import { quoteValue } from "../problems.js";
import { type Collector, checkScalarFields, meets, type ScalarTable } from "./collector.js";
import { checkLabelName } from "./label-name.js";

/** `human-annotated`, `creation-date` and `job-name`: every attribute's metadata has them. */
export const COMMON_METADATA: ScalarTable = {
  fields: [
    { key: "human-annotated", type: "string", optional: false, rule: "yes-or-no", expected: '"yes" or "no"' },
    {
      key: "creation-date",
      type: "string",
      optional: false,
      rule: "creation-date",
      expected: 'a UTC ISO-8601 date-time such as "2026-01-01T00:00:00.000Z"',
    },
    {
      key: "job-name",
      type: "string",
      optional: true,
      rule: "any-string",
      expected: "a string when present",
    },
  ],
  allFine: (metadata) =>
    meets("yes-or-no", metadata["human-annotated"]) &&
    meets("creation-date", metadata["creation-date"]) &&
    (metadata["job-name"] === undefined || meets("any-string", metadata["job-name"])),
};

/** An image-level label's metadata: the common fields and its `confidence`. */
export const CLASSIFICATION_METADATA: ScalarTable = {
  fields: [
    ...COMMON_METADATA.fields,
    {
      key: "confidence",
      type: "number",
      optional: false,
      rule: "confidence",
      expected: "a number from 0 to 1",
    },
  ],
  allFine: (metadata) => COMMON_METADATA.allFine(metadata) && meets("confidence", metadata.confidence),
};

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
    "",
    CLASSIFICATION_METADATA,
    "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
    "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
  );
}
