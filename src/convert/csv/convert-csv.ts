/**
 * CSV sheets to a manifest: image-level labels (`image,label[,label...]`) or boxes
 * (`image,label,left,top,width,height[,image_width,image_height]`, one row per box).
 *
 * @module
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { CONVERT_OPTION_KEYS, checkConvertOptions, fileOrStreamInput } from "../options.js";
import type { ConversionReport, IssueCollector, IssueItem } from "../report.js";
import { runConversion } from "../run.js";
import type { ConvertedBox, ConvertedImage, ConvertOptions, ReaderContext } from "../types.js";

/** The two CSV layouts. */
export type CsvLayout = "labels" | "boxes";

/** Options of {@link convertCsv}. */
export interface CsvConvertOptions extends ConvertOptions {
  /**
   * `"labels"`: `image,label[,label...]`, image-level labels; `"boxes"`: one box per row under a header
   * naming `image,label,left,top,width,height` (and optionally `image_width,image_height`).
   *
   * @defaultValue `"boxes"` when the first row is a header naming `image`, `left`, `top`, `width` and `height`
   *   (any order), else `"labels"`
   */
  readonly layout?: CsvLayout;
  /**
   * Whether the first row is a header (labels layout; the boxes layout always has one).
   *
   * @defaultValue detected: a first row whose first cell is `image`, `images`, `file`, `filename`,
   *   `file_name`, `image_name`, `path` or `source-ref` (any case) is a header
   */
  readonly header?: boolean;
  /** The field separator. @defaultValue `","` */
  readonly delimiter?: string;
  /** The name the report gives a stream input. @defaultValue the path, or `"<stream>"` */
  readonly inputName?: string;
}

const CSV_OPTION_KEYS = [...CONVERT_OPTION_KEYS, "layout", "header", "delimiter", "inputName"] as const;

/** First cells that mark a header row: the name of an image column, never an image's file name. */
const IMAGE_COLUMN_NAMES = new Set([
  "image",
  "images",
  "file",
  "filename",
  "file_name",
  "image_name",
  "path",
  "source-ref",
]);

const BOX_COLUMNS = ["image", "label", "left", "top", "width", "height"] as const;

interface PendingImage {
  image: string;
  item: IssueItem;
  labels: string[];
  boxes: ConvertedBox[];
  width?: number;
  height?: number;
  rows: number;
}

function rowsOf(
  input: string | Readable,
  delimiter: string,
): AsyncIterable<{ record: string[]; info: { lines: number } }> {
  const source = typeof input === "string" ? createReadStream(input) : input;
  const parser = parse({
    bom: true,
    delimiter,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  source.on("error", (error: Error) => parser.destroy(error));
  return source.pipe(parser) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
}

function numberCell(
  text: string | undefined,
  column: string,
  file: string,
  line: number,
): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new ConversionInputError({
      format: "csv",
      file,
      line,
      where: column,
      reason: `"${text}" is not a number.`,
    });
  }
  return value;
}

