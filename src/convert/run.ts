/**
 * The shared writer every converter runs: a format's reader yields images (or ready lines); this applies
 * the label map, the box rules and the service's limits, builds each line with the library's builders,
 * checks it with the library's validator, writes it, and keeps the report.
 *
 * @module
 */
import { ConversionError } from "../errors/conversion-error.js";
import { isManifestValidationError } from "../errors/manifest-validation-error.js";
import { MAX_LABELS_PER_IMAGE } from "../limits.js";
import { combineLines } from "../manifest/builders/combine.js";
import { imageLabels } from "../manifest/builders/image-labels.js";
import { objectLocalization } from "../manifest/builders/object-localization.js";
import { isLabelNameLengthValid } from "../manifest/labels.js";
import { hasErrorProblems } from "../manifest/problems.js";
import { toJsonLine } from "../manifest/serialize.js";
import type { ManifestLine } from "../manifest/types.js";
import { isCreationDate } from "../manifest/validate/creation-date.js";
import { validateLine } from "../manifest/validate.js";
import { applyBoxLimit, applyBoxRules, type BoxRules, type PixelBox } from "./box-rules.js";
import { imageLocator } from "./image-location.js";
import { labelMapper, loadLabelMap } from "./label-map.js";
import { type OutputSink, openOutput } from "./output.js";
import { type ConversionReport, IssueCollector, type IssueItem } from "./report.js";
import type {
  ConversionItem,
  ConvertedImage,
  ConvertOptions,
  FormatReader,
  PassThroughLine,
} from "./types.js";

/** What a run needs from the options, defaults applied. */
interface RunSettings {
  readonly locate: (name: string) => string | undefined;
  readonly mapLabel: (label: string, item: IssueItem) => string | null;
  readonly rules: BoxRules;
  readonly keepEmpty: boolean;
  readonly creationDate: string;
  readonly jobName: string | undefined;
  readonly boxAttribute: string | undefined;
}

