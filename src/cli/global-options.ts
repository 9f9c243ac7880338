/**
 * The options every command takes: where the service is (`--region`, `--profile`, `--endpoint-url`, the AWS
 * CLI's names) and how to answer (`--output`, `--json`, `--quiet`, `--no-progress`). A flag that is absent
 * passes nothing to the SDK, so its own resolution applies unchanged: `AWS_REGION`, `AWS_PROFILE`,
 * `AWS_ENDPOINT_URL_REKOGNITION`, the shared config and credentials files, instance roles.
 *
 * @module
 */
import type { RekognitionClientConfig } from "@aws-sdk/client-rekognition";
import type { DatasetClient } from "../client/dataset-client.js";
import type { OutputFormat } from "./output.js";
import { UsageError } from "./usage-error.js";

/** The global flags as the parser leaves them. */
export interface GlobalFlags {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly output?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly progress?: boolean;
  readonly maxAttempts?: string;
}

/** The global flags, checked. */
export interface GlobalOptions {
  /** The SDK client's configuration: only what a flag gave. */
  readonly clientConfig: RekognitionClientConfig;
  /** `--max-attempts`: attempts per request, the first included. */
  readonly maxAttempts: number | undefined;
  /** `--output` (`--json` is `--output json`). */
  readonly format: OutputFormat;
  /** `--quiet`. */
  readonly quiet: boolean;
  /** Whether progress may be shown (not `--no-progress`, `--quiet` or `--output json`). */
  readonly progress: boolean;
}

/** Checks the global flags; a bad value is a {@link UsageError} naming the flag. */
export function resolveGlobalOptions(flags: GlobalFlags): GlobalOptions {
  const format = resolveFormat(flags);
  const quiet = flags.quiet === true;
  return {
    clientConfig: clientConfigFrom(flags),
    maxAttempts: resolveMaxAttempts(flags.maxAttempts),
    format,
    quiet,
    progress: flags.progress !== false && !quiet && format === "text",
  };
}

function resolveFormat(flags: GlobalFlags): OutputFormat {
  if (flags.json === true) {
    if (flags.output !== undefined && flags.output !== "json") {
      throw new UsageError(`--json and --output ${flags.output} contradict each other.`, "Pass one of them.");
    }
    return "json";
  }
  const output = flags.output ?? "text";
  if (output !== "text" && output !== "json") {
    throw new UsageError(`--output must be "text" or "json", got "${output}".`);
  }
  return output;
}

function resolveMaxAttempts(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const attempts = Number(value);
  if (!Number.isSafeInteger(attempts) || attempts < 1) {
    throw new UsageError(`--max-attempts must be a whole number from 1, got "${value}".`);
  }
  return attempts;
}

/**
 * The RekognitionClient configuration the flags ask for. An absent flag adds no key: the SDK then reads its
 * environment variables and config files as it always does.
 */
export function clientConfigFrom(
  flags: Pick<GlobalFlags, "region" | "profile" | "endpointUrl">,
): RekognitionClientConfig {
  const config: { region?: string; profile?: string; endpoint?: string } = {};
  if (flags.region !== undefined) config.region = flags.region;
  if (flags.profile !== undefined) config.profile = flags.profile;
  if (flags.endpointUrl !== undefined) {
    if (!URL.canParse(flags.endpointUrl)) {
      throw new UsageError(
        `--endpoint-url must be a URL, got "${flags.endpointUrl}".`,
        "For example --endpoint-url http://127.0.0.1:4566 (the local emulator prints its endpoint).",
      );
    }
    config.endpoint = flags.endpointUrl;
  }
  return config;
}

/** A DatasetClient for these options; the library is loaded only now, when a command needs the service. */
export async function createDatasetClient(options: GlobalOptions): Promise<DatasetClient> {
  const { DatasetClient } = await import("../client/dataset-client.js");
  return new DatasetClient({
    clientConfig: options.clientConfig,
    ...(options.maxAttempts === undefined ? {} : { retry: { attempts: options.maxAttempts } }),
  });
}
