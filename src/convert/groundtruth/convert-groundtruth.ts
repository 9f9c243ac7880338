/**
 * SageMaker Ground Truth output manifests to a manifest Custom Labels takes.
 *
 * @module
 */

import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { isManifestReadError } from "../../errors/manifest-read-error.js";
import { isManifestValidationError } from "../../errors/manifest-validation-error.js";
import { METADATA_SUFFIX } from "../../manifest/attribute-keys.js";
import { fromMultiLabel } from "../../manifest/builders/multilabel.js";
import { type ManifestSource, readManifest } from "../../manifest/reader.js";
import {
  IMAGE_CLASSIFICATION_MULTILABEL_TYPE,
  IMAGE_CLASSIFICATION_TYPE,
  type ManifestLine,
  OBJECT_DETECTION_TYPE,
} from "../../manifest/types.js";
import { checkOutputOptions, OUTPUT_OPTION_KEYS } from "../options.js";
import type { ConversionReport, IssueItem } from "../report.js";
import { runConversion } from "../run.js";
import type {
  ConvertOptions,
  LabelMapInput,
  OutputOptions,
  PassThroughLine,
  ReaderContext,
} from "../types.js";

/** Options of {@link convertGroundTruth}. */
export interface GroundTruthConvertOptions extends OutputOptions {
  /** Rename, merge or drop labels (class names and class-map entries). @defaultValue none */
  readonly labelMap?: LabelMapInput;
}

const GROUND_TRUTH_OPTION_KEYS = [...OUTPUT_OPTION_KEYS, "labelMap"] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A class-map with each name through the label map; ids whose label is dropped are returned apart. */
function mappedClassMap(
  classMap: Json,
  mapLabel: ReaderContext["mapLabel"],
  item: IssueItem,
): { classMap: Json; dropped: Set<string> } {
  const result: Json = {};
  const dropped = new Set<string>();
  for (const [id, name] of Object.entries(classMap)) {
    if (typeof name !== "string") {
      result[id] = name;
      continue;
    }
    const to = mapLabel(name, item);
    if (to === null) dropped.add(id);
    else result[id] = to;
  }
  return { classMap: result, dropped };
}

/** One output line through the label map (attribute by attribute) and the multi-label conversion. */
function convertLine(line: ManifestLine, context: ReaderContext, item: IssueItem): ManifestLine {
  const out: Json = {};
  const keys = Object.keys(line);
  for (const key of keys) {
    const metadata = line[key + METADATA_SUFFIX];
    if (
      key.endsWith(METADATA_SUFFIX) &&
      isObject(line[key]) &&
      Object.hasOwn(line, key.slice(0, -METADATA_SUFFIX.length))
    ) {
      continue; // Written with its attribute (or left out with it).
    }
    if (key.endsWith(METADATA_SUFFIX) || !isObject(metadata)) {
      out[key] = line[key];
      continue;
    }
    const value = line[key];
    if (metadata.type === IMAGE_CLASSIFICATION_TYPE && typeof metadata["class-name"] === "string") {
      const to = context.mapLabel(metadata["class-name"], item);
      if (to === null) continue;
      out[key] = value;
      out[key + METADATA_SUFFIX] = { ...metadata, "class-name": to };
    } else if (metadata.type === IMAGE_CLASSIFICATION_MULTILABEL_TYPE && isObject(metadata["class-map"])) {
      const { classMap, dropped } = mappedClassMap(metadata["class-map"], context.mapLabel, item);
      const confidenceMap: Json = isObject(metadata["confidence-map"])
        ? { ...metadata["confidence-map"] }
        : {};
      const ids = Array.isArray(value) ? value.filter((id) => !dropped.has(String(id))) : value;
      if (Array.isArray(ids)) {
        for (const id of ids) {
          if (confidenceMap[String(id)] === undefined && typeof classMap[String(id)] === "string") {
            // Ground Truth outputs are seen with a confidence-map missing a label; the value is required
            // by the format and ignored by the service.
            confidenceMap[String(id)] = 1;
            context.report.add(
              "CONFIDENCE_FILLED",
              `"${key}-metadata.confidence-map" has no entry for class ${id}: confidence 1 written.`,
              item,
            );
          }
        }
      }
      context.report.add(
        "MULTILABEL_CONVERTED",
        `"${key}" (${IMAGE_CLASSIFICATION_MULTILABEL_TYPE}) became one image-level attribute per label.`,
        item,
      );
      out[key] = ids;
      out[key + METADATA_SUFFIX] = { ...metadata, "class-map": classMap, "confidence-map": confidenceMap };
    } else if (
      metadata.type === OBJECT_DETECTION_TYPE &&
      isObject(metadata["class-map"]) &&
      isObject(value)
    ) {
      const { classMap, dropped } = mappedClassMap(metadata["class-map"], context.mapLabel, item);
      if (dropped.size === 0) {
        out[key] = value;
        out[key + METADATA_SUFFIX] = { ...metadata, "class-map": classMap };
        continue;
      }
      const annotations = Array.isArray(value.annotations) ? value.annotations : [];
      const objects = Array.isArray(metadata.objects) ? metadata.objects : [];
      const keep = annotations.map(
        (annotation) => !(isObject(annotation) && dropped.has(String(annotation.class_id))),
      );
      out[key] = { ...value, annotations: annotations.filter((_, i) => keep[i]) };
      out[key + METADATA_SUFFIX] = {
        ...metadata,
        objects: objects.filter((_, i) => keep[i] ?? true),
        "class-map": classMap,
      };
    } else {
      out[key] = value;
      out[key + METADATA_SUFFIX] = metadata;
    }
  }
  return fromMultiLabel(out as ManifestLine);
}