function problemsText(error: unknown): string {
  if (isManifestValidationError(error)) {
    return error.problems
      .map((problem) => `${problem.code} at "${problem.path}": ${problem.message}`)
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** The labels of an image through the label map, each once, valid names only, at most 50. */
function imageLevelLabels(
  image: ConvertedImage,
  settings: RunSettings,
  report: IssueCollector,
  item: IssueItem,
): string[] {
  const labels: string[] = [];
  for (const given of image.labels ?? []) {
    const label = settings.mapLabel(given, item);
    if (label === null || labels.includes(label)) continue;
    if (!isLabelNameLengthValid(label)) {
      report.add(
        "INVALID_LABEL",
        `Label "${label.slice(0, 80)}" must have 1 to 255 characters: dropped.`,
        item,
      );
      continue;
    }
    labels.push(label);
  }
  if (labels.length > MAX_LABELS_PER_IMAGE) {
    report.add(
      "TOO_MANY_LABELS",
      `${labels.length} image-level labels, over the limit of ${MAX_LABELS_PER_IMAGE}: the first ${MAX_LABELS_PER_IMAGE} kept.`,
      item,
    );
    labels.length = MAX_LABELS_PER_IMAGE;
  }
  return labels;
}

/** An ISO-8601 date-time with an offset (`+00:00`, `-05:00`) is one instant: written in UTC. */
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?[+-]\d\d:?\d\d$/;

/** A date as the service takes it (UTC ISO-8601), or `undefined` when it is not a date-time. */
function utcCreationDate(value: unknown): string | undefined {
  if (isCreationDate(value)) return value;
  if (typeof value === "string" && ISO_WITH_OFFSET.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return undefined;
}

function validSide(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** One image to one line (or nothing), every change reported. */
function buildLine(
  image: ConvertedImage,
  settings: RunSettings,
  report: IssueCollector,
): ManifestLine | undefined {
  const item: IssueItem = image.item ?? { image: image.image };
  const sourceRef = settings.locate(image.image);
  if (sourceRef === undefined) {
    report.add(
      "IMAGE_NOT_IN_S3",
      `"${image.image}" is not an s3:// URI: give \`images\` (e.g. "s3://bucket/folder/") to place it.`,
      item,
    );
    return undefined;
  }
  const labels = imageLevelLabels(image, settings, report, item);
  const givenBoxes = image.boxes ?? [];
  const sized = validSide(image.width) && validSide(image.height);
  let boxes: readonly PixelBox[] = [];
  if (givenBoxes.length > 0 && !sized) {
    report.add(
      "IMAGE_SIZE_UNKNOWN",
      `"${image.image}" has ${givenBoxes.length} box(es) but no usable size: skipped.`,
      item,
    );
    return undefined;
  }
  if (givenBoxes.length > 0) {
    const kept: PixelBox[] = [];
    for (const box of givenBoxes) {
      const boxItem = box.item ?? item;
      const label = settings.mapLabel(box.label, boxItem);
      if (label === null) continue;
      if (!isLabelNameLengthValid(label)) {
        report.add(
          "INVALID_LABEL",
          `Label "${label.slice(0, 80)}" must have 1 to 255 characters: box dropped.`,
          boxItem,
        );
        continue;
      }
      const pixels = applyBoxRules(
        { ...box, label },
        image.width!,
        image.height!,
        settings.rules,
        report,
        boxItem,
      );
      if (pixels !== undefined) kept.push(pixels);
    }
    const limited = applyBoxLimit(kept, settings.rules.tooManyBoxes, report, item);
    if (limited === undefined) return undefined;
    boxes = limited;
  }
  if (labels.length === 0 && boxes.length === 0) {
    const keep = settings.keepEmpty && sized;
    report.add(
      "IMAGE_WITHOUT_ANNOTATIONS",
      keep
        ? `"${image.image}" has no label or box: kept with an empty box list.`
        : settings.keepEmpty
          ? `"${image.image}" has no label or box and no known size (needed to write an empty box list): skipped.`
          : `"${image.image}" has no label or box: skipped.`,
      item,
    );
    if (!keep) return undefined;
  }
  let creationDate = settings.creationDate;
  if (image.creationDate !== undefined && image.creationDate !== null && image.creationDate !== "") {
    const utc = utcCreationDate(image.creationDate);
    if (utc !== undefined) creationDate = utc;
    else {
      report.add(
        "DATE_REPLACED",
        `Date ${JSON.stringify(image.creationDate)} is not a UTC ISO-8601 date-time: ${creationDate} written.`,
        item,
      );
    }
  }
  const provenance =
    settings.jobName === undefined ? { creationDate } : { creationDate, jobName: settings.jobName };
  try {
    const parts: ManifestLine[] = [];
    if (labels.length > 0) parts.push(imageLabels({ sourceRef, labels, ...provenance }));
    if (boxes.length > 0 || labels.length === 0) {
      const imageSize =
        image.depth === undefined
          ? { width: image.width!, height: image.height! }
          : { width: image.width!, height: image.height!, depth: image.depth };
      parts.push(
        objectLocalization({
          sourceRef,
          imageSize,
          boxes,
          ...provenance,
          ...(settings.boxAttribute === undefined ? {} : { attributeName: settings.boxAttribute }),
        }),
      );
    }
    return parts.length === 1 ? parts[0] : combineLines(...parts);
  } catch (error) {
    report.add("INVALID_LINE", `"${image.image}": ${problemsText(error)}`, item);
    return undefined;
  }
}

/** A ready line: written when the validator finds no error in it. */
function passThrough(entry: PassThroughLine, report: IssueCollector): ManifestLine | undefined {
  const problems = validateLine(entry.line);
  if (!hasErrorProblems(problems)) return entry.line;
  const text = problems
    .filter((problem) => problem.severity === "error")
    .map((problem) => `${problem.code} at "${problem.path}": ${problem.message}`)
    .join("; ");
  report.add("INVALID_LINE", text, entry.item ?? {});
  return undefined;
}

async function settingsFor(options: ConvertOptions, report: IssueCollector): Promise<RunSettings> {
  const date = options.creationDate;
  return {
    locate: imageLocator(options.images),
    mapLabel: labelMapper(await loadLabelMap(options.labelMap), report),
    rules: {
      outOfBounds: options.outOfBounds ?? "clip",
      fractional: options.fractional ?? "round",
      tooManyBoxes: options.tooManyBoxes ?? "keep-largest",
    },
    keepEmpty: options.onImageWithoutAnnotations === "keep",
    creationDate:
      date === undefined
        ? new Date().toISOString()
        : typeof date === "string" && isCreationDate(date)
          ? date
          : new Date(date).toISOString(),
    jobName: options.jobName,
    boxAttribute: options.boxAttribute,
  };
}

/**
 * Runs a conversion: a format's reader through the shared writer, into the output the options name. This
 * is what every converter of this module calls; call it with your own reader to convert a format of your
 * own with the same rules and report. The options are not checked here (each converter checks its own). With `strict`, a run with a loss writes nothing and
 * throws a `ConversionError`; an abort or a reader's error writes nothing and rejects with that error.
 *
 * @param format - the format's name, as the report gives it.
 * @param reader - the format's reader.
 * @param options - the run's options.
 * @returns the report.
 */
export async function runConversion(
  format: string,
  reader: FormatReader,
  options: ConvertOptions,
): Promise<ConversionReport> {
  const report = new IssueCollector();
  const settings = await settingsFor(options, report);
  const signal = options.abortSignal;
  signal?.throwIfAborted();
  const strict = options.strict === true;
  const dryRun = options.dryRun === true;
  const sink: OutputSink = await openOutput(options.output, { dryRun, strict, abortSignal: signal });
  const written = new Set<string>();
  try {
    const items: AsyncIterable<ConversionItem> = reader({
      report,
      mapLabel: settings.mapLabel,
      abortSignal: signal,
    });
    for await (const entry of items) {
      signal?.throwIfAborted();
      const line = entry.kind === "line" ? passThrough(entry, report) : buildLine(entry, settings, report);
      if (line === undefined) continue;
      const sourceRef = line["source-ref"] as string;
      if (written.has(sourceRef)) {
        report.add(
          "DUPLICATE_SOURCE_REF",
          `A line for ${sourceRef} was already written: this one was dropped.`,
          (entry.kind === "line" ? entry.item : entry.item) ?? { image: sourceRef },
        );
        continue;
      }
      written.add(sourceRef);
      await sink.write(`${toJsonLine(line)}\n`);
      report.linesOut++;
    }
    signal?.throwIfAborted();
    if (strict && report.hasLoss()) throw new ConversionError(report.report(format, "convert", false));
    await sink.commit();
  } catch (error) {
    await sink.discard();
    throw error;
  }
  const outputFile = typeof options.output === "string" && !dryRun ? options.output : undefined;
  return report.report(format, "convert", !dryRun, outputFile);
}
