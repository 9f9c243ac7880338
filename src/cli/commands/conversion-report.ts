/**
 * What `convert` and `export` share: where the converted text goes (`-o <file>`, or standard output), where
 * the report goes (standard output, or standard error when the converted text is already there), and the
 * report itself, as text for people or as the one JSON document of `--output json`.
 *
 * @module
 */
import type { ConversionReport, IssueItem } from "../../convert/index.js";
import type { CommandContext } from "../command.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { type Output, paint, plural, table } from "../output.js";
import { UsageError } from "../usage-error.js";

/** The flags every `convert` and `export` format takes, as the parser leaves them. */
export interface OutputFlags {
  readonly outputFile?: string;
  readonly dryRun?: boolean;
  readonly strict?: boolean;
}

/** The library options for those flags: where to write, `dryRun`, `strict`, the abort signal. */
export interface OutputChoice {
  readonly output?: string | NodeJS.WritableStream;
  readonly dryRun: boolean;
  readonly strict: boolean;
  readonly abortSignal: AbortSignal;
}

/** Longest first example printed in the text report: enough to find the place, never a whole record. */
const MAX_EXAMPLE_LENGTH = 160;

/**
 * Where the converted text goes for these flags: the `-o` file, nothing (`--dry-run`), or standard output.
 * A manifest on standard output and `--output json` would share one stream: refused, so that stdout is
 * either the converted text or the one JSON document, never both.
 *
 * @param context - the command's context.
 * @param flags - the command's flags.
 */
export function outputChoice(context: CommandContext, flags: OutputFlags): OutputChoice {
  const dryRun = flags.dryRun === true;
  const toStdout = flags.outputFile === undefined && !dryRun;
  if (toStdout && context.output.format === "json") {
    throw new UsageError(
      "--output json prints the report on standard output, where the converted file would go too.",
      "Pass -o <file> to write the converted file, or --dry-run for the report alone.",
    );
  }
  return {
    ...(flags.outputFile === undefined
      ? toStdout
        ? { output: context.output.stdout }
        : {}
      : { output: flags.outputFile }),
    dryRun,
    strict: flags.strict === true,
    abortSignal: context.signal,
  };
}

function placeOf(item: IssueItem): string {
  const parts: string[] = [];
  if (item.file !== undefined) parts.push(item.line === undefined ? item.file : `${item.file}:${item.line}`);
  else if (item.line !== undefined) parts.push(`line ${item.line}`);
  if (item.imageId !== undefined) parts.push(`image ${item.imageId}`);
  else if (item.image !== undefined && item.image !== item.file) parts.push(item.image);
  return parts.join(" ");
}

function exampleOf(place: string, message: string): string {
  const text = place === "" ? message : `${place}: ${message}`;
  return text.length > MAX_EXAMPLE_LENGTH ? `${text.slice(0, MAX_EXAMPLE_LENGTH)}...` : text;
}

/**
 * The report for people: a summary line (items in, lines out, where they went), then one row per kind of
 * issue (code, severity, count, first example).
 *
 * @param report - the run's report.
 * @param color - whether severities may be coloured.
 * @param refused - whether `--strict` refused the run.
 */
export function reportText(report: ConversionReport, color: boolean, refused = false): string {
  const unit = report.direction === "convert" ? "manifest line" : report.format === "csv" ? "row" : "image";
  const where = refused
    ? "refused by --strict: nothing written"
    : !report.written
      ? "dry run: nothing written"
      : report.outputFile === undefined
        ? "written to standard output"
        : `written to ${report.outputFile}`;
  const lines = [
    `${report.direction} ${report.format}: ${plural(report.itemsIn, "item")} in, ${plural(report.linesOut, unit)} out (${where}).`,
  ];
  if (report.issues.length === 0) {
    lines.push("No issue: nothing lost or changed.");
    return lines.join("\n");
  }
  lines.push(`${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}:`);
  lines.push(
    table([
      ["CODE", "SEVERITY", "COUNT", "FIRST EXAMPLE"],
      ...report.issues.map((issue) => [
        issue.code,
        paint(
          color,
          issue.severity === "error" ? "red" : issue.severity === "warning" ? "yellow" : "dim",
          issue.severity,
        ),
        String(issue.count),
        exampleOf(placeOf(issue.item), issue.message),
      ]),
    ]),
  );
  return lines.join("\n");
}

/**
 * Prints the report where it belongs: `--output json` as the one JSON document on stdout; text on stdout, or
 * on stderr when the converted text went to stdout (then `--quiet` silences it).
 */
function printReport(output: Output, report: ConversionReport, choice: OutputChoice, refused: boolean): void {
  if (output.format === "json") {
    output.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const toStderr = choice.output !== undefined && typeof choice.output !== "string";
  if (toStderr && output.quiet && !refused) return;
  const text = `${reportText(report, toStderr ? false : output.color, refused)}\n`;
  (toStderr ? output.stderr : output.stdout).write(text);
}

/**
 * Runs one library call of `convert` or `export` and prints its report. A `--strict` refusal
 * (`ConversionError`) prints the refused run's report, says so on stderr, and exits 1; anything else the
 * call throws goes to the CLI's error handling.
 *
 * @param context - the command's context.
 * @param choice - where the output goes (from {@link outputChoice}).
 * @param call - the one library call.
 * @param isRefusal - the converters' own `isConversionError`.
 */
export async function runConversionCall(
  context: CommandContext,
  choice: OutputChoice,
  call: () => Promise<ConversionReport>,
  isRefusal: (error: unknown) => error is Error & { readonly report: ConversionReport },
): Promise<ExitCode> {
  let report: ConversionReport;
  try {
    report = await call();
  } catch (error) {
    if (!isRefusal(error)) throw error;
    printReport(context.output, error.report, choice, true);
    context.output.stderr.write(
      `${context.programName}: ${error.message.replace(/`strict`/g, "--strict")}\n`,
    );
    return EXIT.no;
  }
  printReport(context.output, report, choice, false);
  return EXIT.ok;
}
