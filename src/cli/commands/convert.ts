/**
 * `convert <format> <input>...`: one of the converters of `rekognition-datasets/convert` (`convertCoco`,
 * `convertYolo`, `convertVoc`, `convertCsv`, `convertGroundTruth`, `convertFolders`), loaded only when the
 * command runs. Each flag is one option of the call; a flag the format does not take is a usage error. The
 * manifest goes to `-o <file>` (written to a temporary file, renamed into place on success) or to standard
 * output; the report to standard output, or to standard error when the manifest is there.
 *
 * @module
 */
import type { Readable } from "node:stream";
import { type Command, Option } from "commander";
import type { ConversionReport, ConvertOptions } from "../../convert/index.js";
import type { CliCommand, CommandContext } from "../command.js";
import { UsageError } from "../usage-error.js";
import { type OutputChoice, outputChoice, runConversionCall } from "./conversion-report.js";

/** The formats `convert` reads, in the order help lists them. */
export const CONVERT_FORMATS = ["coco", "yolo", "voc", "csv", "groundtruth", "folders"] as const;

/** One of {@link CONVERT_FORMATS}. */
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/** The flags of the shared rules, by their parsed name, with the option each sets. */
const RULE_FLAGS = {
  images: "images",
  labelMap: "labelMap",
  withoutAnnotations: "onImageWithoutAnnotations",
  outOfBounds: "outOfBounds",
  fractional: "fractional",
  tooManyBoxes: "tooManyBoxes",
  creationDate: "creationDate",
  jobName: "jobName",
  boxAttribute: "boxAttribute",
} as const satisfies Record<string, keyof ConvertOptions>;

/** A format's own flags (parsed name -> option), beyond `-o`, `--strict` and `--dry-run`. */
const FORMAT_FLAGS: Readonly<Record<ConvertFormat, Readonly<Record<string, string>>>> = {
  coco: RULE_FLAGS,
  yolo: { ...RULE_FLAGS, classes: "classes", sizes: "sizes", imageSize: "imageSize" },
  voc: { ...RULE_FLAGS, difficult: "difficult", truncated: "truncated", imageFolder: "imageFolder" },
  csv: { ...RULE_FLAGS, layout: "layout", header: "header", delimiter: "delimiter" },
  // Ground Truth lines are passed through: only the label map applies.
  groundtruth: { labelMap: "labelMap" },
  folders: RULE_FLAGS,
};

/** Every format flag, once. */
const EVERY_FORMAT_FLAG = [...new Set(Object.values(FORMAT_FLAGS).flatMap((flags) => Object.keys(flags)))];

