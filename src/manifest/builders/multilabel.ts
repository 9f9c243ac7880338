/**
 * The converter from SageMaker Ground Truth's multi-label classification output, which Custom Labels does
 * not accept, to one image-level label attribute per label.
 *
 * @module
 */

import { METADATA_SUFFIX } from "../attribute-keys.js";
import { quoteValue } from "../problems.js";
import {
  IMAGE_CLASSIFICATION_MULTILABEL_TYPE,
  IMAGE_CLASSIFICATION_TYPE,
  type ManifestLine,
} from "../types.js";
import { AttributeNamer } from "./attribute-names.js";
import { BuildProblems, checked } from "./common.js";

/**
 * Converts every `groundtruth/image-classification-multilabel` attribute of a line (a list of class ids as
 * value; `class-map` and `confidence-map` in its metadata, keyed by id as a string) into one
 * `groundtruth/image-classification` attribute per label, named after the label and unique on the line.
 * `human-annotated`, `creation-date` and `job-name` are carried over to each new attribute; every other key
 * of the line is kept, in place. A line without a multi-label attribute comes back unchanged.
 *
 * @param line - a line from a SageMaker Ground Truth multi-label job's output manifest.
 * @returns the converted line, which passes {@link validateLine} with no error.
 * @throws {@link ManifestValidationError} listing every problem (e.g. an id missing from `class-map` or
 *   `confidence-map`, or a job's output with no label for the image).
 */
export function fromMultiLabel(line: ManifestLine): ManifestLine {
  const problems = new BuildProblems();
  if (typeof line !== "object" || line === null || Array.isArray(line)) {
    problems.add("INVALID_JSON", "", `fromMultiLabel() takes a line object, got ${quoteValue(line)}.`);
    return checked({} as ManifestLine, problems, "fromMultiLabel()");
  }
  const keys = Object.keys(line);
  const multiLabel = new Set<string>();
  for (const key of keys) {
    const metadata = line[key + METADATA_SUFFIX] as { type?: unknown } | undefined;
    if (
      typeof metadata === "object" &&
      metadata !== null &&
      metadata.type === IMAGE_CLASSIFICATION_MULTILABEL_TYPE
    ) {
      multiLabel.add(key);
    }
  }
  if (multiLabel.size === 0) return checked(line, problems, "fromMultiLabel()");

  const namer = new AttributeNamer(
    keys.filter((key) => !multiLabel.has(key) && !multiLabel.has(baseOf(key))),
  );
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    if (multiLabel.has(baseOf(key)) && key.endsWith(METADATA_SUFFIX)) continue;
    if (!multiLabel.has(key)) {
      result[key] = line[key];
      continue;
    }
    const metadataKey = key + METADATA_SUFFIX;
    const metadata = line[metadataKey] as Record<string, unknown>;
    const ids = line[key];
    const classMap = asRecord(metadata["class-map"]);
    const confidenceMap = asRecord(metadata["confidence-map"]);
    if (!Array.isArray(ids)) {
      problems.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        key,
        `A multi-label attribute's value must be a list of class ids, got ${quoteValue(ids)}.`,
      );
      continue;
    }
    ids.forEach((id: unknown, i) => {
      // Ids are numbers in SageMaker's output; anything else cannot name a class-map key.
      const idKey = typeof id === "number" || typeof id === "string" ? String(id) : undefined;
      const name = idKey === undefined ? undefined : classMap?.[idKey];
      if (typeof name !== "string") {
        problems.add(
          "ERROR_MISSING_CLASS_MAP_ID",
          `${key}[${i}]`,
          `Class id ${quoteValue(id)} is not a key of "${metadataKey}.class-map".`,
        );
        return;
      }
      const confidence = confidenceMap?.[idKey as string];
      if (confidence === undefined) {
        problems.add(
          "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
          `${metadataKey}.confidence-map`,
          `Class id ${quoteValue(id)} has no entry in "${metadataKey}.confidence-map".`,
        );
      }
      const attribute = namer.next(name);
      const converted: Record<string, unknown> = {
        confidence,
        "class-name": name,
        "human-annotated": metadata["human-annotated"],
        "creation-date": metadata["creation-date"],
        type: IMAGE_CLASSIFICATION_TYPE,
      };
      if (metadata["job-name"] !== undefined) converted["job-name"] = metadata["job-name"];
      result[attribute] = id;
      result[attribute + METADATA_SUFFIX] = converted;
    });
  }
  return checked(result as ManifestLine, problems, "fromMultiLabel()");
}

function baseOf(key: string): string {
  return key.endsWith(METADATA_SUFFIX) ? key.slice(0, -METADATA_SUFFIX.length) : key;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
