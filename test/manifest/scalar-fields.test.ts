/**
 * Each table of scalar fields answers the same whether its keys are read from the table (the loop that
 * reports) or written out (the fast check every clean object takes): a property test over values of every
 * kind, present or missing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLASSIFICATION_METADATA, COMMON_METADATA } from "../../src/manifest/validate/classification.js";
import { Collector, checkScalarFields, type ScalarTable } from "../../src/manifest/validate/collector.js";
import { IMAGE_SIZE } from "../../src/manifest/validate/detection.js";

/** Values a field may hold: the good ones of every rule, near misses, and other JSON types. */
const VALUE = fc.oneof(
  fc.constantFrom(undefined, null, "yes", "no", "Yes", "", "2026-01-01T00:00:00.000Z", "2026-02-30T00:00:00"),
  fc.constantFrom(0, 1, 0.5, -0.1, 1.5, 63, 64, 640, 640.5, 4096, 4097, 3, true, [], {}),
  fc.string({ maxLength: 8 }),
  fc.double(),
);

function walkFindsNothing(table: ScalarTable, object: Record<string, unknown>): boolean {
  const c = new Collector(undefined);
  const fine = checkScalarFields(
    c,
    object,
    "key",
    "",
    { fields: table.fields, allFine: () => false },
    "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
    "ERROR_INVALID_IMAGE_DIMENSION",
  );
  expect(fine).toBe(c.problems === undefined);
  return fine;
}

describe.each([
  ["the common metadata", COMMON_METADATA],
  ["the image-level metadata", CLASSIFICATION_METADATA],
  ["image_size[0]", IMAGE_SIZE],
] as const)("%s", (_name, table) => {
  it("is fine written out exactly when the table's loop finds nothing", () => {
    const keys = table.fields.map((field) => field.key);
    fc.assert(
      fc.property(fc.tuple(...keys.map(() => VALUE)), (values) => {
        const object: Record<string, unknown> = {};
        keys.forEach((key, i) => {
          if (values[i] !== undefined) object[key] = values[i];
        });
        expect(table.allFine(object)).toBe(walkFindsNothing(table, object));
      }),
      { numRuns: 3000 },
    );
  });
});
