/**
 * Command-line flags of the standalone emulator (`src/local/main.ts`), turned into
 * {@link LocalRekognitionOptions}.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { REPEATED_SOURCE_REF_RULES, type RepeatedSourceRefRule } from "./change.js";
import type { FaultOptions, UpdateFailureCode } from "./faults.js";
import type { LocalRekognitionOptions, ProcessingOptions } from "./options.js";
import {
  CONCURRENT_UPDATE_RULES,
  LINE_RULES,
  OVERSIZE_ERROR_NAMES,
  PAYLOAD_LIMIT_RULES,
} from "./service-behaviour.js";

/** The usage text printed by `--help`. */
export const USAGE = `Usage: rekognition-datasets-local [options]

Starts a local emulator of the Rekognition Custom Labels dataset API and prints its endpoint.

  --host <address>               address to listen on (default 127.0.0.1)
  --port <n>                     port, 0 for a free one (default 0)
  --region <region>              region used in ARNs (default us-east-1)
  --account-id <12 digits>       account used in ARNs (default 123456789012)
  --seed <n>                     seed of the fault generator (default 1)
  --base-ms <ms>                 processing time of every update (default 500)
  --per-megabyte-ms <ms>         processing time per MB of GroundTruth (default 200)
  --create-ms <ms>               time a new dataset stays CREATE_IN_PROGRESS (default 0)
  --max-ground-truth-bytes <n>   largest GroundTruth accepted (default 5242880)
  --repeated-source-ref <rule>   a source-ref on several lines of one update: keep-first (default),
                                 keep-last or drop-all (the service does not document it)
  --payload-limit <rule>         what the GroundTruth limit counts: raw (default) or base64
  --oversize-error <name>        InvalidParameterException (default) or ValidationException
  --concurrent-update <rule>     an update sent while one runs: resource-in-use (default) or queue
  --float-coordinates <rule>     a box with fractional pixels: accept (default), flag or drop
  --string-class-index <rule>    a label value "0" (a string): accept (default), flag or drop
  --source-ref-only-line <rule>  a line with only source-ref: flag (default), accept or drop
  --throttle-rate <0..1>         share of requests throttled
  --internal-error-rate <0..1>   share of requests answered InternalServerError
  --drop-connection-rate <0..1>  share of connections dropped before the operation runs
  --drop-response-rate <0..1>    share of connections dropped after the operation ran
  --latency-ms <ms>              delay added to every request
  --fail-next-updates <n>        the next n updates end in UPDATE_FAILED
  --update-failure-rate <0..1>   share of updates that end in UPDATE_FAILED
  --update-failure-code <code>   SERVICE_ERROR (default) or CLIENT_ERROR
  --stale-status-ms <ms>         window in which DescribeDataset shows the previous status
  --help                         print this text
`;

const NUMBER_FLAGS = {
  port: "port",
  seed: "seed",
  "max-ground-truth-bytes": "maxGroundTruthBytes",
} as const;

const PROCESSING_FLAGS = {
  "base-ms": "baseMs",
  "per-megabyte-ms": "perMegabyteMs",
  "create-ms": "createMs",
} as const satisfies Record<string, keyof ProcessingOptions>;

const FAULT_FLAGS = {
  "throttle-rate": "throttleRate",
  "internal-error-rate": "internalErrorRate",
  "drop-connection-rate": "dropConnectionRate",
  "drop-response-rate": "dropResponseRate",
  "latency-ms": "latencyMs",
  "fail-next-updates": "failNextUpdates",
  "update-failure-rate": "updateFailureRate",
  "stale-status-ms": "staleStatusMs",
} as const satisfies Record<string, keyof FaultOptions>;

/** Flags that take one of a few words, with the words allowed (undocumented service behaviours). */
const CHOICE_FLAGS: Record<
  string,
  { readonly key: keyof LocalRekognitionOptions; readonly allowed: readonly string[] }
> = {
  "payload-limit": { key: "payloadLimit", allowed: PAYLOAD_LIMIT_RULES },
  "oversize-error": { key: "oversizeError", allowed: OVERSIZE_ERROR_NAMES },
  "concurrent-update": { key: "concurrentUpdate", allowed: CONCURRENT_UPDATE_RULES },
  "float-coordinates": { key: "floatCoordinates", allowed: LINE_RULES },
  "string-class-index": { key: "stringClassIndex", allowed: LINE_RULES },
  "source-ref-only-line": { key: "sourceRefOnlyLine", allowed: LINE_RULES },
};

/** What the command line asks for: the emulator's options, or the usage text. */
export type EmulatorCommand =
  | { readonly help: true }
  | { readonly help: false; readonly options: LocalRekognitionOptions };

function toNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) {
    throw new TypeError(`--${flag} expects a number, got ${JSON.stringify(value)}.`);
  }
  return number;
}

/**
 * Parses the emulator's flags. Unknown flags and non-numeric values throw a `TypeError` naming the flag;
 * range checks are left to {@link startLocalRekognition}, which names the option.
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCommand {
  const stringFlags = [
    "host",
    "region",
    "account-id",
    "update-failure-code",
    "repeated-source-ref",
    ...Object.keys(CHOICE_FLAGS),
    ...Object.keys(NUMBER_FLAGS),
    ...Object.keys(PROCESSING_FLAGS),
    ...Object.keys(FAULT_FLAGS),
  ];
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(stringFlags.map((flag) => [flag, { type: "string" as const }])),
      help: { type: "boolean" as const },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return { help: true };
  const text = (flag: string): string | undefined => {
    const value = (values as Record<string, unknown>)[flag];
    return typeof value === "string" ? value : undefined;
  };

  const options: Record<string, unknown> = {};
  const host = text("host");
  if (host !== undefined) options.host = host;
  const region = text("region");
  if (region !== undefined) options.region = region;
  const accountId = text("account-id");
  if (accountId !== undefined) options.accountId = accountId;
  const repeated = text("repeated-source-ref");
  if (repeated !== undefined) {
    if (!(REPEATED_SOURCE_REF_RULES as readonly string[]).includes(repeated)) {
      throw new TypeError(
        `--repeated-source-ref expects ${REPEATED_SOURCE_REF_RULES.join(", ")}, got ${JSON.stringify(repeated)}.`,
      );
    }
    options.repeatedSourceRef = repeated as RepeatedSourceRefRule;
  }
  for (const [flag, { key, allowed }] of Object.entries(CHOICE_FLAGS)) {
    const value = text(flag);
    if (value === undefined) continue;
    if (!allowed.includes(value)) {
      throw new TypeError(`--${flag} expects ${allowed.join(", ")}, got ${JSON.stringify(value)}.`);
    }
    options[key] = value;
  }
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const value = text(flag);
    if (value !== undefined) options[key] = toNumber(flag, value);
  }
  const processing: Record<string, number> = {};
  for (const [flag, key] of Object.entries(PROCESSING_FLAGS)) {
    const value = text(flag);
    if (value !== undefined) processing[key] = toNumber(flag, value);
  }
  if (Object.keys(processing).length > 0) options.processing = processing;
  const faults: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const value = text(flag);
    if (value !== undefined) faults[key] = toNumber(flag, value);
  }
  const code = text("update-failure-code");
  if (code !== undefined) {
    if (code !== "SERVICE_ERROR" && code !== "CLIENT_ERROR") {
      throw new TypeError(
        `--update-failure-code expects SERVICE_ERROR or CLIENT_ERROR, got ${JSON.stringify(code)}.`,
      );
    }
    faults.updateFailureCode = code satisfies UpdateFailureCode;
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  return { help: false, options: options as LocalRekognitionOptions };
}
