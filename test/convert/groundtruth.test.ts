import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertGroundTruth, isConversionInputError } from "../../src/convert/index.js";
import { collectingStream, expectValidManifest, FIXTURES, golden } from "./helpers.js";

const OUTPUT = join(FIXTURES, "groundtruth", "multilabel-output.manifest");

describe("convertGroundTruth", () => {
  it("gives the golden manifest, every line valid", async () => {
    const out = collectingStream();
    const report = await convertGroundTruth(OUTPUT, { output: out.stream });
    expectValidManifest(out.text());
    expect(out.text()).toBe(await golden("groundtruth/multilabel-output.expected.manifest"));
    expect(report).toMatchObject({ itemsIn: 6, linesOut: 4 });
  });

  it("turns multi-label attributes of any name into image-level attributes, never the refused type", async () => {
    const out = collectingStream();
    const report = await convertGroundTruth(OUTPUT, { output: out.stream });
    expect(out.text()).not.toContain("image-classification-multilabel");
    expect(report.counts).toMatchObject({ MULTILABEL_CONVERTED: 2, CONFIDENCE_FILLED: 1, INVALID_LINE: 2 });
  });

  it("applies a label map to class names and class maps, dropping boxes of a dropped label", async () => {
    const out = collectingStream();
    await convertGroundTruth(OUTPUT, {
      output: out.stream,
      labelMap: { cat: "kitten", "Echo Dot": null, Sunrise: "Dawn" },
    });
    const lines = expectValidManifest(out.text());
    const text = out.text();
    expect(text).toContain('"class-name":"kitten"');
    expect(text).toContain('"class-name":"Dawn"');
    const echo = lines.find((line) => line["source-ref"] === "s3://my-bucket/images/echo.png");
    expect(echo?.["bounding-box"]).toMatchObject({ annotations: [] });
  });

  it("a missing file is a ConversionInputError", async () => {
    const error = await convertGroundTruth("/no/such/output.manifest", { dryRun: true }).catch(
      (e: unknown) => e,
    );
    expect(isConversionInputError(error)).toBe(true);
  });
});
