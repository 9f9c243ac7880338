import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineLabels } from "../../src/manifest/labels.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { boxLine, labelLine } from "../support/lines.js";

describe("lineLabels", () => {
  it("reads an image-level label with no boxes", () => {
    expect(lineLabels(labelLine("a.jpg", "Sunrise") as ManifestLine).boxesByLabel).toEqual(
      new Map([["Sunrise", 0]]),
    );
  });

  it("counts boxes per label from the class-map", () => {
    expect(lineLabels(boxLine("a.jpg", ["Dog", "Cat", "Dog"]) as ManifestLine).boxesByLabel).toEqual(
      new Map([
        ["Dog", 2],
        ["Cat", 1],
      ]),
    );
  });

  it("merges image-level labels and boxes on one line", () => {
    const line = { ...boxLine("a.jpg", ["Dog"]), ...labelLine("a.jpg", "Dog") } as ManifestLine;
    expect(lineLabels(line).boxesByLabel).toEqual(new Map([["Dog", 1]]));
  });

  it("skips boxes whose class_id is not in the class-map", () => {
    const line = boxLine("a.jpg", ["Dog"]);
    (line["bounding-box"].annotations[0] as { class_id: number }).class_id = 9;
    expect(lineLabels(line as ManifestLine).boxesByLabel).toEqual(new Map());
  });

  it("tells whether the line has a detection attribute, even one with no boxes", () => {
    const line = boxLine("a.jpg", []);
    expect(lineLabels(line as ManifestLine)).toEqual({ boxesByLabel: new Map(), hasDetection: true });
    expect(lineLabels(labelLine("a.jpg") as ManifestLine).hasDetection).toBe(false);
  });

  it("never throws, whatever the line holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (extra, metadata) => {
        const line = {
          "source-ref": "s3://b/k",
          ...extra,
          "x-metadata": metadata,
        } as unknown as ManifestLine;
        expect(lineLabels(line).boxesByLabel).toBeInstanceOf(Map);
      }),
    );
  });
});
