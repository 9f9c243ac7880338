/**
 * Reading a manifest back into images (labels and boxes resolved through each line's class map), for the
 * exports.
 *
 * @module
 */
import { METADATA_SUFFIX } from "../../manifest/attribute-keys.js";
import { type ManifestSource, readManifest } from "../../manifest/reader.js";
import { IMAGE_CLASSIFICATION_TYPE, type ManifestLine, OBJECT_DETECTION_TYPE } from "../../manifest/types.js";
import type { IssueCollector } from "../report.js";

/** One image of a manifest, as the exports write it. @internal */
export interface ManifestImage {
  readonly sourceRef: string;
  readonly lineNumber: number;
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly labels: string[];
  readonly boxes: { label: string; left: number; top: number; width: number; height: number }[];
  readonly creationDate: string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A line's image-level labels and boxes (every attribute), with the first image size and date found. */
export function imageOfLine(line: ManifestLine, lineNumber: number): ManifestImage {
  const labels: string[] = [];
  const boxes: ManifestImage["boxes"] = [];
  let width: number | undefined;
  let height: number | undefined;
  let creationDate: string | undefined;
  for (const key of Object.keys(line)) {
    if (key === "source-ref" || key.endsWith(METADATA_SUFFIX)) continue;
    const metadata = line[key + METADATA_SUFFIX];
    if (!isObject(metadata)) continue;
    if (typeof metadata["creation-date"] === "string") creationDate ??= metadata["creation-date"];
    if (metadata.type === IMAGE_CLASSIFICATION_TYPE) {
      const name = metadata["class-name"];
      if (typeof name === "string" && !labels.includes(name)) labels.push(name);
    } else if (metadata.type === OBJECT_DETECTION_TYPE) {
      const value = line[key];
      const classMap = metadata["class-map"];
      if (!isObject(value) || !isObject(classMap)) continue;
      const size = Array.isArray(value.image_size) ? value.image_size[0] : undefined;
      if (isObject(size) && typeof size.width === "number" && typeof size.height === "number") {
        width ??= size.width;
        height ??= size.height;
      }
      for (const annotation of Array.isArray(value.annotations) ? value.annotations : []) {
        if (!isObject(annotation)) continue;
        const name = classMap[String(annotation.class_id)];
        const { left, top, width: w, height: h } = annotation;
        if (typeof name !== "string") continue;
        if (
          typeof left !== "number" ||
          typeof top !== "number" ||
          typeof w !== "number" ||
          typeof h !== "number"
        )
          continue;
        boxes.push({ label: name, left, top, width: w, height: h });
      }
    }
  }
  return { sourceRef: line["source-ref"] as string, lineNumber, width, height, labels, boxes, creationDate };
}

/**
 * The images of a manifest, one per line; lines that cannot be read are reported and skipped.
 *
 * @internal
 */
export async function* manifestImages(
  source: ManifestSource,
  file: string,
  report: IssueCollector,
  signal: AbortSignal | undefined,
): AsyncGenerator<ManifestImage> {
  for await (const record of readManifest(source, signal === undefined ? {} : { abortSignal: signal })) {
    report.itemsIn++;
    const line = record.line;
    if (line === undefined || typeof line["source-ref"] !== "string") {
      report.add(
        "UNREADABLE_LINE",
        `Line ${record.lineNumber} is not a JSON object with a source-ref: skipped.`,
        {
          file,
          line: record.lineNumber,
        },
      );
      continue;
    }
    yield imageOfLine(line, record.lineNumber);
  }
}
