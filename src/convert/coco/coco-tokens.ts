/**
 * Reads a COCO instances file as a stream of JSON tokens (stream-json): the file may be larger than the
 * longest string V8 can hold (about 512 MB), so it is never one string. Only what a manifest needs is kept:
 * images (name, size, date), categories (name) and, per annotation, its image, category, box and id in
 * typed columns, so memory grows with the number of annotations, not with the file's size (segmentation
 * polygons and RLE masks, most of a real file, are skipped token by token). `images`, `annotations` and
 * `categories` may come in any order.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import Parser from "stream-json/Parser.js";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import type { IssueCollector } from "../report.js";

/** One token of stream-json's parser (keys, strings and numbers packed: one token each). */
interface Token {
  readonly name: string;
  readonly value?: string | number | boolean | null;
}

/** An image of the `images` array. */
export interface CocoImage {
  fileName: string | undefined;
  width: number | undefined;
  height: number | undefined;
  date: unknown;
  /** Position in the `images` array, or -1 while only annotations named it. */
  order: number;
  id: string | number;
}

/** Annotations per chunk of the typed columns: a power of two, so a position splits with a shift and a mask. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

/**
 * Typed columns for annotations, 48 bytes each, in fixed-size chunks: growing never copies, so the peak is
 * what is held, not twice that.
 */
export class AnnotationColumns {
  size = 0;
  readonly #image: Int32Array[] = [];
  readonly #category: Int32Array[] = [];
  readonly #id: Float64Array[] = [];
  readonly #box: Float64Array[] = [];

  push(image: number, category: number, id: number, x: number, y: number, w: number, h: number): void {
    const i = this.size & IN_CHUNK;
    if (i === 0) {
      this.#image.push(new Int32Array(CHUNK));
      this.#category.push(new Int32Array(CHUNK));
      this.#id.push(new Float64Array(CHUNK));
      this.#box.push(new Float64Array(CHUNK * 4));
    }
    const c = this.size >>> CHUNK_BITS;
    this.size++;
    this.#image[c]![i] = image;
    this.#category[c]![i] = category;
    this.#id[c]![i] = id;
    const box = this.#box[c]!;
    box[i * 4] = x;
    box[i * 4 + 1] = y;
    box[i * 4 + 2] = w;
    box[i * 4 + 3] = h;
  }

  /** The image index of annotation `n`. */
  image(n: number): number {
    return this.#image[n >>> CHUNK_BITS]![n & IN_CHUNK]!;
  }

  /** The category index of annotation `n` (-1: none). */
  category(n: number): number {
    return this.#category[n >>> CHUNK_BITS]![n & IN_CHUNK]!;
  }

  /** The COCO id of annotation `n` (NaN: none). */
  id(n: number): number {
    return this.#id[n >>> CHUNK_BITS]![n & IN_CHUNK]!;
  }

  /** Coordinate `k` (0 x, 1 y, 2 width, 3 height) of annotation `n`'s bbox. */
  box(n: number, k: number): number {
    return this.#box[n >>> CHUNK_BITS]![(n & IN_CHUNK) * 4 + k]!;
  }
}

/** Everything kept of a COCO file. */
export interface CocoCollection {
  readonly images: CocoImage[];
  /** Category names by dense index (`undefined`: named by an annotation, absent from `categories`). */
  readonly categoryNames: (string | undefined)[];
  readonly categoryIds: (string | number)[];
  readonly annotations: AnnotationColumns;
  /** How many `images` entries were read. */
  imageCount: number;
}

type Scalar = string | number | boolean | null;

/** Which top-level array the parser is in. */
type Section = "images" | "annotations" | "categories" | undefined;

/**
 * Reads the whole input, reporting dropped crowd regions and segmentation-only annotations as they pass.
 *
 * @internal
 */
