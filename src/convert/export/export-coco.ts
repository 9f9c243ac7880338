/**
 * A manifest to a COCO instances file.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManifestSource } from "../../manifest/reader.js";
import type { ConversionReport } from "../report.js";
import { manifestImages } from "./manifest-images.js";
import {
  checkExportOptions,
  EXPORT_OPTION_KEYS,
  type ExportOptions,
  fileNamer,
  runExport,
  sourceName,
} from "./run-export.js";

/** Options of {@link exportCoco}. */
export type CocoExportOptions = ExportOptions;

/**
 * Writes a manifest as a COCO instances file: one `images` entry per line (`file_name` from the
 * `source-ref`, less the `images` prefix; `width`/`height` from the box attribute's `image_size`;
 * `date_captured` from the first `creation-date`), one `annotations` entry per box (`bbox` `[left, top,
 * width, height]`, `area`, `iscrowd: 0`, empty `segmentation`), and one category per label name (ids 1, 2,
 * ... in order of first appearance). COCO instances hold no image-level labels: each is reported as
 * `NOT_REPRESENTABLE`. The output is streamed (annotations are held in a temporary file until the images
 * are written), never built in memory.
 *
 * @param manifest - the manifest: a path, a `file:` URL, a Node stream, an async iterable of text, or `{ text }`.
 * @param options - where to write, the `images` prefix to cut, `strict`, `dryRun`, `abortSignal`.
 * @returns the report (`itemsIn`: manifest lines; `linesOut`: images written).
 * @throws `InvalidOptionsError`; {@link ConversionInputError} when the manifest cannot be read;
 *   {@link ConversionError} with `strict` and a loss.
 * @example
 * ```ts
 * await exportCoco("train.manifest", { images: "s3://my-bucket/photos/", output: "instances.json" });
 * ```
 */
export async function exportCoco(
  manifest: ManifestSource,
  options: CocoExportOptions,
): Promise<ConversionReport> {
  checkExportOptions(options, EXPORT_OPTION_KEYS);
  const file = sourceName(manifest);
  const nameOf = fileNamer(options.images);
  return runExport("coco", options, async (sink, report) => {
    const spoolPath = join(tmpdir(), `.rekognition-datasets-coco-${randomBytes(6).toString("hex")}.tmp`);
    const spool = await open(spoolPath, "wx");
    try {
      const categories = new Map<string, number>();
      let pendingAnnotations: string[] = [];
      let annotationId = 0;
      let imageId = 0;
      await sink.write('{"info":{"description":"Exported by rekognition-datasets"},"licenses":[],"images":[');
      for await (const image of manifestImages(manifest, file, report, options.abortSignal)) {
        imageId++;
        const entry: Record<string, unknown> = { id: imageId, file_name: nameOf(image.sourceRef) };
        if (image.width !== undefined) entry.width = image.width;
        if (image.height !== undefined) entry.height = image.height;
        if (image.creationDate !== undefined) entry.date_captured = image.creationDate;
        await sink.write(`${imageId === 1 ? "" : ","}${JSON.stringify(entry)}`);
        report.linesOut++;
        for (const label of image.labels) {
          report.add(
            "NOT_REPRESENTABLE",
            `Image-level label "${label}" has no place in COCO instances: left out.`,
            { file, line: image.lineNumber, image: image.sourceRef },
          );
        }
        for (const box of image.boxes) {
          let category = categories.get(box.label);
          if (category === undefined) {
            category = categories.size + 1;
            categories.set(box.label, category);
          }
          annotationId++;
          pendingAnnotations.push(
            `${annotationId === 1 ? "" : ","}${JSON.stringify({
              id: annotationId,
              image_id: imageId,
              category_id: category,
              bbox: [box.left, box.top, box.width, box.height],
              area: box.width * box.height,
              iscrowd: 0,
              segmentation: [],
            })}`,
          );
          if (pendingAnnotations.length >= 4096) {
            await spool.write(pendingAnnotations.join(""));
            pendingAnnotations = [];
          }
        }
      }
      await spool.write(pendingAnnotations.join(""));
      await spool.close();
      await sink.write('],"annotations":[');
      for await (const chunk of createReadStream(spoolPath, { encoding: "utf8" }))
        await sink.write(chunk as string);
      const list = [...categories].map(([name, id]) => JSON.stringify({ id, name, supercategory: "none" }));
      await sink.write(`],"categories":[${list.join(",")}]}\n`);
    } finally {
      await spool.close().catch(() => undefined);
      await rm(spoolPath, { force: true });
    }
  });
}
