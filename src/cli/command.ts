/**
 * What a command is: its name, arguments and flags for the parser, and a `run` that calls one library
 * function. A command module imports the library only inside `run` (dynamic `import()`), so starting the
 * CLI, or asking for `--help`, loads none of it.
 *
 * @module
 */
import type { Command } from "commander";
import type { DatasetClient } from "../client/dataset-client.js";
import type { ExitCode } from "./exit-codes.js";
import type { GlobalOptions } from "./global-options.js";
import type { Output } from "./output.js";

/** What a command's `run` is given. */
export interface CommandContext {
  /** The checked global options. */
  readonly global: GlobalOptions;
  /** Where to write. */
  readonly output: Output;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: pass it to the library call. */
  readonly signal: AbortSignal;
  /** A DatasetClient for the global options (created on first use, then the same one). */
  datasetClient(): Promise<DatasetClient>;
  /** How the program was invoked, for messages that say what to run next (e.g. `rekognition-datasets`). */
  readonly programName: string;
  /** The arguments the program was run with (after the program's name), to print the command that resumes. */
  readonly argv: readonly string[];
}

/** One command of the CLI. Register it in `commands/index.ts`. */
export interface CliCommand {
  /** The command's name, e.g. `"upload"`. */
  readonly name: string;
  /** Its arguments in commander's syntax, e.g. `"<dataset-arn> <manifest>"`. */
  readonly arguments: string;
  /** One line for the command list. */
  readonly summary: string;
  /** More, shown by `<command> --help` after the flags. */
  readonly details?: string;
  /** Declares the command's own flags. */
  configure?(command: Command): void;
  /**
   * Runs the command and returns its exit code; throws a library error or a `UsageError` for the caller to
   * turn into a one-line message and an exit code.
   *
   * @param context - global options, output, abort signal, client.
   * @param args - the positional arguments, in order (a variadic one as an array).
   * @param flags - the command's own flags, as the parser leaves them.
   */
  run(context: CommandContext, args: readonly unknown[], flags: Record<string, unknown>): Promise<ExitCode>;
}
