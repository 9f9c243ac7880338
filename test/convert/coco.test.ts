import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  CONVERSION_ISSUE_CODES,
  convertCoco,
  isConversionError,
  isConversionInputError,
} from "../../src/convert/index.js";
import { isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import {
  collectingStream,
  expectValidManifest,
  FIXED_DATE,
  FIXTURES,
  golden,
  withTempDir,
} from "./helpers.js";

const COCO = join(FIXTURES, "coco");

async function convertText(json: unknown, options: Record<string, unknown> = {}) {
  const out = collectingStream();
  const report = await convertCoco(Readable.from([JSON.stringify(json)]), {
    images: "s3://bucket/coco/",
    output: out.stream,
    creationDate: FIXED_DATE,
    ...options,
  });
  return { report, text: out.text(), lines: expectValidManifest(out.text()) };
}

const image = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  file_name: `${id}.jpg`,
  width: 640,
  height: 480,
  ...extra,
});
const box = (id: number, imageId: number, bbox: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  image_id: imageId,
  category_id: 1,
  bbox,
  iscrowd: 0,
  ...extra,
});
const categories = [{ id: 1, name: "person" }];

describe("convertCoco: golden files", () => {
  for (const name of ["hard-hat-sample", "every-rule"]) {
    it(`${name}.json gives ${name}.expected.manifest, every line valid`, async () => {
      const out = collectingStream();
      const report = await convertCoco(join(COCO, `${name}.json`), {
        images: "s3://bucket/coco/",
        output: out.stream,
        creationDate: FIXED_DATE,
      });
      expectValidManifest(out.text());
      expect(out.text()).toBe(await golden(`coco/${name}.expected.manifest`));
      expect(report.linesOut).toBe(out.text().split("\n").length - 1);
      expect(report.format).toBe("coco");
    });
  }

  it("the every-rule sample reports each COCO rule once, with the image it came from", async () => {
    const out = collectingStream();
    const report = await convertCoco(join(COCO, "every-rule.json"), {
      images: "s3://bucket/coco/",
      output: out.stream,
      creationDate: FIXED_DATE,
    });
    expect(report.counts).toEqual({
      CROWD_REGION_DROPPED: 1,
      SEGMENTATION_ONLY: 1,
      UNKNOWN_IMAGE: 1,
      UNKNOWN_CATEGORY: 1,
      COORDINATE_ROUNDED: 1,
      ZERO_AREA_BOX: 1,
      BOX_CLIPPED: 1,
      DATE_REPLACED: 1,
      IMAGE_WITHOUT_ANNOTATIONS: 1,
    });
    const crowd = report.issues.find((issue) => issue.code === "CROWD_REGION_DROPPED");
    expect(crowd?.item).toMatchObject({ imageId: 397133 });
    expect(crowd?.severity).toBe(CONVERSION_ISSUE_CODES.CROWD_REGION_DROPPED.severity);
  });
});