async function* readGroundTruth(
  source: ManifestSource,
  file: string,
  context: ReaderContext,
): AsyncGenerator<PassThroughLine> {
  const records = readManifest(
    source,
    context.abortSignal === undefined ? {} : { abortSignal: context.abortSignal },
  );
  try {
    for await (const record of records) {
      context.report.itemsIn++;
      const item: IssueItem = { file, line: record.lineNumber };
      if (record.line === undefined) {
        const why = record.problems.map((problem) => problem.message).join(" ");
        context.report.add("INVALID_LINE", `Line ${record.lineNumber} cannot be read: ${why}`, item);
        continue;
      }
      const sourceRef = record.line["source-ref"];
      const lineItem = typeof sourceRef === "string" ? { ...item, image: sourceRef } : item;
      let line: ManifestLine;
      try {
        line = convertLine(record.line, context, lineItem);
      } catch (error) {
        if (!isManifestValidationError(error)) throw error;
        const text = error.problems
          .map((problem) => `${problem.code} at "${problem.path}": ${problem.message}`)
          .join("; ");
        context.report.add("INVALID_LINE", `Line ${record.lineNumber}: ${text}`, lineItem);
        continue;
      }
      yield { kind: "line", line, item: lineItem };
    }
  } catch (error) {
    if (isManifestReadError(error)) {
      throw new ConversionInputError({ format: "groundtruth", file, reason: error.message, cause: error });
    }
    throw error;
  }
}

/**
 * Converts a SageMaker Ground Truth output manifest into one Custom Labels takes. Multi-label
 * classification attributes (`groundtruth/image-classification-multilabel`, which the service refuses with
 * `ERROR_UNSUPPORTED_USE_CASE_TYPE`) become one `groundtruth/image-classification` attribute per label, of
 * whatever name the job gave them (a missing `confidence-map` entry is written as 1 and reported);
 * single-label classification and bounding-box attributes pass through unchanged. Every line is checked by
 * the library's validator: a line it refuses (another job type, a box past the image) is reported as
 * `INVALID_LINE` and left out.
 *
 * @param input - the output manifest: a path, a `file:` URL, a Node stream, an async iterable of text, or `{ text }`.
 * @param options - where to write, an optional label map, `strict`, `dryRun`, `abortSignal`.
 * @returns the report.
 * @throws `InvalidOptionsError` for a bad option; {@link ConversionInputError} when the file cannot be read;
 *   {@link ConversionError} with `strict` and a loss.
 * @example
 * ```ts
 * await convertGroundTruth("output.manifest", { output: "train.manifest" });
 * ```
 */
export async function convertGroundTruth(
  input: ManifestSource,
  options: GroundTruthConvertOptions,
): Promise<ConversionReport> {
  checkOutputOptions(options, GROUND_TRUTH_OPTION_KEYS);
  if (input === undefined || input === null || input === "") {
    throw new InvalidOptionsError({
      option: "input",
      expected: "a manifest file path, URL, stream or { text }",
      value: input,
    });
  }
  const labelMap = options.labelMap;
  if (labelMap !== undefined && !(typeof labelMap === "string" || typeof labelMap === "object")) {
    throw new InvalidOptionsError({
      option: "labelMap",
      expected: "an object, a Map or a file path",
      value: labelMap,
    });
  }
  const file = typeof input === "string" ? input : input instanceof URL ? input.pathname : "<stream>";
  const convertOptions: ConvertOptions = options;
  return runConversion("groundtruth", (context) => readGroundTruth(input, file, context), convertOptions);
}
