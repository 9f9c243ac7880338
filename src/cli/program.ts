/**
 * The argument parser (commander): the global options, then one subcommand per entry of the registry
 * (`commands/index.ts`). Parsing mistakes surface as `CommanderError` (exit code 2), never as a
 * `process.exit` from inside the parser.
 *
 * @module
 */
import { Command, Option } from "commander";
import type { CliCommand, CommandContext } from "./command.js";
import type { ExitCode } from "./exit-codes.js";
import { type GlobalFlags, resolveGlobalOptions } from "./global-options.js";

/** The program's name in help and messages. */
export const PROGRAM_NAME = "rekognition-datasets";

/** The exit codes, after the program's help. */
const EXIT_CODES_HELP = `
Exit codes:
  0    done, and the answer is "yes"
  1    the answer is "no": invalid lines, differences, an update the service refused
  2    usage error: a flag, an argument, an ARN, a file, missing region or credentials
  3    the service or the network failed after retries
  130  interrupted (Ctrl-C)

Run "rekognition-datasets <command> --help" for a command's own flags.`;

/** What the program needs from its caller: how to build a command's context, and where a command's exit code goes. */
export interface ProgramHooks {
  /** Builds the context a command runs with, from its checked global options. */
  context(global: ReturnType<typeof resolveGlobalOptions>): CommandContext;
  /** Receives the exit code a command returned. */
  exit(code: ExitCode): void;
  /** Where commander writes help (stdout) and its errors (stderr). */
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

function addCommand(program: Command, spec: CliCommand, hooks: ProgramHooks): void {
  const command = program.command(`${spec.name} ${spec.arguments}`.trim()).description(spec.summary);
  if (spec.details !== undefined) command.addHelpText("after", `\n${spec.details}`);
  spec.configure?.(command);
  command.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const global = resolveGlobalOptions(self.optsWithGlobals<GlobalFlags>());
    const code = await spec.run(hooks.context(global), self.processedArgs, self.opts());
    hooks.exit(code);
  });
}

/**
 * The program with every command of `commands`.
 *
 * @param version - printed by `--version`.
 * @param commands - the registry.
 * @param hooks - context, exit code and output.
 */
export function createProgram(
  version: string,
  commands: readonly CliCommand[],
  hooks: ProgramHooks,
): Command {
  const program = new Command(PROGRAM_NAME)
    .description("Validate, upload, pull, diff and sync Amazon Rekognition Custom Labels datasets.")
    .addHelpText("after", EXIT_CODES_HELP)
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option("--region <region>", "AWS region (default: the SDK's: AWS_REGION, your profile)")
    .option("--profile <name>", "AWS profile from the shared config files (default: AWS_PROFILE)")
    .option(
      "--endpoint-url <url>",
      "the service's URL, e.g. the local emulator's (default: AWS_ENDPOINT_URL_REKOGNITION)",
    )
    .addOption(
      new Option("--output <format>", "text for people, json for programs").choices(["text", "json"]),
    )
    .option("--json", "short for --output json")
    .option("-q, --quiet", "no progress and no notes on stderr (errors are still printed)")
    .option("--no-progress", "no progress bar or progress lines")
    .option("--max-attempts <n>", "attempts per request before giving up, the first included (default: 8)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ writeOut: hooks.writeOut, writeErr: hooks.writeErr })
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const spec of commands) addCommand(program, spec, hooks);
  return program;
}
