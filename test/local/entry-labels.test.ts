import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryLabels } from "../../src/local/entry-labels.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { boxLine, labelLine } from "./helpers.js";

describe("entryLabels", () => {
  it("reads an image-level label with no boxes", () => {
    expect(entryLabels(labelLine("a.jpg", "Sunrise") as ManifestLine)).toEqual(new Map([["Sunrise", 0]]));
  });

  it("counts boxes per label from the class-map", () => {
    expect(entryLabels(boxLine("a.jpg", ["Dog", "Cat", "Dog"]) as ManifestLine)).toEqual(
      new Map([
        ["Dog", 2],
        ["Cat", 1],
      ]),
    );
  });

  it("merges image-level labels and boxes on one line", () => {
    const line = { ...boxLine("a.jpg", ["Dog"]), ...labelLine("a.jpg", "Dog") } as ManifestLine;
    expect(entryLabels(line)).toEqual(new Map([["Dog", 1]]));
  });

  it("skips boxes whose class_id is not in the class-map", () => {
    const line = boxLine("a.jpg", ["Dog"]);
    (line["bounding-box"].annotations[0] as { class_id: number }).class_id = 9;
    expect(entryLabels(line as ManifestLine)).toEqual(new Map());
  });

  it("never throws, whatever the line holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (extra, metadata) => {
        const line = {
          "source-ref": "s3://b/k",
          ...extra,
          "x-metadata": metadata,
        } as unknown as ManifestLine;
        expect(entryLabels(line)).toBeInstanceOf(Map);
      }),
    );
  });
});
