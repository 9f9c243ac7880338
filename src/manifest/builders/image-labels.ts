/**
 * The image-level label builder: one image, one attribute per label.
 *
 * @module
 */

import { partnerKey } from "../attribute-keys.js";
import { quoteValue } from "../problems.js";
import { IMAGE_CLASSIFICATION_TYPE, type ManifestLine } from "../types.js";
import { AttributeNamer, attributeNameProblem } from "./attribute-names.js";
import {
  type BuilderOptions,
  BuildProblems,
  checked,
  creationDate,
  DEFAULT_CONFIDENCE,
  humanAnnotated,
  inputObject,
  type LabelProvenance,
  nowIso,
} from "./common.js";

/** One image-level label, with what differs from the image's defaults. */
export interface ImageLabel extends LabelProvenance {
  /** The label (1..255 characters). */
  readonly name: string;
  /**
   * The attribute's key on the line.
   *
   * @defaultValue derived from the name (`"Echo Dot"` -> `"echo-dot"`), made unique on the line
   */
  readonly attributeName?: string;
}

/** Input of {@link imageLabels}. */
export interface ImageLabelsInput extends LabelProvenance {
  /** The image, `s3://bucket/key`. */
  readonly sourceRef: string;
  /** The labels: names, or objects that override the defaults given here for one label. */
  readonly labels: readonly (string | ImageLabel)[];
}

/**
 * Builds a line with image-level labels: one `groundtruth/image-classification` attribute per label (the
 * service does not take SageMaker's multi-label type). A label given twice is kept once (the first).
 * Attribute names come from the label names unless given, unique on the line and never confused with
 * `source-ref` or a `-metadata` key. Key order is fixed: `source-ref`, then each attribute followed by its
 * metadata (`confidence`, `class-name`, `human-annotated`, `creation-date`, `type`, `job-name`).
 *
 * @param input - the image, its labels, and defaults for their metadata.
 * @param options - the clock for the default `creation-date`.
 * @returns a line that passes {@link validateLine} with no error.
 * @throws {@link ManifestValidationError} listing every problem of the input.
 */
export function imageLabels(input: ImageLabelsInput, options: BuilderOptions = {}): ManifestLine {
  const problems = new BuildProblems();
  const given = inputObject(input, "imageLabels()", problems);
  const line: Record<string, unknown> = { "source-ref": given.sourceRef };
  const labels = given.labels;
  if (!Array.isArray(labels)) {
    problems.add(
      "ERROR_NO_LABEL_ATTRIBUTES",
      "labels",
      `"labels" must be a list of labels, got ${quoteValue(labels)}.`,
    );
    return checked(line as ManifestLine, problems, "imageLabels()");
  }
  const namer = new AttributeNamer(["source-ref"]);
  // Names given explicitly are reserved first, so derived names never take them.
  for (let i = 0; i < labels.length; i++) {
    const label: unknown = labels[i];
    const explicit =
      typeof label === "object" && label !== null ? (label as ImageLabel).attributeName : undefined;
    if (explicit === undefined) continue;
    const why = attributeNameProblem(explicit);
    if (why !== undefined || !namer.isFree(explicit)) {
      problems.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        `labels[${i}].attributeName`,
        `Attribute name ${quoteValue(explicit)} ${why ?? "is already used on this line"}.`,
      );
    } else {
      namer.take(explicit);
    }
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < labels.length; i++) {
    const entry: unknown = labels[i];
    const label: Partial<ImageLabel> =
      typeof entry === "object" && entry !== null ? (entry as ImageLabel) : { name: entry as string };
    const name = label.name;
    if (seen.has(name)) continue;
    seen.add(name);
    const explicit = label.attributeName;
    const key =
      typeof explicit === "string" && attributeNameProblem(explicit) === undefined
        ? explicit
        : namer.next(typeof name === "string" ? name : "label");
    const confidence = label.confidence ?? given.confidence ?? DEFAULT_CONFIDENCE;
    const human = humanAnnotated(label.humanAnnotated ?? given.humanAnnotated);
    const givenDate = label.creationDate ?? given.creationDate;
    const date =
      givenDate === undefined
        ? nowIso(options)
        : creationDate(givenDate, `labels[${i}].creationDate`, problems);
    const jobName = label.jobName ?? given.jobName;
    // Whole literals (rather than adding "job-name" afterwards) give objects JSON.stringify writes faster.
    line[key] = 1;
    line[partnerKey(key)] =
      jobName === undefined
        ? {
            confidence,
            "class-name": name,
            "human-annotated": human,
            "creation-date": date,
            type: IMAGE_CLASSIFICATION_TYPE,
          }
        : {
            confidence,
            "class-name": name,
            "human-annotated": human,
            "creation-date": date,
            type: IMAGE_CLASSIFICATION_TYPE,
            "job-name": jobName,
          };
  }
  return checked(line as ManifestLine, problems, "imageLabels()");
}
