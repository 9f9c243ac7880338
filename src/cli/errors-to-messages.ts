/**
 * Turns anything a command throws into what a person at a shell needs: one line saying what failed and
 * where, a hint when one helps, and the exit code. Never a stack trace (unless `REKOGNITION_DATASETS_DEBUG`
 * is set), never a whole payload, never a credential: the library's messages quote at most a short piece
 * of an input, and the SDK's credential errors name providers, not keys.
 *
 * @module
 */
import { CommanderError } from "commander";
import { isDatasetError } from "../errors/dataset-error.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** What to print for a failure, and how to exit. */
export interface FailureReport {
  /** One line. */
  readonly message: string;
  /** What to do about it, when there is something to say. */
  readonly hint?: string;
  /** The exit code. */
  readonly exitCode: ExitCode;
}

/** Longest message printed: enough for any of the library's messages, not for a payload an error quotes. */
const MAX_MESSAGE_LENGTH = 600;

/** The message on one line, cut to a readable length. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH)}...` : flat;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error and its causes, outermost first (a cycle or a deep chain stops the walk). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * A hint for the configuration mistakes the SDK reports in its own words: no region, no credentials, an
 * endpoint nobody answers on.
 */
function configurationHint(error: unknown): { hint: string; exitCode: ExitCode } | undefined {
  for (const link of causeChain(error)) {
    const name = (link as { name?: unknown }).name;
    const message = messageOf(link);
    const code = (link as { code?: unknown }).code;
    if (/region is missing|region not accepted/i.test(message)) {
      return {
        hint: "No AWS region: pass --region (the dataset ARN's fourth field is its region), or set AWS_REGION or a region in your AWS profile.",
        exitCode: EXIT.usage,
      };
    }
    if (name === "CredentialsProviderError" || /could not load credentials/i.test(message)) {
      return {
        hint: "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile, or run `aws sso login` / `aws configure`.",
        exitCode: EXIT.usage,
      };
    }
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
      return {
        hint: "Nothing answered at the service's address: check --endpoint-url (or AWS_ENDPOINT_URL_REKOGNITION) and your network.",
        exitCode: EXIT.serviceFailed,
      };
    }
  }
  return undefined;
}

/** The exit code of a library error, by what it means for the caller. */
function exitCodeOf(error: unknown): ExitCode {
  if (!isDatasetError(error)) return EXIT.serviceFailed;
  switch (error.name) {
    case "InvalidOptionsError":
    case "InvalidDatasetArnError":
    case "ManifestReadError":
    case "CheckpointMismatchError":
      return EXIT.usage;
    case "InvalidLinesError":
    case "ManifestValidationError":
    case "LineTooLargeError":
    case "PayloadTooLargeError":
    case "DiffInputError":
    case "ConversionInputError":
    case "ConversionError":
    case "DatasetUnavailableError":
      return EXIT.no;
    case "OperationAbortedError":
    case "UploadAbortedError":
      return EXIT.interrupted;
    case "UpdateFailedError":
      return isDatasetError(error, "UpdateFailedError") && error.statusMessageCode === "CLIENT_ERROR"
        ? EXIT.no
        : EXIT.serviceFailed;
    case "UploadFailedError":
      // The upload's own failure is its cause's: a refused update is a "no", a network failure is not.
      return exitCodeOf((error as { cause?: unknown }).cause);
    default:
      return EXIT.serviceFailed;
  }
}

/** What each converter's input must be, for the hint after a `ConversionInputError`. */
const CONVERSION_INPUT_HINTS: Readonly<Record<string, string>> = {
  coco: "The input must be a COCO instances file: one JSON object with images, annotations and categories.",
  yolo: "Give the data YAML (with names), a classes file, or the dataset's folder; --classes names the class file.",
  voc: "Give Pascal VOC annotation XML files (an <annotation> with <filename>, <size> and <object>s), or their folder.",
  csv: "Each row must have as many fields as the header; quote a field that holds a comma (RFC 4180). See --layout.",
  groundtruth: "The input must be a SageMaker Ground Truth output manifest: one JSON object per line.",
  folders: "Give the root folder of the labelled tree, or an s3://bucket/prefix/ URI.",
};

function hintOf(error: unknown): string | undefined {
  if (isDatasetError(error, "InvalidLinesError")) {
    return "Fix those lines (see `validate`), or pass --skip-invalid to send only the valid ones.";
  }
  if (isDatasetError(error, "ConversionInputError")) {
    return CONVERSION_INPUT_HINTS[(error as { format?: string }).format ?? ""];
  }
  if (isDatasetError(error, "InvalidDatasetArnError")) {
    return "List your datasets' ARNs with `aws rekognition describe-projects --region <region>`.";
  }
  if (isDatasetError(error, "CheckpointMismatchError")) {
    return "Remove the checkpoint file (or pass --no-checkpoint) to upload from the first line.";
  }
  if (isDatasetError(error, "RequestFailedError") && error.retryable) {
    return "Try again later, or allow more attempts with --max-attempts.";
  }
  if (isDatasetError(error, "WaitTimeoutError")) {
    return "The update may still finish: check with `describe --wait`.";
  }
  return undefined;
}

/** Longest piece of a cause's message added to a request's failure. */
const MAX_CAUSE_LENGTH = 200;

/**
 * The error's message; a failed request's says "see `cause`", which a person at a shell cannot, so the
 * cause's own message (the service's or the SDK's words, cut short) follows it.
 */
function fullMessage(error: unknown): string {
  const message = messageOf(error);
  if (!isDatasetError(error, "RequestFailedError")) return message;
  const cause = (error as { cause?: unknown }).cause;
  if (cause === undefined) return message;
  const said = oneLine(messageOf(cause));
  return `${message} Cause: ${said.length > MAX_CAUSE_LENGTH ? `${said.slice(0, MAX_CAUSE_LENGTH)}...` : said}`;
}

/**
 * The report for a failure.
 *
 * @param error - what the command threw.
 */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof UsageError) {
    return {
      message: oneLine(error.message),
      exitCode: EXIT.usage,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
  if (error instanceof CommanderError) {
    return { message: oneLine(error.message.replace(/^error: /, "")), exitCode: EXIT.usage };
  }
  const configuration = configurationHint(error);
  if (configuration !== undefined) {
    return {
      message: oneLine(fullMessage(error)),
      hint: configuration.hint,
      exitCode: configuration.exitCode,
    };
  }
  const hint = hintOf(error);
  const known = isDatasetError(error);
  return {
    message: oneLine(known ? fullMessage(error) : `Unexpected failure: ${messageOf(error)}`),
    exitCode: exitCodeOf(error),
    ...(hint === undefined ? {} : { hint }),
  };
}
