/**
 * The `rekognition-datasets` program: parses the command line, runs one command, and exits with the
 * command's code. Ctrl-C (SIGINT) or SIGTERM aborts the running command cleanly (an upload keeps its
 * checkpoint and says how to resume) and exits 130; a second Ctrl-C exits at once.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { CommanderError } from "commander";
import type { DatasetClient } from "../client/dataset-client.js";
import type { CommandContext } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { describeFailure } from "./errors-to-messages.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { createDatasetClient } from "./global-options.js";
import { type OutputFormat, processOutput, writeJson } from "./output.js";
import { createProgram, PROGRAM_NAME } from "./program.js";

/** The package's version: this file is `src/cli/main.ts` or `dist/cli/main.js`, two folders below package.json. */
function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** Whether the command line asks for JSON, read before parsing so that a failure of the parse can honour it. */
function asksForJson(argv: readonly string[]): boolean {
  return (
    argv.includes("--json") ||
    argv.includes("--output=json") ||
    argv.some((arg, i) => arg === "--output" && argv[i + 1] === "json")
  );
}

async function main(): Promise<ExitCode> {
  const argv = process.argv.slice(2);
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping cleanly (press Ctrl-C again to quit at once)...\n`);
    controller.abort(new Error(`Interrupted by ${signal}.`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // `pull ... | head`: the reader went away, so nobody wants the rest; end quietly, as `cat` does.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
    throw error;
  });

  let exitCode: ExitCode = EXIT.ok;
  let client: Promise<DatasetClient> | undefined;
  let format: OutputFormat = asksForJson(argv) ? "json" : "text";
  const program = createProgram(packageVersion(), COMMANDS, {
    context(global): CommandContext {
      format = global.format;
      return {
        global,
        output: processOutput(global.format, global.quiet),
        signal: controller.signal,
        datasetClient: () => {
          client ??= createDatasetClient(global);
          return client;
        },
        programName: PROGRAM_NAME,
        argv,
      };
    },
    exit(code) {
      exitCode = code;
    },
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end as "errors" of exit code 0; commander has already printed everything.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const report = describeFailure(error);
    const code = interrupted ? EXIT.interrupted : report.exitCode;
    if (format === "json") {
      const result = (error as { result?: unknown }).result;
      writeJson(processOutput("json", true), {
        error: {
          name: error instanceof Error ? error.name : "Error",
          message: interrupted ? "Interrupted." : report.message,
          exitCode: code,
          ...(report.hint === undefined ? {} : { hint: report.hint }),
          ...(result === undefined ? {} : { result }),
        },
      });
    }
    // Interrupted: what is applied and how to resume are already said; the abort's own message adds nothing.
    if (interrupted) process.stderr.write(`${PROGRAM_NAME}: interrupted.\n`);
    else process.stderr.write(`${PROGRAM_NAME}: ${report.message}\n`);
    if (report.hint !== undefined && !interrupted) process.stderr.write(`hint: ${report.hint}\n`);
    if (process.env.REKOGNITION_DATASETS_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    return code;
  } finally {
    // Idle keep-alive sockets must not hold the process open once the command is over.
    if (client !== undefined) (await client.catch(() => undefined))?.client.destroy();
  }
  return exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${PROGRAM_NAME}: ${describeFailure(error).message}\n`);
    process.exitCode = EXIT.serviceFailed;
  },
);