describe("convertCoco: mapping", () => {
  it("labels boxes with category names, never raw ids, and merges two categories of one name", async () => {
    const { lines, report } = await convertText({
      images: [image(1)],
      annotations: [
        box(1, 1, [1, 1, 10, 10], { category_id: 7 }),
        box(2, 1, [20, 20, 10, 10], { category_id: 9 }),
      ],
      categories: [
        { id: 7, name: "cat" },
        { id: 9, name: "cat" },
      ],
    });
    const metadata = lines[0]!["bounding-box-metadata"] as { "class-map": Record<string, string> };
    expect(metadata["class-map"]).toEqual({ 0: "cat" });
    expect(report.counts.DUPLICATE_CATEGORY_NAME).toBe(1);
  });

  it("reads categories and images given after the annotations", async () => {
    const out = collectingStream();
    const text = `{"annotations":[${JSON.stringify(box(1, 5, [10, 10, 20, 20]))}],"categories":${JSON.stringify(categories)},"images":[${JSON.stringify(image(5))}]}`;
    const report = await convertCoco(Readable.from([text]), {
      images: "s3://b/",
      output: out.stream,
      creationDate: FIXED_DATE,
    });
    expect(report.linesOut).toBe(1);
    expect(expectValidManifest(out.text())[0]!["source-ref"]).toBe("s3://b/5.jpg");
  });

  it("keeps S3 keys byte for byte: spaces, Unicode and zero-width characters, nothing encoded", async () => {
    const name = "dir/a b\u200b/Café+%20.jpg";
    const { lines } = await convertText({
      images: [image(1, { file_name: name })],
      annotations: [box(1, 1, [1, 1, 10, 10])],
      categories,
    });
    expect(lines[0]!["source-ref"]).toBe(`s3://bucket/coco/${name}`);
  });

  it("never crashes on date_captured missing, a number, COCO's own form or an offset", async () => {
    const { lines, report } = await convertText({
      images: [
        image(1),
        image(2, { date_captured: 1384444945 }),
        image(3, { date_captured: "2013-11-14 11:18:45" }),
        image(4, { date_captured: "2020-07-20T19:39:26+02:00" }),
      ],
      annotations: [1, 2, 3, 4].map((id) => box(id, id, [1, 1, 10, 10])),
      categories,
    });
    const dates = lines.map(
      (line) => (line["bounding-box-metadata"] as { "creation-date": string })["creation-date"],
    );
    expect(dates).toEqual([FIXED_DATE, FIXED_DATE, "2013-11-14T11:18:45", "2020-07-20T17:39:26.000Z"]);
    expect(report.counts.DATE_REPLACED).toBe(1);
  });

  it("rounds or expands fractional boxes as asked", async () => {
    const input = { images: [image(1)], annotations: [box(1, 1, [263.79, 81.2, 34.5, 75.2])], categories };
    const round = await convertText(input);
    const expand = await convertText(input, { fractional: "expand" });
    const boxOf = (lines: Record<string, unknown>[]) =>
      (lines[0]!["bounding-box"] as { annotations: unknown[] }).annotations[0];
    expect(boxOf(round.lines)).toEqual({ class_id: 0, left: 264, top: 81, width: 34, height: 75 });
    expect(boxOf(expand.lines)).toEqual({ class_id: 0, left: 263, top: 81, width: 36, height: 76 });
    expect(round.report.counts.COORDINATE_ROUNDED).toBe(1);
  });

  it("clips or drops boxes past the image as asked", async () => {
    const input = {
      images: [image(1)],
      annotations: [box(1, 1, [600, 400, 100, 100]), box(2, 1, [1, 1, 5, 5])],
      categories,
    };
    const clip = await convertText(input);
    const drop = await convertText(input, { outOfBounds: "drop" });
    expect((clip.lines[0]!["bounding-box"] as { annotations: unknown[] }).annotations[0]).toMatchObject({
      width: 40,
      height: 80,
    });
    expect(clip.report.counts.BOX_CLIPPED).toBe(1);
    expect((drop.lines[0]!["bounding-box"] as { annotations: unknown[] }).annotations).toHaveLength(1);
    expect(drop.report.counts.BOX_OUTSIDE_IMAGE).toBe(1);
  });

  it("keeps the 50 largest of more than 50 boxes, or skips the image, as asked", async () => {
    const annotations = Array.from({ length: 60 }, (_, i) => box(i + 1, 1, [i * 5, 0, 4, 4 + i]));
    const input = { images: [image(1)], annotations, categories };
    const largest = await convertText(input);
    const kept = (largest.lines[0]!["bounding-box"] as { annotations: { height: number }[] }).annotations;
    expect(kept).toHaveLength(50);
    expect(Math.min(...kept.map((a) => a.height))).toBe(14);
    expect(largest.report.counts.TOO_MANY_BOXES).toBe(1);
    const skip = await convertText(input, { tooManyBoxes: "skip-image" });
    expect(skip.report.linesOut).toBe(0);
  });

  it("drops boxes too small for the service, and keeps or skips images left without annotations", async () => {
    const input = {
      images: [image(1, { width: 4000, height: 3000 }), image(2)],
      annotations: [box(1, 1, [10, 10, 3, 100])],
      categories,
    };
    const skip = await convertText(input);
    expect(skip.report.counts).toMatchObject({ BOX_TOO_SMALL: 1, IMAGE_WITHOUT_ANNOTATIONS: 2 });
    expect(skip.report.linesOut).toBe(0);
    const keep = await convertText(input, { onImageWithoutAnnotations: "keep" });
    expect(keep.report.linesOut).toBe(2);
    expect((keep.lines[1]!["bounding-box"] as { annotations: unknown[] }).annotations).toEqual([]);
  });

  it("applies a label map: renames, merges and drops", async () => {
    const { lines, report } = await convertText(
      {
        images: [image(1)],
        annotations: [
          box(1, 1, [1, 1, 10, 10], { category_id: 1 }),
          box(2, 1, [20, 20, 10, 10], { category_id: 2 }),
          box(3, 1, [40, 40, 10, 10], { category_id: 3 }),
        ],
        categories: [
          { id: 1, name: "kitty" },
          { id: 2, name: "cat" },
          { id: 3, name: "dog" },
        ],
      },
      { labelMap: { kitty: "cat", dog: null } },
    );
    const metadata = lines[0]!["bounding-box-metadata"] as { "class-map": Record<string, string> };
    expect(metadata["class-map"]).toEqual({ 0: "cat" });
    expect(report.counts).toMatchObject({ LABEL_RENAMED: 1, LABEL_DROPPED: 1 });
  });

  it("needs `images` for relative names, and keeps s3:// names as they are", async () => {
    const out = collectingStream();
    const report = await convertCoco(
      Readable.from([
        JSON.stringify({
          images: [image(1), image(2, { file_name: "s3://other/x.jpg" })],
          annotations: [box(1, 1, [1, 1, 9, 9]), box(2, 2, [1, 1, 9, 9])],
          categories,
        }),
      ]),
      { output: out.stream, creationDate: FIXED_DATE },
    );
    expect(report.counts.IMAGE_NOT_IN_S3).toBe(1);
    expect(expectValidManifest(out.text()).map((line) => line["source-ref"])).toEqual(["s3://other/x.jpg"]);
  });
});

