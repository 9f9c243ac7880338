/**
 * COCO instances (object detection) to a manifest.
 *
 * @module
 */
import type { Readable } from "node:stream";
import { CONVERT_OPTION_KEYS, checkConvertOptions, fileOrStreamInput } from "../options.js";
import type { ConversionReport, IssueCollector } from "../report.js";
import { runConversion } from "../run.js";
import type { ConvertedBox, ConvertedImage, ConvertOptions, ReaderContext } from "../types.js";
import { type CocoCollection, readCocoTokens } from "./coco-tokens.js";

/** Options of {@link convertCoco}. */
export interface CocoConvertOptions extends ConvertOptions {
  /** The name the report gives a stream input. @defaultValue the path, or `"<stream>"` */
  readonly inputName?: string;
}

const COCO_OPTION_KEYS = [...CONVERT_OPTION_KEYS, "inputName"] as const;

/** COCO's `date_captured` form, `2013-11-14 11:18:45`: an ISO date-time with a space for the `T`. */
const COCO_DATE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d{1,6})?)$/;

function creationDateOf(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = COCO_DATE.exec(value);
  return match === null ? value : `${match[1]}T${match[2]}`;
}

/**
 * The category of each dense index as a label name; two categories with one name give one label, reported.
 */
function categoryLabels(
  collection: CocoCollection,
  report: IssueCollector,
  file: string,
): (string | undefined)[] {
  const firstIdOfName = new Map<string, string | number>();
  collection.categoryNames.forEach((name, index) => {
    if (name === undefined) return;
    const first = firstIdOfName.get(name);
    if (first === undefined) firstIdOfName.set(name, collection.categoryIds[index]!);
    else {
      report.add(
        "DUPLICATE_CATEGORY_NAME",
        `Categories ${first} and ${collection.categoryIds[index]} are both named "${name}": one label.`,
        { file },
      );
    }
  });
  return collection.categoryNames;
}

/** The images of a read COCO file, each with its boxes, in the order of the `images` array. */
function* cocoImages(
  collection: CocoCollection,
  report: IssueCollector,
  file: string,
): Generator<ConvertedImage> {
  const { images, annotations } = collection;
  const labels = categoryLabels(collection, report, file);
  // Annotations grouped by image: a counting sort over the image index (no per-image arrays).
  const starts = new Int32Array(images.length + 1);
  for (let i = 0; i < annotations.size; i++) starts[annotations.image(i) + 1]!++;
  for (let i = 0; i < images.length; i++) starts[i + 1]! += starts[i]!;
  const order = new Int32Array(annotations.size);
  const fill = starts.slice(0, images.length);
  for (let i = 0; i < annotations.size; i++) order[fill[annotations.image(i)]!++] = i;

  // Images in file order; several entries with one file_name become one image.
  const byOrder = images.filter((image) => image.order >= 0).sort((a, b) => a.order - b.order);
  const indexOf = new Map(images.map((image, index) => [image, index]));
  const sameFile = new Map<string, number[]>();
  for (const image of byOrder) {
    const list = sameFile.get(image.fileName!);
    if (list === undefined) sameFile.set(image.fileName!, [indexOf.get(image)!]);
    else list.push(indexOf.get(image)!);
  }
  // Annotations of images never listed in `images`.
  images.forEach((image, index) => {
    const count = starts[index + 1]! - starts[index]!;
    if (image.order < 0 && count > 0) {
      report.add(
        "UNKNOWN_IMAGE",
        `${count} annotation(s) name image_id ${image.id}, which is not in "images": dropped.`,
        { file, imageId: image.id },
        count,
      );
    }
  });

  for (const [fileName, members] of sameFile) {
    const first = images[members[0]!]!;
    const item = { file, imageId: first.id, image: fileName };
    if (members.length > 1) {
      report.add(
        "DUPLICATE_IMAGE_MERGED",
        `Image ids ${members.map((m) => images[m]!.id).join(", ")} share file_name "${fileName}": merged into one line.`,
        item,
        members.length - 1,
      );
    }
    const boxes: ConvertedBox[] = [];
    for (const member of members) {
      for (let k = starts[member]!; k < starts[member + 1]!; k++) {
        const a = order[k]!;
        const category = annotations.category(a);
        const label = category < 0 ? undefined : labels[category];
        const annotationId = annotations.id(a);
        if (label === undefined) {
          report.add(
            "UNKNOWN_CATEGORY",
            `Annotation ${Number.isNaN(annotationId) ? "(no id)" : annotationId} has category_id ${category < 0 ? "(none)" : collection.categoryIds[category]}, which is not in "categories": dropped.`,
            item,
          );
          continue;
        }
        boxes.push({
          label,
          left: annotations.box(a, 0),
          top: annotations.box(a, 1),
          width: annotations.box(a, 2),
          height: annotations.box(a, 3),
        });
      }
    }
    const converted: ConvertedImage = {
      image: fileName,
      item,
      boxes,
      creationDate: creationDateOf(first.date),
      ...(first.width === undefined ? {} : { width: first.width }),
      ...(first.height === undefined ? {} : { height: first.height }),
    };
    yield converted;
  }
}

async function* readCoco(
  input: string | Readable,
  file: string,
  context: ReaderContext,
): AsyncGenerator<ConvertedImage> {
  const collection = await readCocoTokens(input, file, context.report, context.abortSignal);
  yield* cocoImages(collection, context.report, file);
}

/**
 * Converts a COCO instances file (object detection) into a manifest: one line per image, its size from
 * `images`, its boxes labelled with their category's name (never the raw id; two categories of one name
 * give one label). The file is read as a stream of JSON tokens, so it may be larger than V8's longest
 * string, in memory that grows with the number of annotations. The order of `images`, `annotations` and
 * `categories` does not matter.
 *
 * Rules (each reported with its code): crowd regions (`iscrowd: 1`) dropped (`CROWD_REGION_DROPPED`);
 * annotations with a segmentation and no `bbox` dropped (`SEGMENTATION_ONLY`); unknown categories and
 * images dropped (`UNKNOWN_CATEGORY`, `UNKNOWN_IMAGE`); images listed twice, or two ids with one
 * `file_name`, merged (`DUPLICATE_IMAGE_MERGED`); `date_captured` (`2013-11-14 11:18:45` or ISO) becomes
 * the `creation-date`, anything else (missing, a number) the run's date; then the shared box rules and
 * limits of {@link ConvertOptions}.
 *
 * @param input - the file's path, or a readable stream of it.
 * @param options - where to write and the conversion's rules.
 * @returns the report.
 * @throws `InvalidOptionsError` for a bad option; {@link ConversionInputError} when the file is not a
 *   readable COCO JSON object; {@link ConversionError} with `strict` and a loss; the abort signal's reason.
 * @example
 * ```ts
 * const report = await convertCoco("instances_val2017.json", {
 *   images: "s3://my-bucket/val2017/",
 *   output: "val2017.manifest",
 * });
 * console.log(`${report.linesOut} lines; ${report.warnings} warnings`);
 * ```
 */
export async function convertCoco(
  input: string | Readable,
  options: CocoConvertOptions,
): Promise<ConversionReport> {
  checkConvertOptions(options, COCO_OPTION_KEYS);
  const file = fileOrStreamInput(input, options.inputName);
  return runConversion("coco", (context) => readCoco(input, file, context), options);
}
