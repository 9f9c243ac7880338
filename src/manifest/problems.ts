/**
 * The problems a manifest line or a whole manifest can have: the service's own codes where it has one, and
 * codes of ours for what it drops without a word.
 *
 * @module
 */
import type { ProblemSeverity } from "./types.js";

/**
 * Codes the service reports on a single line (Custom Labels guide, "Non-terminal JSON Line validation
 * errors"). Listed so that problems read back from ListDatasetEntries (`errors`, `cl-errors`, `warnings`)
 * are typed too. Two of them are never produced by this package's validator, only read back:
 * `ERROR_INVALID_JSON_LINE` (we report `INVALID_JSON`, as the service drops such a
 * line) and `ERROR_INVALID_IMAGE` (the image file itself is never read here).
 */
export type ServiceLineProblemCode =
  | "ERROR_MISSING_SOURCE_REF"
  | "ERROR_INVALID_SOURCE_REF_FORMAT"
  | "ERROR_NO_LABEL_ATTRIBUTES"
  | "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT"
  | "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT"
  | "ERROR_NO_VALID_LABEL_ATTRIBUTES"
  | "ERROR_MISSING_BOUNDING_BOX_CONFIDENCE"
  | "ERROR_MISSING_CLASS_MAP_ID"
  | "ERROR_INVALID_JSON_LINE"
  | "ERROR_INVALID_IMAGE"
  | "ERROR_INVALID_IMAGE_DIMENSION"
  | "ERROR_INVALID_BOUNDING_BOX"
  | "ERROR_BOUNDING_BOX_TOO_SMALL"
  | "ERROR_NO_VALID_ANNOTATIONS"
  | "ERROR_TOO_MANY_BOUNDING_BOXES"
  | "ERROR_UNSUPPORTED_USE_CASE_TYPE"
  | "ERROR_INVALID_LABEL_NAME_LENGTH"
  | "WARNING_UNANNOTATED_RECORD"
  | "WARNING_NO_ANNOTATIONS"
  | "WARNING_NO_ATTRIBUTE_ANNOTATIONS";

/**
 * Dataset-level codes of the service that `DatasetChecker` checks for before anything is sent
 * (Custom Labels guide, "Terminal manifest content errors" and "Terminal file errors").
 * `ERROR_MANIFEST_TOO_FEW_LABELS` and `ERROR_EMPTY_MANIFEST` are reported as warnings here: an update may
 * legitimately add to a dataset that already holds other labels, and an empty input simply sends nothing.
 */
export type ServiceDatasetProblemCode =
  | "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"
  | "ERROR_MANIFEST_TOO_MANY_LABELS"
  | "ERROR_MANIFEST_TOO_FEW_LABELS"
  | "ERROR_EMPTY_MANIFEST";

/**
 * Codes of ours, for what the service drops silently (no code, nothing in any API) or does not name:
 * - `LINE_TOO_LONG`: the line is over `MAX_LINE_CHARACTERS` (100,000) characters; the service drops it.
 * - `INVALID_JSON`: the line is not JSON, or is JSON but not an object; the service drops it.
 * - `DUPLICATE_SOURCE_REF`: a `source-ref` already seen on an earlier line; one image holds one entry, so
 *   one line's labels are lost (within one request, which one the service keeps is not documented:
 *   see "A source-ref repeated within one request" in docs/ARCHITECTURE.md).
 * - `TOO_MANY_LABELS`: more than `MAX_LABELS_PER_IMAGE` (50) distinct labels on one image.
 * - `NON_INTEGER_COORDINATE`: a warning; a box coordinate or size that is not an integer. The format
 *   documents integer pixels; whether the service rejects fractions is unknown.
 * - `CONFLICTING_LINES`: `combineLines()` was given lines for different images, or the same key (other
 *   than a label attribute, which is renamed instead) with different values.
 * - `UNTRIMMED_LABEL_NAME`: a warning; a label name starts or ends with white space or a quote character,
 *   as a naively split CSV field does (`"big, cat"` split on the comma). Labels are matched by their exact
 *   name, so `" cat"` and `"cat"` are two labels.
 * - `STRING_CLASS_INDEX`: a warning; an image-level label attribute's value is a string of digits
 *   (`"species": "0"`, as SageMaker Ground Truth's classification example writes it) where the format
 *   documents an integer. The service ignores the value, but its handling of a string is not documented.
 *
 * @see {@link SILENTLY_DROPPED_CODES}
 */
