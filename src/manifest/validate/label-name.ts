/**
 * The label name rules: a string of 1 to 255 characters (Custom Labels guide, "Non-Terminal JSON Line
 * Validation Errors", ERROR_INVALID_LABEL_NAME_LENGTH, with the API's stricter 255), and a warning for the
 * white space and quote characters that naive CSV splitting leaves at a name's ends.
 *
 * @module
 */
import { MAX_LABEL_NAME_LENGTH, MIN_LABEL_NAME_LENGTH } from "../../limits.js";
import { isLabelNameLengthValid, labelNameLength } from "../labels.js";
import { quoteValue } from "../problems.js";
import type { Collector } from "./collector.js";

/** Any Unicode white space, for the rare non-ASCII character at a name's end. */
const WHITE_SPACE = /\s/;

/**
 * Whether the character at `index` is white space, a control character or a quote character: what no label
 * name is meant to start or end with.
 */
function isEdgeNoise(name: string, index: number): boolean {
  const code = name.charCodeAt(index);
  if (code <= 0x20 || code === 0x22 || code === 0x27) return true;
  return code >= 0x80 && WHITE_SPACE.test(name.charAt(index));
}

/**
 * Tells whether a label name starts or ends with white space or a quote character (`"big, cat"` split on the
 * comma gives `"big` and ` cat"`).
 *
 * @internal
 */
export function hasUntrimmedEnds(name: string): boolean {
  if (name.length === 0) return false;
  return isEdgeNoise(name, 0) || isEdgeNoise(name, name.length - 1);
}

/**
 * Tells whether a label name breaks no rule and earns no warning: the fast path for a class map, written
 * out so that a clean name costs a few comparisons (the usual name is short, ASCII and trimmed).
 */
export function isCleanLabelName(name: unknown): boolean {
  if (typeof name !== "string") return false;
  const length = name.length;
  if (length < MIN_LABEL_NAME_LENGTH || length > MAX_LABEL_NAME_LENGTH) return isSlowCleanLabelName(name);
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(length - 1);
  if (first > 0x27 && first < 0x80 && last > 0x27 && last < 0x80) return true;
  return isSlowCleanLabelName(name);
}

function isSlowCleanLabelName(name: string): boolean {
  return isLabelNameLengthValid(name) && !hasUntrimmedEnds(name);
}

/**
 * Reports a label name that is not a string of 1 to 255 characters, and warns about one with untrimmed
 * ends. Returns whether the name is usable (a warning leaves it usable).
 */
export function checkLabelName(c: Collector, path: string, name: unknown): boolean {
  if (typeof name !== "string") {
    c.mustBe("ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT", path, "A label name", "a string", name);
    return false;
  }
  if (!isLabelNameLengthValid(name)) {
    c.add(
      "ERROR_INVALID_LABEL_NAME_LENGTH",
      path,
      `A label name must be ${MIN_LABEL_NAME_LENGTH} to ${MAX_LABEL_NAME_LENGTH} characters long, got ${labelNameLength(name)}: ${quoteValue(name)}.`,
    );
    return false;
  }
  if (hasUntrimmedEnds(name)) {
    c.add(
      "UNTRIMMED_LABEL_NAME",
      path,
      `The label name ${quoteValue(name)} starts or ends with white space or a quote character, as a naively split CSV field does; labels are matched by their exact name, so it is not the same label as its trimmed form.`,
      "warning",
    );
  }
  return true;
}
