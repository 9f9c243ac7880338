/**
 * The object-localization builder: one image, its size, and boxes given by label name.
 *
 * @module
 */

import { partnerKey } from "../attribute-keys.js";
import { quoteValue } from "../problems.js";
import { type ImageSize, type ManifestLine, OBJECT_DETECTION_TYPE } from "../types.js";
import { attributeNameProblem } from "./attribute-names.js";
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

/** One bounding box, in pixels from the image's top-left corner. */
export interface BoxInput {
  /** The box's label (1..255 characters). */
  readonly label: string;
  /** Pixels from the left edge. */
  readonly left: number;
  /** Pixels from the top edge. */
  readonly top: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** How sure the labeller was of this box, 0..1. @defaultValue the input's `confidence`, else 1 */
  readonly confidence?: number;
}

/** Input of {@link objectLocalization}. */
export interface ObjectLocalizationInput extends Omit<LabelProvenance, "confidence"> {
  /** The image, `s3://bucket/key`. */
  readonly sourceRef: string;
  /** The image's size in pixels (each side 64..4096); `depth` is written only when given. */
  readonly imageSize: ImageSize;
  /** The boxes (at most 50); an empty list marks an image with none of the labels. */
  readonly boxes: readonly BoxInput[];
  /** The attribute's key on the line. @defaultValue `"bounding-box"` */
  readonly attributeName?: string;
  /** Default confidence of every box, 0..1. @defaultValue 1 */
  readonly confidence?: number;
  /**
   * Class ids by label, to keep ids stable across images (e.g. a dataset-wide numbering). Every box's label
   * must be in it.
   *
   * @defaultValue ids 0, 1, 2... in order of first appearance on this image
   */
  readonly classIds?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
}

/** The default attribute name, as in AWS's examples. */
export const DEFAULT_BOX_ATTRIBUTE = "bounding-box";

/**
 * Builds a line with one object-localization attribute: the `image_size`, an annotation per box, and the
 * metadata's `objects` (one confidence per box) and `class-map` (label names by class id, string keys).
 * Key order is fixed, as in AWS's examples.
 *
 * @param input - the image, its size, its boxes and their metadata.
 * @param options - the clock for the default `creation-date`.
 * @returns a line that passes {@link validateLine} with no error.
 * @throws {@link ManifestValidationError} listing every problem of the input.
 */
export function objectLocalization(
  input: ObjectLocalizationInput,
  options: BuilderOptions = {},
): ManifestLine {
  const problems = new BuildProblems();
  const given = inputObject(input, "objectLocalization()", problems);
  const key = given.attributeName ?? DEFAULT_BOX_ATTRIBUTE;
  const why = key === DEFAULT_BOX_ATTRIBUTE ? undefined : attributeNameProblem(key);
  if (why !== undefined) {
    problems.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
      "attributeName",
      `Attribute name ${quoteValue(key)} ${why}.`,
    );
  }
  const attribute = why === undefined ? (key as string) : DEFAULT_BOX_ATTRIBUTE;

  const size = given.imageSize as ObjectLocalizationInput["imageSize"] | undefined;
  const imageSize =
    typeof size === "object" && size !== null
      ? size.depth === undefined
        ? { width: smi(size.width), height: smi(size.height) }
        : { width: smi(size.width), height: smi(size.height), depth: smi(size.depth) }
      : size;

  const boxes = given.boxes;
  const annotations: Record<string, unknown>[] = [];
  const objects: { confidence: unknown }[] = [];
  let classMap: Record<string, string> = {};
  let assigned: unknown[] | undefined;
  if (Array.isArray(boxes)) {
    const classIds = readClassIds(given.classIds, problems);
    // Labels in order of first appearance: a label's id is its index (a line has few labels, so a list
    // search beats a Map).
    assigned = classIds === undefined ? [] : undefined;
    const defaultConfidence = given.confidence ?? DEFAULT_CONFIDENCE;
    for (let i = 0; i < boxes.length; i++) {
      const box: unknown = boxes[i];
      if (typeof box !== "object" || box === null) {
        problems.add(
          "ERROR_INVALID_BOUNDING_BOX",
          `boxes[${i}]`,
          `A box must be an object, got ${quoteValue(box)}.`,
        );
        continue;
      }
      const { label, left, top, width, height, confidence } = box as Partial<BoxInput>;
      let classId: number | undefined;
      if (assigned !== undefined) {
        classId = assigned.indexOf(label);
        if (classId < 0) {
          classId = assigned.length;
          assigned.push(label);
        }
      } else {
        classId = typeof label === "string" ? classIds!.get(label) : undefined;
        if (classId === undefined) {
          problems.add(
            "ERROR_MISSING_CLASS_MAP_ID",
            `boxes[${i}].label`,
            `The label ${quoteValue(label)} has no id in "classIds".`,
          );
          continue;
        }
        classMap[classId] = label as string;
      }
      annotations.push({
        class_id: classId,
        top: smi(top),
        left: smi(left),
        width: smi(width),
        height: smi(height),
      });
      objects.push({ confidence: confidence ?? defaultConfidence });
    }
  } else {
    problems.add(
      "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
      "boxes",
      `"boxes" must be a list, got ${quoteValue(boxes)}.`,
    );
  }

  if (assigned !== undefined) classMap = firstAppearanceClassMap(assigned);
  const human = humanAnnotated(given.humanAnnotated);
  const date =
    given.creationDate === undefined
      ? nowIso(options)
      : creationDate(given.creationDate, "creationDate", problems);
  // Whole literals (rather than adding "job-name" afterwards) give objects JSON.stringify writes faster.
  const metadata: Record<string, unknown> =
    given.jobName === undefined
      ? {
          objects,
          "class-map": classMap,
          type: OBJECT_DETECTION_TYPE,
          "human-annotated": human,
          "creation-date": date,
        }
      : {
          objects,
          "class-map": classMap,
          type: OBJECT_DETECTION_TYPE,
          "human-annotated": human,
          "creation-date": date,
          "job-name": given.jobName,
        };
  const value = { image_size: [imageSize], annotations };
  // A literal with constant keys for the usual name: computed keys make V8 build the object slowly.
  const line: Record<string, unknown> =
    attribute === DEFAULT_BOX_ATTRIBUTE
      ? { "source-ref": given.sourceRef, "bounding-box": value, "bounding-box-metadata": metadata }
      : { "source-ref": given.sourceRef };
  if (attribute !== DEFAULT_BOX_ATTRIBUTE) {
    line[attribute] = value;
    line[partnerKey(attribute)] = metadata;
  }
  return checked(line as ManifestLine, problems, "objectLocalization()");
}