describe("convertCoco: bad input, strict, dry run, output file", () => {
  it("a truncated file is one ConversionInputError with the file and the place, and no output file", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "truncated.json");
      const full = await readFile(join(COCO, "hard-hat-sample.json"), "utf8");
      await writeFile(input, full.slice(0, 700));
      const output = join(dir, "out.manifest");
      const error = await convertCoco(input, { images: "s3://b/", output }).catch((e: unknown) => e);
      expect(isConversionInputError(error)).toBe(true);
      expect((error as Error).message).toContain(input);
      expect((error as Error).message).toMatch(/near byte \d+/);
      expect(await readdir(dir)).toEqual(["truncated.json"]);
    });
  });

  it("a JSON file that is not COCO, and a missing file, are ConversionInputErrors", async () => {
    const notCoco = await convertCoco(Readable.from(['{"type":"captions"}']), { dryRun: true }).catch(
      (e: unknown) => e,
    );
    expect(isConversionInputError(notCoco)).toBe(true);
    expect((notCoco as Error).message).toMatch(/no "images" array/);
    const array = await convertCoco(Readable.from(["[1,2]"]), { dryRun: true }).catch((e: unknown) => e);
    expect(isConversionInputError(array)).toBe(true);
    const missing = await convertCoco("/no/such/file.json", { dryRun: true }).catch((e: unknown) => e);
    expect(isConversionInputError(missing)).toBe(true);
    expect((missing as Error).message).toContain("ENOENT");
  });

  it("strict: a loss writes nothing and throws ConversionError with the whole report", async () => {
    await withTempDir(async (dir) => {
      const output = join(dir, "out.manifest");
      const error = await convertCoco(join(COCO, "every-rule.json"), {
        images: "s3://b/",
        output,
        strict: true,
      }).catch((e: unknown) => e);
      expect(isConversionError(error)).toBe(true);
      expect((error as { report: { counts: object } }).report.counts).toMatchObject({
        CROWD_REGION_DROPPED: 1,
      });
      expect(await readdir(dir)).toEqual([]);
      // Nothing reaches a stream either.
      const out = collectingStream();
      await expect(
        convertCoco(join(COCO, "every-rule.json"), { images: "s3://b/", output: out.stream, strict: true }),
      ).rejects.toThrow(/CROWD_REGION_DROPPED/);
      expect(out.text()).toBe("");
    });
  });

  it("strict with no loss writes the file; info issues are not losses", async () => {
    await withTempDir(async (dir) => {
      const output = join(dir, "out.manifest");
      const report = await convertCoco(join(COCO, "hard-hat-sample.json"), {
        images: "s3://bucket/coco/",
        output,
        strict: true,
        creationDate: FIXED_DATE,
      });
      expect(report.written).toBe(true);
      expect(report.outputFile).toBe(output);
      expect(await readFile(output, "utf8")).toBe(await golden("coco/hard-hat-sample.expected.manifest"));
    });
  });

  it("dry run: the report, and nothing written", async () => {
    await withTempDir(async (dir) => {
      const report = await convertCoco(join(COCO, "every-rule.json"), { images: "s3://b/", dryRun: true });
      expect(report.linesOut).toBe(2);
      expect(report.written).toBe(false);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it("an abort rejects with the signal's reason and leaves no file", async () => {
    await withTempDir(async (dir) => {
      const controller = new AbortController();
      const reason = new Error("stop");
      async function* slow() {
        yield '{"images":[';
        controller.abort(reason);
        yield "]}";
      }
      const output = join(dir, "out.manifest");
      await expect(
        convertCoco(Readable.from(slow()), { output, abortSignal: controller.signal }),
      ).rejects.toBe(reason);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it("refuses bad options at once with InvalidOptionsError naming the option", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ output: "x", outOfBounds: "wrap" }, "outOfBounds"],
      [{ output: "x", images: "bucket/prefix" }, "images"],
      [{ output: "x", fractional: "floor" }, "fractional"],
      [{ dryRun: true, outOfBound: "clip" }, "outOfBound"],
      [{}, "output"],
    ];
    for (const [options, option] of cases) {
      const error = await convertCoco("x.json", options).catch((e: unknown) => e);
      expect(isInvalidOptionsError(error), option).toBe(true);
      expect((error as { option: string }).option).toBe(option);
    }
  });
});

describe("convertCoco: a large file", () => {
  it("streams 200,000 annotations without holding the file as one string", async () => {
    const images = 20_000;
    async function* chunks() {
      yield '{"info":{},"images":[';
      for (let i = 1; i <= images; i++)
        yield `${i === 1 ? "" : ","}{"id":${i},"file_name":"img${i}.jpg","width":1024,"height":768}`;
      yield '],"annotations":[';
      let id = 0;
      for (let i = 1; i <= images; i++) {
        let part = "";
        for (let k = 0; k < 10; k++) {
          id++;
          part += `${id === 1 ? "" : ","}{"id":${id},"image_id":${i},"category_id":${(k % 3) + 1},"bbox":[${k * 20},${k * 10},15.5,12],"area":186,"iscrowd":0,"segmentation":[[1,2,3,4,5,6]]}`;
        }
        yield part;
      }
      yield '],"categories":[{"id":1,"name":"a"},{"id":2,"name":"b"},{"id":3,"name":"c"}]}';
    }
    const report = await convertCoco(Readable.from(chunks()), {
      images: "s3://b/",
      dryRun: true,
      creationDate: FIXED_DATE,
    });
    expect(report.itemsIn).toBe(images);
    expect(report.linesOut).toBe(images);
    expect(report.counts.COORDINATE_ROUNDED).toBe(images * 10);
    expect(report.issues[0]!.examples.length).toBeLessThanOrEqual(5);
  }, 120_000);
});
