import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type ConversionItem, convertCoco, runConversion } from "../../src/convert/index.js";
import { collectingStream, expectValidManifest, FIXED_DATE } from "./helpers.js";

async function run(items: ConversionItem[], options: Record<string, unknown> = {}) {
  const out = collectingStream();
  const report = await runConversion(
    "custom",
    async function* (context) {
      for (const item of items) {
        context.report.itemsIn++;
        yield item;
      }
    },
    { images: "s3://bucket/", output: out.stream, creationDate: FIXED_DATE, ...options },
  );
  return { report, lines: expectValidManifest(out.text()) };
}

describe("runConversion: the shared writer", () => {
  it("keeps the first 50 image-level labels of an image", async () => {
    const labels = Array.from({ length: 55 }, (_, i) => `label ${i}`);
    const { report, lines } = await run([{ image: "a.jpg", labels }]);
    expect(Object.keys(lines[0]!).filter((key) => key.endsWith("-metadata"))).toHaveLength(50);
    expect(report.counts.TOO_MANY_LABELS).toBe(1);
  });

  it("drops labels the service cannot take, from image-level labels and boxes", async () => {
    const long = "x".repeat(256);
    const { report, lines } = await run([
      {
        image: "a.jpg",
        width: 100,
        height: 100,
        labels: [long, "ok"],
        boxes: [{ label: "", left: 1, top: 1, width: 10, height: 10 }],
      },
    ]);
    expect(report.counts.INVALID_LABEL).toBe(2);
    expect(lines[0]).not.toHaveProperty("bounding-box");
  });

  it("never writes a source-ref twice: a later image of the same name is dropped as an error", async () => {
    const { report, lines } = await run([
      { image: "a.jpg", labels: ["cat"] },
      { image: "s3://bucket/a.jpg", labels: ["dog"] },
    ]);
    expect(lines).toHaveLength(1);
    expect(report).toMatchObject({ counts: { DUPLICATE_SOURCE_REF: 1 }, errors: 1, linesOut: 1, itemsIn: 2 });
  });

  it("reports a ready line the validator refuses, and writes a valid one", async () => {
    const valid = {
      "source-ref": "s3://bucket/b.jpg",
      cat: 1,
      "cat-metadata": {
        confidence: 1,
        "class-name": "cat",
        "human-annotated": "yes",
        "creation-date": FIXED_DATE,
        type: "groundtruth/image-classification",
      },
    };
    const { report, lines } = await run([
      { kind: "line", line: valid },
      { kind: "line", line: { "source-ref": "s3://bucket/c.jpg" }, item: { line: 2 } },
    ]);
    expect(lines).toEqual([valid]);
    expect(report.issues[0]).toMatchObject({ code: "INVALID_LINE", item: { line: 2 } });
  });

  it("merges COCO image ids that share a file_name into one line", async () => {
    const out = collectingStream();
    const report = await convertCoco(
      Readable.from([
        JSON.stringify({
          images: [
            { id: 1, file_name: "a.jpg", width: 100, height: 100 },
            { id: 2, file_name: "a.jpg", width: 100, height: 100 },
          ],
          annotations: [
            { id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 10, 10] },
            { id: 2, image_id: 2, category_id: 1, bbox: [20, 20, 10, 10] },
          ],
          categories: [{ id: 1, name: "cat" }],
        }),
      ]),
      { images: "s3://bucket/", output: out.stream, creationDate: FIXED_DATE },
    );
    const lines = expectValidManifest(out.text());
    expect(lines).toHaveLength(1);
    expect((lines[0]!["bounding-box"] as { annotations: unknown[] }).annotations).toHaveLength(2);
    expect(report.counts.DUPLICATE_IMAGE_MERGED).toBe(1);
  });
});
