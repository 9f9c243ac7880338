/**
 * `convertVoc`: Pascal VOC annotation files (one XML per image) to a manifest, through the shared writer.
 *
 * @module
 */
import { opendir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { readHeaderSize } from "../image-files/header-size.js";
import { CONVERT_OPTION_KEYS, checkConvertOptions } from "../options.js";
import type { ConversionReport, IssueItem } from "../report.js";
import { runConversion } from "../run.js";
import type { ConversionItem, ConvertedBox, ConvertOptions, ReaderContext } from "../types.js";
import { parseVocAnnotation, vocToPixels } from "./voc-annotation.js";

/** What to do with VOC objects flagged `difficult` or `truncated`. */
export type VocFlagRule = "keep" | "drop";

/** Options of {@link convertVoc}. */
export interface VocConvertOptions extends ConvertOptions {
  /** Objects marked `<difficult>1</difficult>`: kept (counted as `DIFFICULT_KEPT`) or dropped. @defaultValue "keep" */
  readonly difficult?: VocFlagRule;
  /** Objects marked `<truncated>1</truncated>`: kept (counted as `TRUNCATED_KEPT`) or dropped. @defaultValue "keep" */
  readonly truncated?: VocFlagRule;
  /**
   * A local folder holding the images, to read a size from an image's header when its XML has no usable
   * `size`. The XML's own folder and a sibling `JPEGImages` folder (the VOC layout) are looked in too.
   */
  readonly imageFolder?: string;
}

const VOC_OPTION_KEYS = [...CONVERT_OPTION_KEYS, "difficult", "truncated", "imageFolder"] as const;

function checkVocOptions(options: unknown): asserts options is VocConvertOptions {
  checkConvertOptions(options, VOC_OPTION_KEYS);
  const given = options as Readonly<Record<string, unknown>>;
  for (const key of ["difficult", "truncated"]) {
    const value = given[key];
    if (value !== undefined && value !== "keep" && value !== "drop") {
      throw new InvalidOptionsError({ option: key, expected: '"keep" or "drop"', value });
    }
  }
  if (
    given.imageFolder !== undefined &&
    (typeof given.imageFolder !== "string" || given.imageFolder === "")
  ) {
    throw new InvalidOptionsError({
      option: "imageFolder",
      expected: "a folder path",
      value: given.imageFolder,
    });
  }
}

/** The XML files of the input: a folder's `.xml` files (any depth, any case), or the files given. */
async function* xmlFiles(input: string | readonly string[]): AsyncGenerator<string> {
  const given = typeof input === "string" ? [input] : input;
  for (const path of given) {
    const found = await stat(path).catch(() => undefined);
    if (found === undefined)
      throw new ConversionInputError({ format: "voc", file: path, reason: "no such file or folder." });
    if (!found.isDirectory()) {
      yield path;
      continue;
    }
    for await (const entry of await opendir(path, { recursive: true, bufferSize: 64 })) {
      if (entry.isFile() && /\.xml$/i.test(entry.name)) yield join(entry.parentPath, entry.name);
    }
  }
}

/** The image's size from its header, looked for where VOC keeps images, or why there is none. */
async function headerSize(
  xmlFile: string,
  filename: string,
  imageFolder: string | undefined,
): Promise<{ width: number; height: number } | string> {
  const places = [
    ...(imageFolder === undefined ? [] : [join(imageFolder, filename)]),
    join(dirname(xmlFile), filename),
    join(dirname(xmlFile), "..", "JPEGImages", filename),
  ];
  for (const place of places) {
    const header = await readHeaderSize(place);
    if (header.kind === "size") return header;
    if (header.kind === "unreadable")
      return `no usable <size>, and the header of ${place} cannot be read (${header.reason})`;
  }
  return "no usable <size>, and the image is not at hand (give `imageFolder`)";
}

/**
 * Converts Pascal VOC annotation files to a manifest: each XML is one image, `filename` its name (mapped
 * through `images`), `size` its size (else the image file's header, when at hand), each `object` a box of
 * its `name`. VOC numbers pixels from 1 and its boxes include both end pixels (the VOC devkit's evaluation
 * measures a box as `xmax - xmin + 1` wide), so a box becomes left = xmin - 1, top = ymin - 1,
 * width = xmax - xmin + 1, height = ymax - ymin + 1: exact for whole numbers; float coordinates go through
 * the shared rounding rule.
 *
 * Report codes of its own: `DIFFICULT_KEPT` / `DIFFICULT_DROPPED`, `TRUNCATED_KEPT` / `TRUNCATED_DROPPED`
 * (as the options say), `MALFORMED_OBJECT` (no name or numeric box: dropped), `IMAGE_SIZE_UNKNOWN` (no
 * `size` and no image header: skipped).
 *
 * @param input - a folder (its `.xml` files at any depth), one XML file, or a list of them.
 * @param options - the output, the shared rules, and what to do with difficult and truncated objects.
 * @returns the report.
 * @throws `InvalidOptionsError` (from the main entry point) for options it cannot use, at once.
 * @throws {@link ConversionInputError} for a missing path, broken XML (with its line and column) or XML that
 * is not a VOC annotation.
 * @throws {@link ConversionError} with `strict`, when the report has a loss.
 */
export async function convertVoc(
  input: string | readonly string[],
  options: VocConvertOptions,
): Promise<ConversionReport> {
  checkVocOptions(options);
  if (
    !(typeof input === "string"
      ? input !== ""
      : Array.isArray(input) && input.every((p) => typeof p === "string" && p !== ""))
  ) {
    throw new InvalidOptionsError({
      option: "input",
      expected: "a folder or XML file path, or a list of them",
      value: input,
    });
  }
  return runConversion("voc", (context) => readVoc(input, options, context), options);
}

async function* readVoc(
  input: string | readonly string[],
  options: VocConvertOptions,
  context: ReaderContext,
): AsyncGenerator<ConversionItem> {
  const { report } = context;
  const dropDifficult = options.difficult === "drop";
  const dropTruncated = options.truncated === "drop";
  for await (const file of xmlFiles(input)) {
    context.abortSignal?.throwIfAborted();
    report.itemsIn++;
    let xml: string;
    try {
      xml = await readFile(file, "utf8");
    } catch (error) {
      throw new ConversionInputError({
        format: "voc",
        file,
        reason: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
        cause: error,
      });
    }
    const annotation = parseVocAnnotation(xml);
    if ("problem" in annotation) {
      throw new ConversionInputError({
        format: "voc",
        file,
        ...(annotation.line === undefined ? {} : { line: annotation.line }),
        ...(annotation.column === undefined ? {} : { column: annotation.column }),
        reason: `${annotation.problem}.`,
      });
    }
    const image = annotation.filename;
    if (image === undefined) {
      report.add("IMAGE_NOT_FOUND", `${file} has no <filename>: skipped.`, { file });
      continue;
    }
    const item: IssueItem = { file, image };
    for (const bad of annotation.badObjects) {
      report.add("MALFORMED_OBJECT", `${basename(file)}: object ${bad.index}: ${bad.reason}; dropped.`, {
        ...item,
        imageId: bad.index,
      });
    }
    const boxes: ConvertedBox[] = [];
    for (const object of annotation.objects) {
      const boxItem: IssueItem = { ...item, imageId: object.index };
      if (object.difficult) {
        if (dropDifficult) {
          report.add(
            "DIFFICULT_DROPPED",
            `${basename(file)}: object ${object.index} ("${object.name}") is difficult: dropped.`,
            boxItem,
          );
          continue;
        }
        report.add(
          "DIFFICULT_KEPT",
          `${basename(file)}: object ${object.index} ("${object.name}") is difficult: kept.`,
          boxItem,
        );
      }
      if (object.truncated) {
        if (dropTruncated) {
          report.add(
            "TRUNCATED_DROPPED",
            `${basename(file)}: object ${object.index} ("${object.name}") is truncated: dropped.`,
            boxItem,
          );
          continue;
        }
        report.add(
          "TRUNCATED_KEPT",
          `${basename(file)}: object ${object.index} ("${object.name}") is truncated: kept.`,
          boxItem,
        );
      }
      boxes.push({ label: object.name, ...vocToPixels(object), item: boxItem });
    }
    let size: { width: number; height: number; depth?: number } | undefined = annotation.size;
    if (size === undefined) {
      const found = await headerSize(file, image, options.imageFolder);
      if (typeof found === "string") {
        if (boxes.length > 0) {
          report.add(
            "IMAGE_SIZE_UNKNOWN",
            `${basename(file)} ("${image}") has ${boxes.length} box(es) but ${found}: skipped.`,
            item,
          );
          continue;
        }
      } else size = { width: found.width, height: found.height };
    }
    yield size === undefined
      ? { image, boxes, item }
      : size.depth === undefined
        ? { image, width: size.width, height: size.height, boxes, item }
        : { image, width: size.width, height: size.height, depth: size.depth, boxes, item };
  }
}