export type OurProblemCode =
  | "LINE_TOO_LONG"
  | "INVALID_JSON"
  | "DUPLICATE_SOURCE_REF"
  | "TOO_MANY_LABELS"
  | "NON_INTEGER_COORDINATE"
  | "CONFLICTING_LINES"
  | "UNTRIMMED_LABEL_NAME"
  | "STRING_CLASS_INDEX";

/** Every problem code: the service's per-line and dataset-level codes, and ours. */
export type ProblemCode = ServiceLineProblemCode | ServiceDatasetProblemCode | OurProblemCode;

/** One thing wrong with a manifest line (or, for dataset-level codes, with the manifest as a whole). */
export interface ValidationProblem {
  /** What kind of problem: the service's code where it has one, otherwise one of ours. */
  readonly code: ProblemCode;
  /** What is wrong and the value seen (long values cut to about 80 characters; never the whole line). */
  readonly message: string;
  /**
   * Where on the line: a dotted path with list indexes, e.g. `"bounding-box.annotations[2].width"` or
   * `"sunrise-metadata.confidence"`; `""` for the whole line or the whole manifest.
   */
  readonly path: string;
  /** `error`: the service would reject or drop it. `warning`: accepted, but probably not what you meant. */
  readonly severity: ProblemSeverity;
  /** The 1-based line number, when the line came from a file or stream. */
  readonly lineNumber?: number;
}

/**
 * Codes for which the service keeps no entry, so that nothing reports them afterwards: a line over the
 * length limit (Custom Labels guide, "Guidelines and quotas") or not JSON cannot be read, a line without a
 * usable `source-ref` names no image, and two lines with one `source-ref` leave one entry. Anything else is
 * kept on the entry and reported through ListDatasetEntries.
 */
export const SILENTLY_DROPPED_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "LINE_TOO_LONG",
  "INVALID_JSON",
  "ERROR_MISSING_SOURCE_REF",
  "ERROR_INVALID_SOURCE_REF_FORMAT",
  "DUPLICATE_SOURCE_REF",
]);

/**
 * Tells whether any problem is an error (severity `"error"`); warnings alone leave a line usable.
 *
 * @param problems - the problems of one line or of a manifest.
 */
export function hasErrorProblems(problems: readonly ValidationProblem[]): boolean {
  for (let i = 0; i < problems.length; i++) {
    if (problems[i]!.severity === "error") return true;
  }
  return false;
}

/**
 * Tells whether the service would drop a line with these problems without any report (see
 * {@link SILENTLY_DROPPED_CODES}).
 *
 * @param problems - the problems of one line.
 */
export function isSilentlyDropped(problems: readonly ValidationProblem[]): boolean {
  for (let i = 0; i < problems.length; i++) {
    if (SILENTLY_DROPPED_CODES.has(problems[i]!.code)) return true;
  }
  return false;
}

/** Longest value quoted in a problem message, in characters. */
const MAX_QUOTED_LENGTH = 80;

/**
 * Renders a value seen on a line for a message: JSON, cut to about 80 characters so a message never
 * carries a whole payload.
 *
 * @param value - the offending value.
 * @internal
 */
export function quoteValue(value: unknown): string {
  let text: string;
  if (value === undefined) return "undefined";
  if (typeof value === "string") {
    // Cut before quoting so a 100,000-character string is not escaped in full just to be thrown away.
    text = JSON.stringify(value.length > MAX_QUOTED_LENGTH ? value.slice(0, MAX_QUOTED_LENGTH) : value);
    if (value.length > MAX_QUOTED_LENGTH) text = `${text.slice(0, -1)}…"`;
    return text;
  }
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") return typeof value;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}

/**
 * Longest message and path a problem carries. Keys come from the user's data (an attribute name can be
 * 90,000 characters): a problem locates and explains, it never repeats a line's content.
 */
const MAX_MESSAGE_LENGTH = 500;
const MAX_PATH_LENGTH = 200;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Builds a problem, with the line number only when one is known (`exactOptionalPropertyTypes`), its
 * message and path cut to a bounded length.
 *
 * @internal
 */
export function makeProblem(
  code: ProblemCode,
  path: string,
  message: string,
  severity: ProblemSeverity = "error",
  lineNumber?: number,
): ValidationProblem {
  message = cut(message, MAX_MESSAGE_LENGTH);
  path = cut(path, MAX_PATH_LENGTH);
  return lineNumber === undefined
    ? { code, message, path, severity }
    : { code, message, path, severity, lineNumber };
}
