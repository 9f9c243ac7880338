/**
 * Putting several label attributes on one image: image-level labels and boxes together.
 *
 * @module
 */

import { METADATA_SUFFIX, RESERVED_KEYS } from "../attribute-keys.js";
import { quoteValue } from "../problems.js";
import type { ManifestLine } from "../types.js";
import { AttributeNamer } from "./attribute-names.js";
import { BuildProblems, checked } from "./common.js";

/**
 * Merges lines of the same image into one line (e.g. `imageLabels(...)` and `objectLocalization(...)`).
 * Every label attribute is kept; when two lines use the same attribute name, the later one is renamed
 * (`"bounding-box"` -> `"bounding-box-2"`). Other keys are kept once when equal; different values for the
 * same key, or lines for different images, are refused.
 *
 * @param lines - lines of one image (same `source-ref`).
 * @returns the merged line: `source-ref` first, then each line's keys in order.
 * @throws {@link ManifestValidationError} with `CONFLICTING_LINES` problems, or any problem of the merged line.
 */
export function combineLines(...lines: readonly ManifestLine[]): ManifestLine {
  const problems = new BuildProblems();
  if (lines.length === 0) {
    problems.add("CONFLICTING_LINES", "", "combineLines() needs at least one line.");
    return checked({ "source-ref": undefined } as unknown as ManifestLine, problems, "combineLines()");
  }
  const sourceRef = lines[0]?.["source-ref"];
  const attributesOf = lines.map((line) => attributeKeys(line));
  const namer = new AttributeNamer(["source-ref"]);
  // Keys that are not attributes keep their name: reserve them before any attribute is placed.
  lines.forEach((line, i) => {
    for (const key of Object.keys(line ?? {})) {
      const isMetadataOfAttribute =
        key.endsWith(METADATA_SUFFIX) && attributesOf[i]!.has(key.slice(0, -METADATA_SUFFIX.length));
      if (!attributesOf[i]!.has(key) && !isMetadataOfAttribute) namer.take(key);
    }
  });
  const result: Record<string, unknown> = { "source-ref": sourceRef };
  lines.forEach((line, i) => {
    if (typeof line !== "object" || line === null) {
      problems.add("CONFLICTING_LINES", `lines[${i}]`, `A line must be an object, got ${quoteValue(line)}.`);
      return;
    }
    if (line["source-ref"] !== sourceRef) {
      problems.add(
        "CONFLICTING_LINES",
        `lines[${i}].source-ref`,
        `Line ${i} is for ${quoteValue(line["source-ref"])}, not ${quoteValue(sourceRef)}: only lines of one image can be combined.`,
      );
    }
    const attributes = attributesOf[i]!;
    for (const key of Object.keys(line)) {
      if (key === "source-ref") continue;
      if (attributes.has(key)) {
        const name = namer.isFree(key) ? key : namer.next(key);
        if (name === key) namer.take(key);
        result[name] = line[key];
        result[name + METADATA_SUFFIX] = line[key + METADATA_SUFFIX];
      } else if (key.endsWith(METADATA_SUFFIX) && attributes.has(key.slice(0, -METADATA_SUFFIX.length))) {
        // Copied with its attribute.
      } else if (!Object.hasOwn(result, key)) {
        result[key] = line[key];
      } else if (!sameJson(result[key], line[key])) {
        problems.add(
          "CONFLICTING_LINES",
          `lines[${i}].${key}`,
          `Key "${key}" has different values in the lines being combined: ${quoteValue(result[key])} and ${quoteValue(line[key])}.`,
        );
      }
    }
  });
  return checked(result as ManifestLine, problems, "combineLines()");
}

/** A line's label attributes: keys `K` (not reserved) with a sibling `K-metadata`. */
function attributeKeys(line: ManifestLine | undefined): Set<string> {
  const keys = new Set<string>();
  if (typeof line !== "object" || line === null) return keys;
  for (const key of Object.keys(line)) {
    if (RESERVED_KEYS.has(key) || key.endsWith(METADATA_SUFFIX)) continue;
    if (Object.hasOwn(line, key + METADATA_SUFFIX)) keys.add(key);
  }
  return keys;
}

/** Whether two values write the same JSON; values JSON cannot write (a BigInt, a cycle) never match. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
