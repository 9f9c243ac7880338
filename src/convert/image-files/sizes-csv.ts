/**
 * Image sizes given as a CSV file, `image,width,height` (a header row is optional), for images that are
 * not at hand to read their headers.
 *
 * @module
 * @internal
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { ConversionInputError } from "../../errors/conversion-input-error.js";

/** A size in whole pixels. */
export interface PixelSize {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** Sizes by image name, as the CSV writes it, in its row order. */
export type ImageSizes = ReadonlyMap<string, PixelSize>;

const POSITIVE_INTEGER = /^\s*[1-9]\d*\s*$/;

/**
 * Reads a sizes CSV (RFC 4180 quoting, through csv-parse). A first row whose width and height are not
 * numbers is a header. Any other row that is not `name,width,height` with positive whole sides is an error
 * naming the file and line, as is a name given twice with two sizes.
 *
 * @param file - the CSV file.
 * @param format - the converter's format, for the error.
 * @throws {@link ConversionInputError} when the file cannot be read or a row is not a size.
 */
export async function readSizesCsv(file: string, format: string): Promise<ImageSizes> {
  const fail = (reason: string, line?: number, cause?: unknown): never => {
    throw new ConversionInputError({
      format,
      file,
      ...(line === undefined ? {} : { line }),
      reason,
      ...(cause === undefined ? {} : { cause }),
    });
  };
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    fail(
      `the sizes file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      undefined,
      error,
    );
  }
  let records: { record: string[]; info: { lines: number } }[] = [];
  try {
    // With `info`, each record comes with where it ends (csv-parse's types do not model that option).
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    fail(`not a valid CSV: ${(error as Error).message}.`, line, error);
  }
  const sizes = new Map<string, PixelSize>();
  for (let i = 0; i < records.length; i++) {
    const { record, info } = records[i]!;
    const line = info.lines;
    const [name, width, height] = record;
    if (record.length !== 3 || name === undefined || width === undefined || height === undefined) {
      fail(`a sizes row must be image,width,height; this one has ${record.length} fields.`, line);
      continue;
    }
    if (!POSITIVE_INTEGER.test(width) || !POSITIVE_INTEGER.test(height)) {
      if (i === 0) continue; // a header row
      fail(`the width and height must be positive whole numbers, got "${width}" and "${height}".`, line);
    }
    const size = { width: Number(width), height: Number(height) };
    const earlier = sizes.get(name);
    if (earlier !== undefined && (earlier.width !== size.width || earlier.height !== size.height)) {
      fail(
        `"${name}" is given two sizes (${earlier.width}x${earlier.height} and ${size.width}x${size.height}).`,
        line,
      );
    }
    sizes.set(name, size);
  }
  return sizes;
}

/**
 * Parses `WxH` (`640x480`), as `--image-size` takes it.
 *
 * @returns the size, or `undefined` when the text is not two positive whole numbers around an `x`.
 */
export function parseImageSize(text: string): PixelSize | undefined {
  const match = /^\s*([1-9]\d*)\s*[xX×]\s*([1-9]\d*)\s*$/.exec(text);
  return match === null ? undefined : { width: Number(match[1]), height: Number(match[2]) };
}
