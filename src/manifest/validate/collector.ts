/**
 * What the line validator's checks share: the collector of one line's problems and the facts the
 * line-level checks need about its attributes, the "X must be Y, got Z" problem, and the table of scalar
 * fields walked by one loop.
 *
 * @module
 */
import { MAX_IMAGE_SIDE, MIN_IMAGE_SIDE } from "../../limits.js";
import { makeProblem, type ProblemCode, quoteValue, type ValidationProblem } from "../problems.js";
import type { ProblemSeverity } from "../types.js";
import { isCreationDate } from "./creation-date.js";

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

/** The rules a scalar field can have, named: one `switch` checks them all. */
export type ScalarRule =
  | "yes-or-no"
  | "creation-date"
  | "any-string"
  | "confidence"
  | "image-side"
  | "channels";

/** Tells whether `value` meets `rule` (its JSON type included). */
export function meets(rule: ScalarRule, value: unknown): boolean {
  switch (rule) {
    case "yes-or-no":
      return value === "yes" || value === "no";
    case "creation-date":
      return isCreationDate(value);
    case "any-string":
      return typeof value === "string";
    case "confidence":
      return typeof value === "number" && value >= 0 && value <= 1;
    case "image-side":
      return (
        Number.isInteger(value) && (value as number) >= MIN_IMAGE_SIDE && (value as number) <= MAX_IMAGE_SIDE
      );
    case "channels":
      return Number.isInteger(value) && (value as number) >= 1;
  }
}

/** One scalar field of an object of the format: its JSON type, whether it may be left out, its rule. */
export interface ScalarField {
  /** The field's key. */
  readonly key: string;
  /** The JSON type its value must have: a value of another type is a broken schema, not a bad value. */
  readonly type: "string" | "number";
  /** Whether the key may be left out. */
  readonly optional: boolean;
  /** The rule its value must meet. */
  readonly rule: ScalarRule;
  /** What the format asks for, for the message ("a number from 0 to 1"). */
  readonly expected: string;
}

/**
 * A table of scalar fields: the fields, which say everything about each (key, type, rule, message), and
 * the same checks with the keys written out, which a clean object (nearly every one) passes at the cost of
 * a few property reads. Reading a key held in a table is several times slower in V8 than reading a key
 * written in the code, and the validator runs on every line; the test `scalar-fields.test.ts` holds the
 * two to the same answer.
 */
export interface ScalarTable {
  /** The fields, in the order their problems are reported. */
  readonly fields: readonly ScalarField[];
  /** Whether every field of `object` is fine: the table's rules, with its keys written out. */
  readonly allFine: (object: Record<string, unknown>) => boolean;
}

/**
 * Checks each field of a table on `object`, found at `key` + `at` on the line (`at` is a constant such as
 * `".image_size[0]"`, so no path is built unless a problem is found). A missing key or a value of the wrong
 * JSON type is a broken schema (`schemaCode`); a value of the right type that breaks the rule is a bad value
 * (`valueCode`), which is a different code where the service tells the two apart (an `image_size` without
 * `width` against a width of 10 px). Returns whether every field is fine.
 */
export function checkScalarFields(
  c: Collector,
  object: Record<string, unknown>,
  key: string,
  at: string,
  table: ScalarTable,
  schemaCode: ProblemCode,
  valueCode: ProblemCode,
): boolean {
  if (table.allFine(object)) return true;
  const fields = table.fields;
  let ok = true;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = object[field.key];
    if (value === undefined ? field.optional : meets(field.rule, value)) continue;
    ok = false;
    c.mustBe(
      typeof value === field.type ? valueCode : schemaCode,
      `${key}${at}.${field.key}`,
      `"${field.key}"`,
      field.expected,
      value,
    );
  }
  return ok;
}