async function* readCsv(
  input: string | Readable,
  file: string,
  options: CsvConvertOptions,
  context: ReaderContext,
): AsyncGenerator<ConvertedImage> {
  const report: IssueCollector = context.report;
  // Rows of one image are merged whatever their order, so images are held until the end: a label list or
  // a few numbers per row, far less than the manifest.
  const images = new Map<string, PendingImage>();
  let layout = options.layout;
  let columns: Map<string, number> | undefined;
  let first = true;
  try {
    for await (const { record, info } of rowsOf(input, options.delimiter ?? ",")) {
      context.abortSignal?.throwIfAborted();
      const line = info.lines;
      if (first) {
        first = false;
        const names = record.map((cell) => cell.toLowerCase());
        const looksLikeHeader = IMAGE_COLUMN_NAMES.has(names[0] ?? "");
        const boxHeader = ["image", "left", "top", "width", "height"].every((name) => names.includes(name));
        layout ??= boxHeader ? "boxes" : "labels";
        if (layout === "boxes") {
          columns = new Map(names.map((name, index) => [name, index]));
          const missing = BOX_COLUMNS.filter((name) => !columns!.has(name));
          if (missing.length > 0) {
            throw new ConversionInputError({
              format: "csv",
              file,
              line,
              reason: `the boxes layout needs a header naming ${BOX_COLUMNS.join(",")} (and optionally image_width,image_height); missing: ${missing.join(", ")}.`,
            });
          }
          continue;
        }
        if (options.header ?? looksLikeHeader) continue;
      }
      if (layout === "boxes" && record.length !== columns!.size) {
        throw new ConversionInputError({
          format: "csv",
          file,
          line,
          reason: `the row has ${record.length} fields where the header has ${columns!.size}.`,
        });
      }
      report.itemsIn++;
      const image = record[columns?.get("image") ?? 0] ?? "";
      const item: IssueItem = { file, line, image };
      if (image === "") {
        report.add("INVALID_LINE", `Row ${line} names no image: skipped.`, item);
        continue;
      }
      let pending = images.get(image);
      if (pending === undefined) {
        pending = { image, item, labels: [], boxes: [], rows: 0 };
        images.set(image, pending);
      }
      pending.rows++;
      if (layout === "labels") {
        if (pending.rows > 1) {
          report.add(
            "DUPLICATE_IMAGE_MERGED",
            `"${image}" is on rows ${pending.item.line} and ${line}: labels merged.`,
            item,
          );
        }
        const labels = record.slice(1).filter((label) => label !== "");
        if (labels.length === 0) report.add("EMPTY_ROW", `Row ${line} has no label for "${image}".`, item);
        pending.labels.push(...labels);
        continue;
      }
      const at = (name: string) => record[columns!.get(name) ?? -1];
      const label = at("label") ?? "";
      const width = numberCell(at("image_width"), "image_width", file, line);
      const height = numberCell(at("image_height"), "image_height", file, line);
      if (width !== undefined) pending.width ??= width;
      if (height !== undefined) pending.height ??= height;
      const coordinates = (["left", "top", "width", "height"] as const).map((name) =>
        numberCell(at(name), name, file, line),
      );
      if (coordinates.every((value) => value === undefined)) {
        // A row with no box: an image-level label, or (no label either) an image listed without annotations.
        if (label !== "") pending.labels.push(label);
        continue;
      }
      if (coordinates.some((value) => value === undefined) || label === "") {
        report.add("INVALID_BOX", `Row ${line} has a box with a missing label or coordinate: dropped.`, item);
        continue;
      }
      const [left, top, boxWidth, boxHeight] = coordinates as number[];
      pending.boxes.push({ label, left: left!, top: top!, width: boxWidth!, height: boxHeight!, item });
    }
  } catch (error) {
    if (error instanceof ConversionInputError || context.abortSignal?.aborted === true) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const line = (error as { lines?: number }).lines;
    throw new ConversionInputError({
      format: "csv",
      file,
      ...(typeof line === "number" ? { line } : {}),
      reason:
        code === "ENOENT" || code === "EISDIR" || code === "EACCES"
          ? `the file cannot be read (${code}).`
          : `${(error as Error).message}.`,
      cause: error,
    });
  }
  for (const pending of images.values()) {
    const converted: ConvertedImage = {
      image: pending.image,
      item: pending.item,
      labels: pending.labels,
      boxes: pending.boxes,
      ...(pending.width === undefined ? {} : { width: pending.width }),
      ...(pending.height === undefined ? {} : { height: pending.height }),
    };
    yield converted;
  }
}

/**
 * Converts a CSV file into a manifest. Fields are read as RFC 4180 says (a quoted `"big, cat"` is one
 * label; spaces around fields are trimmed; a UTF-8 byte order mark is ignored).
 *
 * - `labels` layout: `image,label[,label...]`, one image-level label attribute per label; a header row is
 *   detected (or set with `header`) and never taken for an image.
 * - `boxes` layout: a header naming `image,label,left,top,width,height` and optionally
 *   `image_width,image_height` (in any order; other columns ignored), one box per row, pixels from the
 *   top-left corner. A row with a label and no coordinates is an image-level label.
 *
 * Rows of one image are merged into one line (repeated image-level rows are reported as
 * `DUPLICATE_IMAGE_MERGED`); an image is never written twice. A boxes row whose field count differs from the
 * header's is refused with its line number.
 *
 * @param input - the file's path, or a readable stream of it.
 * @param options - the layout, where to write and the conversion's rules.
 * @returns the report.
 * @throws `InvalidOptionsError` for a bad option; {@link ConversionInputError} for a file that cannot be
 *   read as CSV of the layout (with the line); {@link ConversionError} with `strict` and a loss.
 * @example
 * ```ts
 * const report = await convertCsv("labels.csv", { images: "s3://my-bucket/photos/", output: "train.manifest" });
 * ```
 */
export async function convertCsv(
  input: string | Readable,
  options: CsvConvertOptions,
): Promise<ConversionReport> {
  checkConvertOptions(options, CSV_OPTION_KEYS);
  if (options.layout !== undefined && options.layout !== "labels" && options.layout !== "boxes") {
    throw new InvalidOptionsError({
      option: "layout",
      expected: '"labels" or "boxes"',
      value: options.layout,
    });
  }
  if (options.header !== undefined && typeof options.header !== "boolean") {
    throw new InvalidOptionsError({ option: "header", expected: "a boolean", value: options.header });
  }
  if (
    options.delimiter !== undefined &&
    (typeof options.delimiter !== "string" || options.delimiter.length !== 1)
  ) {
    throw new InvalidOptionsError({
      option: "delimiter",
      expected: "one character",
      value: options.delimiter,
    });
  }
  const file = fileOrStreamInput(input, options.inputName);
  return runConversion("csv", (context) => readCsv(input, file, options, context), options);
}
