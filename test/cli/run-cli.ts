/**
 * Runs the CLI as a user does: a child process, from source (`node --import tsx src/cli/main.ts`, since the
 * tests run before the build), with dummy credentials and a region in its environment and nothing else of
 * AWS's, so no real account or profile is ever reached.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The command that starts the CLI from source, as argv. */
export const CLI_FROM_SOURCE = [process.execPath, "--import", "tsx", "src/cli/main.ts"] as const;

/** The environment of every run: dummy credentials, a region, no colour, no SDK deprecation warning. */
export function cliEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Nothing of the machine's own AWS setup leaks in.
    if (!key.startsWith("AWS_") && key !== "NO_COLOR") env[key] = value;
  }
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    // No shared config or credentials files: the SDK must not find a real profile.
    AWS_CONFIG_FILE: "/nonexistent/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** What a run printed, and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link startCli}. */
export interface CliOptions {
  /** Environment changes (`undefined` removes a variable). */
  readonly env?: Record<string, string | undefined>;
  /** Called with each piece of stderr as it arrives, with everything so far. */
  readonly onStderr?: (all: string, child: ChildProcess) => void;
}

/** Starts the CLI with `args`; resolves when it exits. */
export function startCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const [command, ...prefix] = CLI_FROM_SOURCE;
  const child = spawn(command, [...prefix, ...args], {
    cwd: ROOT,
    env: cliEnvironment(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the CLI and parses its stdout as the one JSON document it must be. */
export async function runCliJson(
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliRun & { readonly json: unknown }> {
  const run = await startCli([...args, "--output", "json"], options);
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
  return { ...run, json };
}