/** The flag's spelling on the command line, for messages: `labelMap` -> `--label-map`. */
function flagName(parsed: string): string {
  if (parsed === "withoutAnnotations") return "--without-annotations";
  return `--${parsed.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function formatOf(value: string): ConvertFormat {
  if ((CONVERT_FORMATS as readonly string[]).includes(value)) return value as ConvertFormat;
  throw new UsageError(
    `Unknown format "${value}" for convert: one of ${CONVERT_FORMATS.join(", ")}.`,
    'Run "rekognition-datasets convert --help" for each format\'s input and flags.',
  );
}

/** `--image-size 640x480` as `{ width, height }`. */
function imageSizeOf(value: string): { width: number; height: number } {
  const match = /^(\d+)[xX](\d+)$/.exec(value);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (match === null || width <= 0 || height <= 0) {
    throw new UsageError(`--image-size must be WIDTHxHEIGHT in pixels, such as 640x480, got "${value}".`);
  }
  return { width, height };
}

/** The format's options from the flags given; a flag the format does not take is a usage error. */
function formatOptions(format: ConvertFormat, flags: Record<string, unknown>): Record<string, unknown> {
  const own = FORMAT_FLAGS[format];
  const options: Record<string, unknown> = {};
  for (const parsed of EVERY_FORMAT_FLAG) {
    const value = flags[parsed];
    if (value === undefined) continue;
    const option = own[parsed];
    if (option === undefined)
      throw new UsageError(`${flagName(parsed)} does not apply to convert ${format}.`);
    options[option] = parsed === "imageSize" ? imageSizeOf(value as string) : value;
  }
  return options;
}

const STDIN_FORMATS: ReadonlySet<ConvertFormat> = new Set(["coco", "csv", "groundtruth"]);

/**
 * The input the format's converter takes: the list for `voc`, else the one path (`-` is standard input
 * for the formats that read a stream). Checked before the converters are loaded.
 */
function inputOf(format: ConvertFormat, inputs: readonly string[]): string | readonly string[] | Readable {
  if (format === "voc") return inputs.length === 1 ? inputs[0]! : inputs;
  if (inputs.length !== 1) {
    throw new UsageError(
      `convert ${format} reads one input, got ${inputs.length}.`,
      "Only convert voc takes several files.",
    );
  }
  const input = inputs[0]!;
  if (input !== "-") return input;
  if (!STDIN_FORMATS.has(format)) {
    throw new UsageError(`convert ${format} reads files, not standard input.`, "Give the dataset's path.");
  }
  return process.stdin;
}

/** Calls the format's converter: the one library call of the command. */
async function convertWith(
  format: ConvertFormat,
  input: string | readonly string[] | Readable,
  options: Record<string, unknown> & OutputChoice,
): Promise<ConversionReport> {
  const convert = await import("../../convert/index.js");
  const named = typeof input === "string" ? options : { ...options, inputName: "<stdin>" };
  switch (format) {
    case "voc":
      return convert.convertVoc(input as string | readonly string[], options);
    case "coco":
      return convert.convertCoco(input as string | Readable, named);
    case "csv":
      return convert.convertCsv(input as string | Readable, named);
    case "groundtruth":
      return convert.convertGroundTruth(input as string | Readable, options);
    case "yolo":
      return convert.convertYolo(input as string, options);
    case "folders":
      return convert.convertFolders(input as string, options);
  }
}

async function runConvert(
  context: CommandContext,
  format: ConvertFormat,
  inputs: readonly string[],
  flags: Record<string, unknown>,
) {
  const input = inputOf(format, inputs);
  const options = formatOptions(format, flags);
  const choice = outputChoice(context, flags);
  const { isConversionError } = await import("../../convert/index.js");
  return runConversionCall(
    context,
    choice,
    () => convertWith(format, input, { ...options, ...choice }),
    isConversionError,
  );
}

export const convertCommand: CliCommand = {
  name: "convert",
  arguments: "<format> <input...>",
  summary: "make a manifest from COCO, YOLO, Pascal VOC, CSV, Ground Truth output or a folder tree",
  details: [
    "Formats and inputs:",
    "  coco <instances.json|->            COCO instances file (--images needed for file names)",
    "  yolo <data.yaml|classes.txt|dir>   YOLO dataset (--classes, --sizes, --image-size)",
    "  voc <dir|file.xml...>              Pascal VOC annotations (--difficult, --truncated, --image-folder)",
    "  csv <file|->                       CSV sheet (--layout, --header/--no-header, --delimiter)",
    "  groundtruth <output.manifest|->    SageMaker Ground Truth output manifest (--label-map only)",
    "  folders <dir|s3://bucket/prefix/>  the label is each image's parent folder",
    "The manifest goes to -o <file>, or to standard output (then the report goes to standard error).",
    "Exit 0 when converted, 1 when --strict refused a loss or the input cannot be read, 2 for a usage error.",
  ].join("\n"),
  configure(command: Command) {
    command
      .option("-o, --output-file <file>", "write the manifest here, atomically (default: standard output)")
      .option("--dry-run", "convert and report, but write nothing")
      .option("--strict", "refuse any loss (an issue of severity error or warning): write nothing, exit 1")
      .option(
        "--images <s3-prefix>",
        "the S3 prefix each image's file name is appended to, e.g. s3://bucket/photos/",
      )
      .option("--label-map <file>", "rename, merge or drop labels: a JSON object or a two-column CSV from,to")
      .addOption(
        new Option(
          "--out-of-bounds <rule>",
          "a box past the image's edge: clip it or drop it (default: clip)",
        ).choices(["clip", "drop"]),
      )
      .addOption(
        new Option(
          "--fractional <rule>",
          "fractional coordinates: round, or expand outward (default: round)",
        ).choices(["round", "expand"]),
      )
      .addOption(
        new Option(
          "--too-many-boxes <rule>",
          "over 50 boxes: keep the 50 largest, or skip the image (default: keep-largest)",
        ).choices(["keep-largest", "skip-image"]),
      )
      .addOption(
        new Option(
          "--without-annotations <rule>",
          "an image left with no label or box: skip or keep (default: skip)",
        ).choices(["skip", "keep"]),
      )
      .option("--creation-date <date>", "the creation-date of labels whose input has none (default: now)")
      .option("--job-name <name>", "the job-name written in every label's metadata (default: none)")
      .option("--box-attribute <name>", "the bounding-box attribute's name (default: bounding-box)")
      .option("--classes <file>", "yolo: the data YAML or classes file with the class names")
      .option("--sizes <csv>", "yolo: a CSV image,width,height for images not at hand")
      .option("--image-size <WxH>", "yolo: the size of every image not at hand and not in --sizes")
      .addOption(
        new Option("--difficult <rule>", "voc: objects marked difficult (default: keep)").choices([
          "keep",
          "drop",
        ]),
      )
      .addOption(
        new Option("--truncated <rule>", "voc: objects marked truncated (default: keep)").choices([
          "keep",
          "drop",
        ]),
      )
      .option("--image-folder <dir>", "voc: where the images are, for a size the XML does not give")
      .addOption(
        new Option(
          "--layout <layout>",
          "csv: labels (image,label...) or boxes (default: guessed from the header)",
        ).choices(["labels", "boxes"]),
      )
      .option("--header", "csv: the first row is a header (default: guessed)")
      .option("--no-header", "csv: the first row is data")
      .option("--delimiter <char>", "csv: the field separator (default: ,)");
  },
  async run(context, args, flags) {
    const format = formatOf(args[0] as string);
    return runConvert(context, format, args[1] as string[], flags);
  },
};
