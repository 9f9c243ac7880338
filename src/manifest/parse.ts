/**
 * Parsing one manifest line of text into a typed line and its problems.
 *
 * @module
 */
import { MAX_LINE_CHARACTERS } from "../limits.js";
import { makeProblem, quoteValue, type ValidationProblem } from "./problems.js";
import type { ManifestLine } from "./types.js";
import { validateLineAt } from "./validate.js";

/** One line of manifest text, parsed and checked. */
export interface ParsedManifestLine {
  /** The 1-based line number, when one was given. */
  readonly lineNumber?: number;
  /** The line's text as given (without line ending). */
  readonly text: string;
  /**
   * The parsed line; absent when the text is too long, is not JSON, or is JSON but not an object. Present
   * whenever it could be parsed, even when it has problems.
   */
  readonly line?: ManifestLine;
  /** Every problem found: parse problems and every {@link validateLine} problem. */
  readonly problems: readonly ValidationProblem[];
}

/**
 * Parses and validates one manifest line. Never throws on bad data: every problem is in `problems`.
 * A line over `MAX_LINE_CHARACTERS` (100,000, counted as JavaScript string length) is refused before
 * `JSON.parse` ever sees it.
 *
 * @param text - one line of manifest text, without its line ending.
 * @param lineNumber - the 1-based line number, stamped on the result and on each problem.
 */
export function parseManifestLine(text: string, lineNumber?: number): ParsedManifestLine {
  if (text.length > MAX_LINE_CHARACTERS) {
    return failed(
      text,
      lineNumber,
      makeProblem("LINE_TOO_LONG", "", tooLongMessage(text.length), "error", lineNumber),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    return failed(
      text,
      lineNumber,
      makeProblem(
        "INVALID_JSON",
        "",
        `The line is not valid JSON (${reason.length > 120 ? `${reason.slice(0, 120)}…` : reason}); the service drops such a line silently.`,
        "error",
        lineNumber,
      ),
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return failed(
      text,
      lineNumber,
      makeProblem(
        "INVALID_JSON",
        "",
        `The line must be a JSON object, got ${Array.isArray(value) ? "an array" : quoteValue(value)}; the service drops such a line silently.`,
        "error",
        lineNumber,
      ),
    );
  }
  const line = value as ManifestLine;
  const problems = validateLineAt(line, lineNumber);
  return lineNumber === undefined ? { text, line, problems } : { lineNumber, text, line, problems };
}

/**
 * The message of a LINE_TOO_LONG problem.
 *
 * @param length - the line's length, in characters (or bytes, when only bytes were counted).
 * @param unit - what `length` counts.
 * @internal
 */
export function tooLongMessage(length: number, unit = "characters"): string {
  return `The line is ${length} ${unit} long; the service silently drops lines over ${MAX_LINE_CHARACTERS} characters. Split the image's labels or shorten the line.`;
}

function failed(
  text: string,
  lineNumber: number | undefined,
  problem: ValidationProblem,
): ParsedManifestLine {
  return lineNumber === undefined ? { text, problems: [problem] } : { lineNumber, text, problems: [problem] };
}
