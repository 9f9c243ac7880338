/**
 * `convertYolo`: a YOLO detection dataset (one `.txt` per image, rows `class cx cy w h` normalized to
 * 0..1) to a manifest, through the shared writer.
 *
 * @module
 */
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { walkImageTree } from "../folders/local-tree.js";
import { readHeaderSize } from "../image-files/header-size.js";
import { type ImageSizes, type PixelSize, readSizesCsv } from "../image-files/sizes-csv.js";
import { CONVERT_OPTION_KEYS, checkConvertOptions } from "../options.js";
import type { ConversionReport, IssueItem } from "../report.js";
import { runConversion } from "../run.js";
import type { ConversionItem, ConvertedBox, ConvertOptions, ReaderContext } from "../types.js";
import { locateYoloDataset, readLabelFile, sizeKeys } from "./dataset-layout.js";
import { parseYoloLabelRows, yoloToPixels } from "./label-rows.js";

/** An image's size in pixels, as `imageSize` (`--image-size WxH`) gives it. */
export interface ImageDimensions {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** Options of {@link convertYolo}: the shared ones, and where the class names and image sizes come from. */
export interface YoloConvertOptions extends ConvertOptions {
  /**
   * The class names: a data YAML (`names` as a list or a map of class index to name) or a classes file (one
   * name per line, `classes.txt` / darknet's `obj.names`).
   *
   * @defaultValue the input itself when it is a YAML or classes file; for a folder, the first of
   * `data.yaml`, `dataset.yaml`, `classes.txt`, `obj.names` in it
   */
  readonly classes?: string;
  /**
   * A CSV of image sizes, `image,width,height` (header optional; `image` is the path from the dataset root
   * or the file name), for images whose files are not at hand. When no image file is found under the root,
   * its rows are the images converted.
   */
  readonly sizes?: string;
  /** The size of every image whose file is not at hand and that `sizes` does not list (`--image-size WxH`). */
  readonly imageSize?: ImageDimensions;
}

const YOLO_OPTION_KEYS = [...CONVERT_OPTION_KEYS, "classes", "sizes", "imageSize"] as const;

function checkYoloOptions(options: unknown): asserts options is YoloConvertOptions {
  checkConvertOptions(options, YOLO_OPTION_KEYS);
  const given = options as Readonly<Record<string, unknown>>;
  for (const key of ["classes", "sizes"]) {
    const value = given[key];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new InvalidOptionsError({ option: key, expected: "a file path", value });
    }
  }
  const size = given.imageSize as Record<string, unknown> | undefined;
  if (size !== undefined) {
    for (const side of ["width", "height"] as const) {
      const value = typeof size === "object" && size !== null ? size[side] : undefined;
      if (!Number.isInteger(value) || (value as number) <= 0) {
        throw new InvalidOptionsError({
          option: `imageSize.${side}`,
          expected: "a positive whole number",
          value,
        });
      }
    }
  }
}

/** An image to convert: its path from the root, and its file when it is at hand. */
interface YoloImage {
  readonly relativePath: string;
  readonly path?: string;
}

async function* imagesOf(
  root: string,
  sizes: ImageSizes | undefined,
  context: ReaderContext,
): AsyncGenerator<YoloImage> {
  let found = false;
  for await (const entry of walkImageTree(root)) {
    if (entry.kind === "linked-folder") {
      context.report.add(
        "LINKED_FOLDER_SKIPPED",
        `"${entry.relativePath}" links to a folder: not followed.`,
        {
          file: entry.relativePath,
        },
      );
      continue;
    }
    found = true;
    yield { relativePath: entry.relativePath, path: entry.path };
  }
  // No image at hand: the sizes CSV names the images (labels-only copies of a dataset whose images are in S3).
  if (!found && sizes !== undefined) for (const name of sizes.keys()) yield { relativePath: name };
}

