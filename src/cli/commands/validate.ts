/**
 * `validate <manifest>...`: every problem of every line (file, line, code, severity, path, message), then
 * the dataset-level checks, through `checkManifest(readManifest(file))`. Exit 0 when there is no error
 * (`--strict`: and no warning), 1 otherwise.
 *
 * @module
 */
import type { Command } from "commander";
import type { DatasetKind } from "../../manifest/dataset-checks.js";
import type { ValidationProblem } from "../../manifest/problems.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { manifestSource } from "../manifest-argument.js";
import { paint, plural, table, writeJson, writeText } from "../output.js";
import { UsageError } from "../usage-error.js";

/** One problem as `validate` reports it; `line` is `null` for a dataset-level problem. */
export interface ReportedProblem {
  readonly file: string;
  readonly line: number | null;
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly path: string;
  readonly message: string;
}

/** The JSON document of `validate --output json`. */
export interface ValidateReport {
  readonly lines: number;
  readonly errors: number;
  readonly warnings: number;
  readonly problems: readonly ReportedProblem[];
}

function reported(file: string, problem: ValidationProblem): ReportedProblem {
  return {
    file,
    line: problem.lineNumber ?? null,
    code: problem.code,
    severity: problem.severity,
    path: problem.path,
    message: problem.message,
  };
}

function kindOf(value: unknown): DatasetKind | undefined {
  if (value === undefined) return undefined;
  if (value === "classification" || value === "detection") return value;
  throw new UsageError(`--kind must be "classification" or "detection", got "${String(value)}".`);
}

export const validateCommand: CliCommand = {
  name: "validate",
  arguments: "<manifest...>",
  summary: "check manifests line by line and as a dataset, before anything is sent",
  details:
    "Each manifest is checked on its own (a path, or - for standard input). Exit 0 when no error was found (with --strict: no warning either), 1 otherwise.",
  configure(command: Command) {
    command
      .option("--strict", "count warnings as errors")
      .option("--kind <kind>", "classification or detection, for the minimum label count (default: guessed)")
      .option("--bucket <name>", "the S3 bucket every image must be in (default: the first line's)");
  },
  async run(context, args, flags) {
    const files = args[0] as string[];
    const kind = kindOf(flags.kind);
    const bucket = flags.bucket as string | undefined;
    const { checkManifest, readManifest } = await import("../../manifest/index.js");
    const problems: ReportedProblem[] = [];
    let lines = 0;
    for (const file of files) {
      const report = await checkManifest(
        readManifest(manifestSource(file), { abortSignal: context.signal }),
        {
          ...(kind === undefined ? {} : { kind }),
          ...(bucket === undefined ? {} : { bucket }),
        },
      );
      lines += report.lines;
      for (const problem of report.lineProblems) problems.push(reported(file, problem));
      for (const problem of report.problems) problems.push(reported(file, problem));
    }
    const errors = problems.filter((problem) => problem.severity === "error").length;
    const warnings = problems.length - errors;
    const result: ValidateReport = { lines, errors, warnings, problems };
    if (context.output.format === "json") {
      writeJson(context.output, result);
    } else {
      const color = context.output.color;
      if (problems.length > 0) {
        writeText(
          context.output,
          table([
            ["FILE:LINE", "SEVERITY", "CODE", "PATH", "MESSAGE"],
            ...problems.map((problem) => [
              problem.line === null ? problem.file : `${problem.file}:${problem.line}`,
              paint(color, problem.severity === "error" ? "red" : "yellow", problem.severity),
              problem.code,
              problem.path === "" ? "-" : problem.path,
              problem.message,
            ]),
          ]),
        );
      }
      writeText(
        context.output,
        `${plural(files.length, "manifest")}, ${plural(lines, "line")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
      );
    }
    const failing = errors + (flags.strict === true ? warnings : 0);
    return failing > 0 ? EXIT.no : EXIT.ok;
  },
};
