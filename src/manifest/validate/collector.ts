/**
 * What the line validator's checks share: the collector of one line's problems and the facts the
 * line-level checks need about its attributes, the "X must be Y, got Z" problem, and the table of scalar
 * fields walked by one loop.
 *
 * @module
 */
import { makeProblem, type ProblemCode, quoteValue, type ValidationProblem } from "../problems.js";
import type { ProblemSeverity } from "../types.js";

/** A plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Collects the problems of one line (the array only exists once there is a problem) and what the
 * line-level checks need to know about its attributes. One object per line, so nothing else is allocated
 * for a clean line.
 */
export class Collector {
  problems: ValidationProblem[] | undefined = undefined;
  errors = 0;
  /** Attributes recognised on the line (valid or not). */
  attributes = 0;
  /** Attributes with no attribute-level error. */
  validAttributes = 0;
  /** Valid attributes that carry at least one label (classification, or boxes with annotations). */
  annotatedAttributes = 0;
  /** Upper bound of distinct labels: classification attributes plus class-map entries. */
  labelBound = 0;
  /** Bounding boxes on the image, over every object-detection attribute. */
  boxes = 0;
  /** Whether one attribute alone already had too many boxes (reported there). */
  tooManyBoxesInOne = false;
  /** Whether a human-annotated box attribute has no box (the line then earns WARNING_NO_ANNOTATIONS). */
  humanAnnotatedWithoutBoxes = false;

  constructor(readonly lineNumber: number | undefined) {}

  add(code: ProblemCode, path: string, message: string, severity: ProblemSeverity = "error"): void {
    if (severity === "error") this.errors++;
    (this.problems ??= []).push(makeProblem(code, path, message, severity, this.lineNumber));
  }

  /**
   * Reports a value that is not what the format asks for, in one wording: `<subject> must be <expected>,
   * got <value>.`
   */
  mustBe(code: ProblemCode, path: string, subject: string, expected: string, value: unknown): void {
    this.add(code, path, `${subject} must be ${expected}, got ${quoteValue(value)}.`);
  }
}

/** One scalar field of an object of the format: its JSON type, whether it may be left out, its rule. */
export interface ScalarField {
  /** The field's key. */
  readonly key: string;
  /** The JSON type its value must have. */
  readonly type: "string" | "number";
  /** Whether the key may be left out. */
  readonly optional: boolean;
  /** The rule a value of the right type must meet. */
  readonly accepts: (value: never) => boolean;
  /** What the format asks for, for the message ("a number from 0 to 1"). */
  readonly expected: string;
}

/**
 * Checks each field of `fields` on `object`. A missing key or a value of the wrong JSON type is a broken
 * schema (`schemaCode`); a value of the right type that breaks the rule is a bad value (`valueCode`), which
 * is a different code where the service tells the two apart (an `image_size` without `width` against a
 * width of 10 px). Returns whether every field is fine.
 */
export function checkScalarFields(
  c: Collector,
  object: Record<string, unknown>,
  pathPrefix: string,
  fields: readonly ScalarField[],
  schemaCode: ProblemCode,
  valueCode: ProblemCode,
): boolean {
  let ok = true;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = object[field.key];
    if (value === undefined && field.optional) continue;
    const rightType = typeof value === field.type;
    if (rightType && (field.accepts as (value: unknown) => boolean)(value)) continue;
    ok = false;
    c.mustBe(
      rightType ? valueCode : schemaCode,
      `${pathPrefix}.${field.key}`,
      `"${field.key}"`,
      field.expected,
      value,
    );
  }
  return ok;
}
