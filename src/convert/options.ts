/**
 * Checking the options every converter and export shares, once, at the call.
 *
 * @module
 */
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { attributeNameProblem } from "../manifest/builders/attribute-names.js";
import { checkAbortSignal, checkOptionsObject } from "../options/check-options.js";
import type { ConvertOptions, OutputOptions } from "./types.js";

/** Keys of {@link OutputOptions}. */
export const OUTPUT_OPTION_KEYS = ["output", "dryRun", "strict", "abortSignal"] as const;

/** Keys of {@link ConvertOptions}. */
export const CONVERT_OPTION_KEYS = [
  ...OUTPUT_OPTION_KEYS,
  "images",
  "labelMap",
  "onImageWithoutAnnotations",
  "outOfBounds",
  "fractional",
  "tooManyBoxes",
  "creationDate",
  "jobName",
  "boxAttribute",
] as const;

function oneOf(options: Readonly<Record<string, unknown>>, key: string, values: readonly string[]): void {
  const value = options[key];
  if (value !== undefined && !values.includes(value as string)) {
    throw new InvalidOptionsError({
      option: key,
      expected: values.map((v) => `"${v}"`).join(" or "),
      value,
    });
  }
}

function booleanOption(options: Readonly<Record<string, unknown>>, key: string): void {
  const value = options[key];
  if (value !== undefined && typeof value !== "boolean") {
    throw new InvalidOptionsError({ option: key, expected: "a boolean", value });
  }
}

function isWritable(value: unknown): value is NodeJS.WritableStream {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { write?: unknown }).write === "function" &&
    typeof (value as { once?: unknown }).once === "function"
  );
}

/**
 * Checks an options object of a converter or an export: an object with known keys only, and each shared
 * value usable. Format-specific values are checked by the format.
 *
 * @param options - what the caller passed.
 * @param known - every key the call takes (shared keys and the format's own).
 * @internal
 */
export function checkOutputOptions(
  options: unknown,
  known: readonly string[],
): asserts options is OutputOptions {
  checkOptionsObject(options, known, "");
  if (options === undefined) {
    throw new InvalidOptionsError({
      option: "output",
      expected: "a file path or a writable stream",
      value: undefined,
    });
  }
  booleanOption(options, "dryRun");
  booleanOption(options, "strict");
  checkAbortSignal(options.abortSignal, "abortSignal");
  const output = options.output;
  const dryRun = options.dryRun === true;
  if (
    output === undefined ? !dryRun : !(typeof output === "string" && output !== "") && !isWritable(output)
  ) {
    throw new InvalidOptionsError({
      option: "output",
      expected: "a file path or a writable stream (required unless `dryRun`)",
      value: output,
    });
  }
}

/**
 * Checks the options of a converter into a manifest (see {@link checkOutputOptions}).
 *
 * @internal
 */
export function checkConvertOptions(
  options: unknown,
  known: readonly string[],
): asserts options is ConvertOptions {
  checkOutputOptions(options, known);
  const given = options as Readonly<Record<string, unknown>>;
  const images = given.images;
  if (
    images !== undefined &&
    typeof images !== "function" &&
    !(typeof images === "string" && /^s3:\/\/[^/]+/.test(images))
  ) {
    throw new InvalidOptionsError({
      option: "images",
      expected: 'an S3 prefix such as "s3://bucket/folder/", or a function from a file name to an s3:// URI',
      value: images,
    });
  }
  const labelMap = given.labelMap;
  if (
    labelMap !== undefined &&
    !(typeof labelMap === "string" && labelMap !== "") &&
    !(labelMap instanceof Map) &&
    !(typeof labelMap === "object" && labelMap !== null && !Array.isArray(labelMap))
  ) {
    throw new InvalidOptionsError({
      option: "labelMap",
      expected: "an object or Map of label -> new label (or null), or a JSON or CSV file path",
      value: labelMap,
    });
  }
  oneOf(given, "onImageWithoutAnnotations", ["skip", "keep"]);
  oneOf(given, "outOfBounds", ["clip", "drop"]);
  oneOf(given, "fractional", ["round", "expand"]);
  oneOf(given, "tooManyBoxes", ["keep-largest", "skip-image"]);
  const date = given.creationDate;
  if (
    date !== undefined &&
    !(date instanceof Date && !Number.isNaN(date.getTime())) &&
    !(typeof date === "string" && !Number.isNaN(Date.parse(date)))
  ) {
    throw new InvalidOptionsError({
      option: "creationDate",
      expected: "a valid Date or ISO-8601 string",
      value: date,
    });
  }
  if (given.jobName !== undefined && (typeof given.jobName !== "string" || given.jobName === "")) {
    throw new InvalidOptionsError({
      option: "jobName",
      expected: "a non-empty string",
      value: given.jobName,
    });
  }
  const attribute = given.boxAttribute;
  if (attribute !== undefined && attributeNameProblem(attribute) !== undefined) {
    throw new InvalidOptionsError({
      option: "boxAttribute",
      expected: `an attribute name that ${attributeNameProblem(attribute)?.replace(/^must /, "does ")}`,
      value: attribute,
    });
  }
}

/**
 * Refuses a converter input that is neither a file path nor a readable stream, and names it for the report
 * (`inputName` when the caller gave one, else the path, else `<stream>`).
 *
 * @internal
 */
export function fileOrStreamInput(input: unknown, inputName: string | undefined): string {
  const isPath = typeof input === "string" && input !== "";
  const isStream =
    typeof input === "object" && input !== null && typeof (input as { pipe?: unknown }).pipe === "function";
  if (!isPath && !isStream) {
    throw new InvalidOptionsError({
      option: "input",
      expected: "a file path or a readable stream",
      value: input,
    });
  }
  return inputName ?? (isPath ? (input as string) : "<stream>");
}
