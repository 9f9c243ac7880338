/**
 * What the builders share: defaults, the clock, input conversion and the final check that nothing invalid
 * leaves a builder.
 *
 * @module
 */
import { ManifestValidationError } from "../../errors/manifest-validation-error.js";
import {
  hasErrorProblems,
  makeProblem,
  type ProblemCode,
  quoteValue,
  type ValidationProblem,
} from "../problems.js";
import type { HumanAnnotated, ManifestLine } from "../types.js";
import { validateLine } from "../validate.js";

/** Options every builder takes. */
export interface BuilderOptions {
  /**
   * The clock for the default `creation-date`, so tests and reproducible builds can fix it.
   *
   * @defaultValue the system clock
   */
  readonly now?: () => Date;
}

/** What a person or a labelling job says about a label: who made it, when, how sure. */
export interface LabelProvenance {
  /** How sure the labeller was, 0..1 (required by the format, ignored by the service). @defaultValue 1 */
  readonly confidence?: number;
  /** Whether a person made the label. @defaultValue `"yes"` */
  readonly humanAnnotated?: boolean | HumanAnnotated;
  /** When the label was made; a `Date`, or a UTC ISO-8601 string. @defaultValue now, e.g. `2026-11-22T01:53:40.123Z` */
  readonly creationDate?: Date | string;
  /** The labelling job's name. @defaultValue none (the key is left out) */
  readonly jobName?: string;
}

/** Default confidence of a label a builder makes: a person's label is certain. */
export const DEFAULT_CONFIDENCE = 1;

/** Collects the input problems of one build; the list only exists once there is a problem. */
export class BuildProblems {
  list: ValidationProblem[] | undefined = undefined;

  add(code: ProblemCode, path: string, message: string): void {
    (this.list ??= []).push(makeProblem(code, path, message));
  }
}

/** Caches the ISO form of the system clock: formatting a date costs more than the rest of a small line. */
let cachedMs = Number.NaN;
let cachedIso = "";

/** Now as a UTC ISO-8601 string with milliseconds and `Z`. */
export function nowIso(options: BuilderOptions): string {
  if (options.now !== undefined) return options.now().toISOString();
  const ms = Date.now();
  if (ms !== cachedMs) {
    cachedMs = ms;
    cachedIso = new Date(ms).toISOString();
  }
  return cachedIso;
}

/**
 * A `creation-date` from a `Date` or string. A bad string is passed through for the line validator to
 * report; an invalid `Date` cannot be, so it is reported here.
 */
export function creationDate(value: unknown, path: string, problems: BuildProblems): unknown {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      problems.add(
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
        path,
        "The creation date is an invalid Date.",
      );
      return "";
    }
    return value.toISOString();
  }
  return value;
}

/** `"yes"`/`"no"` from a boolean; anything else passes through for the line validator to report. */
export function humanAnnotated(value: unknown): unknown {
  if (value === undefined || value === true) return "yes";
  if (value === false) return "no";
  return value;
}

/** Reads an input that must be an object; reports it otherwise. */
export function inputObject(
  value: unknown,
  builder: string,
  problems: BuildProblems,
): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  problems.add("INVALID_JSON", "", `${builder} takes an object, got ${quoteValue(value)}.`);
  return {};
}

/**
 * Validates a built line and throws a {@link ManifestValidationError} with the input problems and every
 * problem of the line when any is an error; returns the line otherwise (warnings are allowed through).
 */
export function checked(line: ManifestLine, problems: BuildProblems, builder: string): ManifestLine {
  const lineProblems = validateLine(line);
  if (problems.list === undefined && !hasErrorProblems(lineProblems)) return line;
  throw new ManifestValidationError([...(problems.list ?? []), ...lineProblems], { subject: builder });
}
