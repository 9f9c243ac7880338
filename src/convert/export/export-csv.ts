/**
 * A manifest to a CSV sheet, in either layout {@link convertCsv} reads.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import type { ManifestSource } from "../../manifest/reader.js";
import type { CsvLayout } from "../csv/convert-csv.js";
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

/** Options of {@link exportCsv}. */
export interface CsvExportOptions extends ExportOptions {
  /**
   * `"labels"`: a row `image,label,label...` per image (image-level labels; boxes are reported as
   * `NOT_REPRESENTABLE`); `"boxes"`: a header and a row per box
   * (`image,label,left,top,width,height,image_width,image_height`), image-level labels as rows with no
   * coordinates.
   *
   * @defaultValue `"labels"`
   */
  readonly layout?: CsvLayout;
  /** Write a header row (the boxes layout always has one). @defaultValue true */
  readonly header?: boolean;
}

const CSV_EXPORT_OPTION_KEYS = [...EXPORT_OPTION_KEYS, "layout", "header"] as const;

const BOX_HEADER = ["image", "label", "left", "top", "width", "height", "image_width", "image_height"];

/**
 * Writes a manifest as a CSV sheet (RFC 4180: fields with commas, quotes or line breaks are quoted), in
 * the image-level layout or the box layout that {@link convertCsv} reads back. Streamed, row by row.
 *
 * @param manifest - the manifest: a path, a `file:` URL, a Node stream, an async iterable of text, or `{ text }`.
 * @param options - the layout, where to write, the `images` prefix to cut, `strict`, `dryRun`, `abortSignal`.
 * @returns the report (`itemsIn`: manifest lines; `linesOut`: CSV rows written, header excluded).
 * @throws `InvalidOptionsError`; {@link ConversionInputError} when the manifest cannot be read;
 *   {@link ConversionError} with `strict` and a loss.
 * @example
 * ```ts
 * await exportCsv("train.manifest", { layout: "boxes", output: "boxes.csv" });
 * ```
 */
export async function exportCsv(
  manifest: ManifestSource,
  options: CsvExportOptions,
): Promise<ConversionReport> {
  checkExportOptions(options, CSV_EXPORT_OPTION_KEYS);
  const layout = options.layout ?? "labels";
  if (layout !== "labels" && layout !== "boxes") {
    throw new InvalidOptionsError({
      option: "layout",
      expected: '"labels" or "boxes"',
      value: options.layout,
    });
  }
  if (options.header !== undefined && typeof options.header !== "boolean") {
    throw new InvalidOptionsError({ option: "header", expected: "a boolean", value: options.header });
  }
  const file = sourceName(manifest);
  const nameOf = fileNamer(options.images);
  const row = (cells: readonly unknown[]) =>
    stringify([cells], { eof: true, record_delimiter: "unix", quoted_match: /^\s|\s$/ });
  return runExport("csv", options, async (sink, report) => {
    if (layout === "boxes") await sink.write(row(BOX_HEADER));
    else if (options.header !== false) await sink.write(row(["image", "label"]));
    for await (const image of manifestImages(manifest, file, report, options.abortSignal)) {
      const name = nameOf(image.sourceRef);
      const item = { file, line: image.lineNumber, image: image.sourceRef };
      if (layout === "labels") {
        if (image.boxes.length > 0) {
          report.add(
            "NOT_REPRESENTABLE",
            `${image.boxes.length} box(es) have no place in the labels layout: left out (use layout "boxes").`,
            item,
          );
        }
        await sink.write(row([name, ...image.labels]));
        report.linesOut++;
        continue;
      }
      const size = [image.width ?? "", image.height ?? ""];
      for (const label of image.labels) {
        await sink.write(row([name, label, "", "", "", "", ...size]));
        report.linesOut++;
      }
      for (const box of image.boxes) {
        await sink.write(row([name, box.label, box.left, box.top, box.width, box.height, ...size]));
        report.linesOut++;
      }
      if (image.labels.length === 0 && image.boxes.length === 0) {
        await sink.write(row([name, "", "", "", "", "", ...size]));
        report.linesOut++;
      }
    }
  });
}
