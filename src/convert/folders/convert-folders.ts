/**
 * `convertFolders`: a folder tree whose folder names are the labels (the console's convention), local or
 * in S3, to a manifest of image-level labels, through the shared writer.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { CONVERT_OPTION_KEYS, checkConvertOptions } from "../options.js";
import type { ConversionReport } from "../report.js";
import { runConversion } from "../run.js";
import type { ConversionItem, ConvertOptions, ReaderContext } from "../types.js";
import { folderLabel, isImageName } from "./folder-label.js";
import { walkImageTree } from "./local-tree.js";
import {
  listS3Keys,
  loadS3Module,
  parseS3Uri,
  type S3Location,
  type S3Module,
  S3ModuleMissing,
} from "./s3-prefix.js";

/** Options of {@link convertFolders}. */
export interface FoldersConvertOptions extends ConvertOptions {
  /**
   * The S3 client that lists an `s3://` input (ListObjectsV2 pages; needs `s3:ListBucket`).
   *
   * @defaultValue a new `S3Client` with the SDK's default configuration (region and credentials from the
   * environment)
   */
  readonly s3Client?: S3Client;
}

const FOLDERS_OPTION_KEYS = [...CONVERT_OPTION_KEYS, "s3Client"] as const;

/**
 * Loads `@aws-sdk/client-s3`, or throws the error telling to install it.
 *
 * @param uri - the input, for the error.
 * @param importer - how to import it (tests replace it).
 * @internal
 */
export async function s3ModuleFor(uri: string, importer?: () => Promise<unknown>): Promise<S3Module> {
  try {
    return await loadS3Module(importer);
  } catch (error) {
    if (!(error instanceof S3ModuleMissing)) throw error;
    throw new ConversionInputError({
      format: "folders",
      file: uri,
      reason:
        "listing an S3 prefix needs the optional peer dependency @aws-sdk/client-s3, which is not installed. Run `npm install @aws-sdk/client-s3`.",
      cause: error.cause,
    });
  }
}

/**
 * Converts a folder tree to a manifest of image-level labels, as the Rekognition console does when it
 * labels images by folder: each image's label is the name of its immediate parent folder under the root
 * (`root/cats/tabby/1.jpg` is labelled `tabby`); an image directly in the root gets no label (`IMAGE_IN_ROOT`,
 * then `onImageWithoutAnnotations` decides). Only `.jpg`, `.jpeg` and `.png` files (any case) are images.
 *
 * A local folder is walked with `fs.opendir`, entries streamed (memory holds the folders still to read,
 * not the file list); symbolic links to folders are not followed (`LINKED_FOLDER_SKIPPED`: a link can loop).
 * Each image's name is its path from the root, mapped through `images` to its `s3://` URI.
 *
 * An `s3://bucket/prefix/` is listed with ListObjectsV2 (every page) through `@aws-sdk/client-s3`, an
 * optional peer dependency loaded only here; each key is written as `s3://bucket/key` byte for byte (spaces,
 * Unicode and zero-width characters as S3 returns them, nothing encoded), so `images` is not needed.
 *
 * @param input - a local folder, or `s3://bucket/prefix/`.
 * @param options - the output and the shared rules; `s3Client` for an S3 input.
 * @returns the report.
 * @throws `InvalidOptionsError` (from the main entry point) for options it cannot use, at once.
 * @throws {@link ConversionInputError} for a missing folder, or an S3 input without `@aws-sdk/client-s3`.
 * @throws {@link ConversionError} with `strict`, when the report has a loss.
 */
export async function convertFolders(
  input: string,
  options: FoldersConvertOptions,
): Promise<ConversionReport> {
  checkConvertOptions(options, FOLDERS_OPTION_KEYS);
  const client = (options as { s3Client?: unknown }).s3Client;
  if (
    client !== undefined &&
    (typeof client !== "object" || client === null || typeof (client as S3Client).send !== "function")
  ) {
    throw new InvalidOptionsError({ option: "s3Client", expected: "an S3Client", value: client });
  }
  if (typeof input !== "string" || input === "") {
    throw new InvalidOptionsError({
      option: "input",
      expected: "a folder path or an s3://bucket/prefix/ URI",
      value: input,
    });
  }
  if (input.startsWith("s3://")) {
    const location = parseS3Uri(input);
    if (location === undefined) {
      throw new InvalidOptionsError({
        option: "input",
        expected: "an s3://bucket/prefix/ URI",
        value: input,
      });
    }
    const module = await s3ModuleFor(input);
    const s3 = options.s3Client ?? new module.S3Client({});
    return runConversion("folders", (context) => readS3Tree(s3, module, location, context), options);
  }
  const folder = await stat(input).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) {
    throw new ConversionInputError({
      format: "folders",
      file: input,
      reason:
        folder === undefined ? "no such folder." : "not a folder: give the root folder of the labelled tree.",
    });
  }
  return runConversion("folders", (context) => readLocalTree(input, context), options);
}

function imageItem(image: string, relativePath: string, context: ReaderContext): ConversionItem {
  context.report.itemsIn++;
  const label = folderLabel(relativePath);
  if (label === undefined) {
    context.report.add(
      "IMAGE_IN_ROOT",
      `"${image}" is directly in the root folder: no folder names its label.`,
      {
        image,
      },
    );
    return { image, labels: [], item: { image } };
  }
  return { image, labels: [label], item: { image } };
}

async function* readLocalTree(root: string, context: ReaderContext): AsyncGenerator<ConversionItem> {
  for await (const entry of walkImageTree(root)) {
    context.abortSignal?.throwIfAborted();
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
    yield imageItem(entry.relativePath, entry.relativePath, context);
  }
}

async function* readS3Tree(
  client: S3Client,
  module: S3Module,
  location: S3Location,
  context: ReaderContext,
): AsyncGenerator<ConversionItem> {
  for await (const key of listS3Keys(client, module, location, context.abortSignal)) {
    if (key.endsWith("/") || !isImageName(key)) continue;
    yield imageItem(`s3://${location.bucket}/${key}`, key.slice(location.prefix.length), context);
  }
}