/**
 * Converts a YOLO detection dataset to a manifest. Every image under the dataset's root (`.jpg`, `.jpeg`,
 * `.png`, any case) is one item; its label file is found by the Ultralytics rule (`images/` -> `labels/`,
 * extension -> `.txt`) or beside it (darknet). Each row `class cx cy w h` becomes a box of the class's name
 * in pixels: left = (cx - w/2) x W, top = (cy - h/2) x H, width = w x W, height = h x H, then the shared box
 * rules (rounding, clipping, the 50-box limit). A segmentation row (`class x1 y1 ... xn yn`) becomes the
 * box enclosing its polygon. The image's size comes from its file's header (read from its first bytes, no
 * decoding), else from `sizes`, else from `imageSize`.
 *
 * Report codes of its own: `UNKNOWN_CLASS_ID` (a class index with no name: box dropped), `MALFORMED_ROW` (a
 * row that is not a box, with the label file and line: skipped), `POLYGON_AS_BOX` (a segmentation row read
 * as its enclosing box), `IMAGE_SIZE_UNKNOWN` (boxes and no size: image skipped). An image with no label
 * file, or an empty one, has no annotations: `onImageWithoutAnnotations` decides.
 *
 * @param input - a data YAML (`data.yaml`), a classes file, or the dataset's folder.
 * @param options - the output and the shared rules; where class names and sizes come from.
 * @returns the report.
 * @throws `InvalidOptionsError` (from the main entry point) for options it cannot use, at once.
 * @throws {@link ConversionInputError} when the input has no usable class names or a file cannot be read.
 * @throws {@link ConversionError} with `strict`, when the report has a loss.
 */
export async function convertYolo(input: string, options: YoloConvertOptions): Promise<ConversionReport> {
  checkYoloOptions(options);
  if (typeof input !== "string" || input === "") {
    throw new InvalidOptionsError({
      option: "input",
      expected: "a data YAML, classes file or folder path",
      value: input,
    });
  }
  const dataset = await locateYoloDataset(input, options.classes);
  const sizes = options.sizes === undefined ? undefined : await readSizesCsv(options.sizes, "yolo");
  const reader = (context: ReaderContext) =>
    readYolo(dataset.root, dataset.names, sizes, options.imageSize, context);
  return runConversion("yolo", reader, options);
}

async function sizeOf(
  image: YoloImage,
  sizes: ImageSizes | undefined,
  imageSize: PixelSize | undefined,
): Promise<{ size?: PixelSize; why: string }> {
  let why = "its file is not at hand";
  if (image.path !== undefined) {
    const header = await readHeaderSize(image.path);
    if (header.kind === "size") return { size: header, why: "" };
    if (header.kind === "unreadable") why = `its header cannot be read (${header.reason})`;
  }
  for (const key of sizeKeys(image.relativePath)) {
    const size = sizes?.get(key);
    if (size !== undefined) return { size, why: "" };
  }
  if (imageSize !== undefined) return { size: imageSize, why: "" };
  return { why: `${why}, and neither \`sizes\` nor \`imageSize\` gives it` };
}

async function* readYolo(
  root: string,
  names: ReadonlyMap<number, string>,
  sizes: ImageSizes | undefined,
  imageSize: PixelSize | undefined,
  context: ReaderContext,
): AsyncGenerator<ConversionItem> {
  const { report } = context;
  for await (const image of imagesOf(root, sizes, context)) {
    context.abortSignal?.throwIfAborted();
    report.itemsIn++;
    const name = image.relativePath;
    const labelFile = await readLabelFile(root, name);
    const boxes: ConvertedBox[] = [];
    let unsized = 0;
    const { size, why } = await sizeOf(image, sizes, imageSize);
    if (labelFile !== undefined) {
      const file = labelFile.relativePath;
      const { rows, malformed } = parseYoloLabelRows(labelFile.text);
      for (const bad of malformed) {
        report.add("MALFORMED_ROW", `${file}:${bad.line}: "${bad.text}": ${bad.reason}; row skipped.`, {
          file,
          line: bad.line,
          image: name,
        });
      }
      for (const row of rows) {
        const item: IssueItem = { file, line: row.line, image: name };
        const label = names.get(row.classIndex);
        if (label === undefined) {
          report.add(
            "UNKNOWN_CLASS_ID",
            `${file}:${row.line}: class ${row.classIndex} has no name: box dropped.`,
            item,
          );
          continue;
        }
        if (row.fromPolygon) {
          report.add(
            "POLYGON_AS_BOX",
            `${file}:${row.line}: a polygon was read as the box enclosing it.`,
            item,
          );
        }
        if (size === undefined) unsized++;
        else boxes.push({ label, ...yoloToPixels(row, size.width, size.height), item });
      }
    }
    if (size === undefined) {
      if (unsized > 0) {
        report.add("IMAGE_SIZE_UNKNOWN", `"${name}" has ${unsized} box(es) but ${why}: skipped.`, {
          image: name,
        });
        continue;
      }
      yield { image: name, boxes: [], item: { image: name } };
      continue;
    }
    yield { image: name, width: size.width, height: size.height, boxes, item: { image: name } };
  }
}