export async function readCocoTokens(
  input: string | Readable,
  file: string,
  report: IssueCollector,
  signal: AbortSignal | undefined,
): Promise<CocoCollection> {
  const images: CocoImage[] = [];
  const imageIndex = new Map<string | number, number>();
  const categoryNames: (string | undefined)[] = [];
  const categoryIds: (string | number)[] = [];
  const categoryIndex = new Map<string | number, number>();
  const annotations = new AnnotationColumns();
  const collection: CocoCollection = { images, categoryNames, categoryIds, annotations, imageCount: 0 };
  const seenSections = new Set<string>();

  const imageSlot = (id: string | number): number => {
    let index = imageIndex.get(id);
    if (index === undefined) {
      index = images.length;
      images.push({
        fileName: undefined,
        width: undefined,
        height: undefined,
        date: undefined,
        order: -1,
        id,
      });
      imageIndex.set(id, index);
    }
    return index;
  };
  const categorySlot = (id: string | number): number => {
    let index = categoryIndex.get(id);
    if (index === undefined) {
      index = categoryNames.length;
      categoryNames.push(undefined);
      categoryIds.push(id);
      categoryIndex.set(id, index);
    }
    return index;
  };

  // Parser state: depth 0 outside everything; 1 in the top object; 2 in a section's array; 3 in an element.
  let depth = 0;
  let topKey: string | undefined;
  let section: Section;
  let elementKey: string | undefined;
  /** Depth below an element's own keys being skipped (segmentation, nested objects we do not read). */
  let skipDepth = 0;
  let fields: Record<string, Scalar> = {};
  let bbox: number[] | undefined;
  let bboxBad = false;
  let hasSegmentation = false;
  let inBbox = false;

  const startElement = () => {
    fields = {};
    bbox = undefined;
    bboxBad = false;
    hasSegmentation = false;
  };
  const endElement = () => {
    if (section === "images") finishImage();
    else if (section === "categories") finishCategory();
    else if (section === "annotations") finishAnnotation();
  };
  const idOf = (value: Scalar | undefined): string | number | undefined =>
    typeof value === "number" || (typeof value === "string" && value !== "") ? value : undefined;

  const finishImage = () => {
    collection.imageCount++;
    report.itemsIn++;
    const id = idOf(fields.id);
    const fileName = typeof fields.file_name === "string" ? fields.file_name : undefined;
    if (id === undefined || fileName === undefined) {
      report.add(
        "INVALID_LINE",
        `images[${collection.imageCount - 1}] has no usable "id" or "file_name": skipped.`,
        { file, ...(id === undefined ? {} : { imageId: id }) },
      );
      return;
    }
    const image = images[imageSlot(id)]!;
    if (image.order >= 0) {
      report.add("DUPLICATE_IMAGE_MERGED", `Image id ${id} is listed twice: the first entry is used.`, {
        file,
        imageId: id,
        image: fileName,
      });
      return;
    }
    image.fileName = fileName;
    image.width = typeof fields.width === "number" ? fields.width : undefined;
    image.height = typeof fields.height === "number" ? fields.height : undefined;
    image.date = fields.date_captured;
    image.order = collection.imageCount - 1;
  };
  const finishCategory = () => {
    const id = idOf(fields.id);
    if (id === undefined) return;
    const index = categorySlot(id);
    if (typeof fields.name === "string") categoryNames[index] = fields.name;
  };
  const finishAnnotation = () => {
    const imageId = idOf(fields.image_id);
    const annotationId = typeof fields.id === "number" ? fields.id : Number.NaN;
    const where = `annotation ${Number.isNaN(annotationId) ? "(no id)" : annotationId}`;
    const item = { file, ...(imageId === undefined ? {} : { imageId }) };
    if (fields.iscrowd === 1 || fields.iscrowd === true) {
      report.add("CROWD_REGION_DROPPED", `${where} is a crowd region (iscrowd 1): dropped.`, item);
      if (imageId !== undefined) imageSlot(imageId);
      return;
    }
    if (bbox === undefined || bboxBad || bbox.length !== 4) {
      if (hasSegmentation && bbox === undefined) {
        report.add("SEGMENTATION_ONLY", `${where} has a segmentation and no bbox: dropped.`, item);
      } else {
        report.add("INVALID_BOX", `${where} has no usable bbox [x, y, width, height]: dropped.`, item);
      }
      if (imageId !== undefined) imageSlot(imageId);
      return;
    }
    if (imageId === undefined) {
      report.add("UNKNOWN_IMAGE", `${where} has no image_id: dropped.`, item);
      return;
    }
    const categoryId = idOf(fields.category_id);
    const category = categoryId === undefined ? -1 : categorySlot(categoryId);
    annotations.push(imageSlot(imageId), category, annotationId, bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!);
  };

  const scalar = (value: Scalar) => {
    if (depth === 3 && skipDepth === 0) {
      if (elementKey === "segmentation") {
        if (value !== null) hasSegmentation = true;
      } else if (elementKey !== undefined) fields[elementKey] = value;
    } else if (inBbox && depth === 4) {
      if (typeof value === "number") bbox!.push(value);
      else bboxBad = true;
    }
  };

  const onToken = (token: Token) => {
    switch (token.name) {
      case "startObject":
      case "startArray": {
        const isArray = token.name === "startArray";
        if (depth === 0 && isArray) throw notCoco("the file is a JSON array, not a COCO object");
        if (depth === 1) {
          section =
            topKey === "images" || topKey === "annotations" || topKey === "categories" ? topKey : undefined;
          if (section !== undefined) {
            if (!isArray) throw notCoco(`"${topKey}" must be an array`);
            seenSections.add(section);
          }
        } else if (depth === 2 && section !== undefined) {
          startElement();
        } else if (depth === 3 && section !== undefined) {
          if (elementKey === "segmentation") hasSegmentation = true;
          if (section === "annotations" && elementKey === "bbox" && isArray) {
            bbox = [];
            inBbox = true;
          } else skipDepth++;
        } else if (depth > 3 && section !== undefined) {
          if (inBbox) bboxBad = true;
          skipDepth++;
        }
        depth++;
        return;
      }
      case "endObject":
      case "endArray":
        depth--;
        if (depth === 3 && inBbox) inBbox = false;
        else if (depth >= 3 && skipDepth > 0) skipDepth--;
        else if (depth === 2 && section !== undefined) endElement();
        else if (depth === 1) section = undefined;
        return;
      case "keyValue":
        if (depth === 1) topKey = token.value as string;
        else if (depth === 3) elementKey = token.value as string;
        return;
      case "stringValue":
        scalar(token.value as string);
        return;
      case "numberValue":
        scalar(Number(token.value));
        return;
      case "nullValue":
        scalar(null);
        return;
      case "trueValue":
        scalar(true);
        return;
      case "falseValue":
        scalar(false);
        return;
      default:
        return;
    }
  };

  let bytes = 0;
  let source: Readable;
  if (typeof input === "string") {
    source = createReadStream(input);
  } else {
    source = input;
  }
  source.on("data", (chunk: Buffer | string) => {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
  });
  const parser = new Parser({
    packKeys: true,
    packStrings: true,
    packNumbers: true,
    streamKeys: false,
    streamStrings: false,
    streamNumbers: false,
  });

  function notCoco(reason: string): ConversionInputError {
    return new ConversionInputError({
      format: "coco",
      file,
      where: `near byte ${bytes}`,
      reason: `${reason}.`,
    });
  }

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      source.unpipe(parser);
      source.destroy();
      parser.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted === true) return fail(signal.reason);
    source.on("error", (error: NodeJS.ErrnoException) =>
      fail(
        new ConversionInputError({
          format: "coco",
          file,
          reason: `the file cannot be read (${error.code ?? error.message}).`,
          cause: error,
        }),
      ),
    );
    parser.on("data", (token: Token) => {
      if (settled) return;
      try {
        onToken(token);
      } catch (error) {
        fail(error);
      }
    });
    parser.on("error", (error: Error) =>
      fail(
        new ConversionInputError({
          format: "coco",
          file,
          where: `near byte ${bytes}`,
          reason: `not valid JSON (${error.message.replace(/^Parser /, "parser ")}); is the file complete?`,
          cause: error,
        }),
      ),
    );
    parser.on("end", () => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    source.pipe(parser);
  });
  if (!seenSections.has("images")) {
    throw new ConversionInputError({
      format: "coco",
      file,
      reason: 'it has no "images" array: is it a COCO instances (object detection) file?',
    });
  }
  return collection;
}