/** Reads `classIds` (object or Map) into a Map, reporting ids that are not non-negative integers or repeat. */
function readClassIds(value: unknown, problems: BuildProblems): Map<string, number> | undefined {
  if (value === undefined) return undefined;
  const ids = new Map<string, number>();
  let entries: Iterable<[unknown, unknown]>;
  if (value instanceof Map) entries = value.entries();
  else if (typeof value === "object" && value !== null) entries = Object.entries(value);
  else {
    problems.add(
      "ERROR_MISSING_CLASS_MAP_ID",
      "classIds",
      `"classIds" must be an object or a Map, got ${quoteValue(value)}.`,
    );
    return ids;
  }
  const owners = new Map<number, string>();
  for (const [label, id] of entries) {
    if (typeof label !== "string" || !Number.isInteger(id) || (id as number) < 0) {
      problems.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        `classIds.${typeof label === "string" ? label : quoteValue(label)}`,
        `A class id must be a non-negative integer, got ${quoteValue(id)}.`,
      );
      continue;
    }
    const owner = owners.get(id as number);
    if (owner !== undefined) {
      problems.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        `classIds.${label}`,
        `Class id ${id} is given to both ${quoteValue(owner)} and ${quoteValue(label)}.`,
      );
      continue;
    }
    owners.set(id as number, label);
    ids.set(label, id as number);
  }
  return ids;
}

/**
 * A whole number as a small integer when it is one, so JSON.stringify writes it on its fast path (computed
 * coordinates such as `Math.floor(x * scale)` are stored as doubles otherwise); any other value unchanged.
 */
function smi(value: unknown): unknown {
  return typeof value === "number" && (value | 0) === value ? value | 0 : value;
}

/**
 * The class-map for labels numbered 0, 1, 2... in order. Written as literals for the usual few labels:
 * an object filled by index keeps spare slots that make JSON.stringify slower on every line.
 */
function firstAppearanceClassMap(labels: readonly unknown[]): Record<string, string> {
  const l = labels as readonly string[];
  switch (l.length) {
    case 0:
      return {};
    case 1:
      return { 0: l[0]! };
    case 2:
      return { 0: l[0]!, 1: l[1]! };
    case 3:
      return { 0: l[0]!, 1: l[1]!, 2: l[2]! };
    case 4:
      return { 0: l[0]!, 1: l[1]!, 2: l[2]!, 3: l[3]! };
    case 5:
      return { 0: l[0]!, 1: l[1]!, 2: l[2]!, 3: l[3]!, 4: l[4]! };
    default: {
      const classMap: Record<string, string> = {};
      for (let i = 0; i < l.length; i++) classMap[i] = l[i]!;
      return classMap;
    }
  }
}
