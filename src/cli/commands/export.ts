/**
 * `export <format> <manifest>`: `exportCoco` or `exportCsv` of `rekognition-datasets/convert`, loaded only
 * when the command runs, to move a dataset to another tool. The output goes to `-o <file>` (written to a
 * temporary file, renamed into place on success) or to standard output; the report to standard output, or to
 * standard error when the output is there.
 *
 * @module
 */
import { type Command, Option } from "commander";
import type { CliCommand } from "../command.js";
import { manifestSource } from "../manifest-argument.js";
import { UsageError } from "../usage-error.js";
import { outputChoice, runConversionCall } from "./conversion-report.js";

/** The formats `export` writes. */
export const EXPORT_FORMATS = ["coco", "csv"] as const;

export const exportCommand: CliCommand = {
  name: "export",
  arguments: "<format> <manifest>",
  summary: "write a manifest as a COCO instances file or a CSV sheet",
  details: [
    "Formats: coco (boxes; image-level labels cannot be held and are reported), csv (--layout labels or boxes).",
    "The manifest is a path, or - for standard input. The output goes to -o <file>, or to standard output",
    "(then the report goes to standard error). Exit 0 when exported, 1 when --strict refused a loss or the",
    "manifest cannot be read, 2 for a usage error.",
  ].join("\n"),
  configure(command: Command) {
    command
      .option("-o, --output-file <file>", "write here, atomically (default: standard output)")
      .option("--dry-run", "read and report, but write nothing")
      .option("--strict", "refuse any loss (an issue of severity error or warning): write nothing, exit 1")
      .option("--images <s3-prefix>", "cut this prefix from each source-ref to give the file name written")
      .addOption(
        new Option(
          "--layout <layout>",
          "csv: labels (a row per image) or boxes (a row per box) (default: labels)",
        ).choices(["labels", "boxes"]),
      )
      .option("--header", "csv: write a header row (the default)")
      .option("--no-header", "csv: no header row (labels layout only)");
  },
  async run(context, args, flags) {
    const [format, manifest] = args as [string, string];
    if (format !== "coco" && format !== "csv") {
      throw new UsageError(`Unknown format "${format}" for export: one of ${EXPORT_FORMATS.join(", ")}.`);
    }
    if (format === "coco") {
      for (const csvOnly of ["layout", "header"] as const) {
        if (flags[csvOnly] !== undefined) throw new UsageError(`--${csvOnly} does not apply to export coco.`);
      }
    }
    const choice = outputChoice(context, flags);
    const options = {
      ...choice,
      ...(flags.images === undefined ? {} : { images: flags.images as string }),
    };
    const { exportCoco, exportCsv, isConversionError } = await import("../../convert/index.js");
    const source = manifestSource(manifest);
    return runConversionCall(
      context,
      choice,
      () =>
        format === "coco"
          ? exportCoco(source, options)
          : exportCsv(source, {
              ...options,
              ...(flags.layout === undefined ? {} : { layout: flags.layout as "labels" | "boxes" }),
              ...(flags.header === undefined ? {} : { header: flags.header as boolean }),
            }),
      isConversionError,
    );
  },
};
