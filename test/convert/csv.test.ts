import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { convertCsv, isConversionInputError } from "../../src/convert/index.js";
import {
  collectingStream,
  expectValidManifest,
  FIXED_DATE,
  FIXTURES,
  golden,
  withTempDir,
} from "./helpers.js";

async function convertText(text: string, options: Record<string, unknown> = {}) {
  const out = collectingStream();
  const report = await convertCsv(Readable.from([text]), {
    images: "s3://bucket/csv/",
    output: out.stream,
    creationDate: FIXED_DATE,
    ...options,
  });
  return { report, lines: expectValidManifest(out.text()) };
}

/** Each line's image-level labels, by source-ref. */
function labelsByImage(lines: Record<string, unknown>[]): Record<string, string[]> {
  return Object.fromEntries(
    lines.map((line) => [
      line["source-ref"],
      Object.keys(line)
        .filter((key) => key.endsWith("-metadata"))
        .map((key) => (line[key] as { "class-name"?: string })["class-name"])
        .filter((name) => name !== undefined),
    ]),
  );
}

describe("convertCsv: golden files", () => {
  for (const name of ["aws-script-cases", "boxes"]) {
    it(`${name}.csv gives ${name}.expected.manifest, every line valid`, async () => {
      const out = collectingStream();
      await convertCsv(join(FIXTURES, "csv", `${name}.csv`), {
        images: "s3://bucket/csv/",
        output: out.stream,
        creationDate: FIXED_DATE,
      });
      expectValidManifest(out.text());
      expect(out.text()).toBe(await golden(`csv/${name}.expected.manifest`));
    });
  }
});

describe("convertCsv: what AWS's CSV script gets wrong", () => {
  it('keeps a quoted "big, cat" as one label', async () => {
    const { lines } = await convertText('a.jpg,"big, cat",dog\n');
    expect(labelsByImage(lines)).toEqual({ "s3://bucket/csv/a.jpg": ["big, cat", "dog"] });
  });

  it("trims the spaces around fields", async () => {
    const { lines } = await convertText("a.jpg,  cat , dog\n");
    expect(labelsByImage(lines)).toEqual({ "s3://bucket/csv/a.jpg": ["cat", "dog"] });
  });

  it("never takes a header row for an image", async () => {
    const { lines, report } = await convertText("image,label\na.jpg,cat\n");
    expect(Object.keys(labelsByImage(lines))).toEqual(["s3://bucket/csv/a.jpg"]);
    expect(report.itemsIn).toBe(1);
    const forced = await convertText("a.jpg,cat\nb.jpg,dog\n", { header: true });
    expect(Object.keys(labelsByImage(forced.lines))).toEqual(["s3://bucket/csv/b.jpg"]);
  });

  it("merges a repeated image into one line, reports it, and writes the manifest", async () => {
    const { lines, report } = await convertText("a.jpg,cat\nb.jpg,dog\na.jpg,dog\na.jpg,cat\n");
    expect(labelsByImage(lines)).toEqual({
      "s3://bucket/csv/a.jpg": ["cat", "dog"],
      "s3://bucket/csv/b.jpg": ["dog"],
    });
    expect(report.counts.DUPLICATE_IMAGE_MERGED).toBe(2);
    expect(report.issues.find((issue) => issue.code === "DUPLICATE_IMAGE_MERGED")?.item).toMatchObject({
      line: 3,
    });
  });
});

describe("convertCsv: boxes layout", () => {
  it("detects the layout from the header, in any column order, and merges rows of one image", async () => {
    const { lines } = await convertText(
      "height,width,top,left,label,image,image_height,image_width\n40,50,10,10,cat,a.jpg,480,640\n30,30,20,100,dog,a.jpg,480,640\n",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!["bounding-box"]).toEqual({
      image_size: [{ width: 640, height: 480 }],
      annotations: [
        { class_id: 0, top: 10, left: 10, width: 50, height: 40 },
        { class_id: 1, top: 20, left: 100, width: 30, height: 30 },
      ],
    });
  });

  it("skips images with boxes but no size, reported", async () => {
    const { report } = await convertText("image,label,left,top,width,height\na.jpg,cat,1,1,10,10\n");
    expect(report.counts.IMAGE_SIZE_UNKNOWN).toBe(1);
    expect(report.linesOut).toBe(0);
  });

  it("refuses a ragged row with its line number, a missing column, and a non-number, writing nothing", async () => {
    await withTempDir(async (dir) => {
      const input = join(dir, "in.csv");
      const output = join(dir, "out.manifest");
      await writeFile(input, "image,label,left,top,width,height\na.jpg,cat,1,1,10,10\nb.jpg,cat,1,1\n");
      const ragged = await convertCsv(input, { images: "s3://b/", output }).catch((e: unknown) => e);
      expect(isConversionInputError(ragged)).toBe(true);
      expect(ragged).toMatchObject({ line: 3, file: input });
      expect(await readdir(dir)).toEqual(["in.csv"]);
    });
    const missing = await convertText("image,label,left,top,width\n", { layout: "boxes" }).catch(
      (e: unknown) => e,
    );
    expect((missing as Error).message).toMatch(/missing: height/);
    const notNumber = await convertText("image,label,left,top,width,height\na.jpg,cat,x,1,1,1\n").catch(
      (e: unknown) => e,
    );
    expect(notNumber).toMatchObject({ line: 2, where: "left" });
  });

  it("reads a label map from a CSV file and a JSON file", async () => {
    await withTempDir(async (dir) => {
      const csvMap = join(dir, "map.csv");
      await writeFile(csvMap, 'from,to\nkitty,cat\n"big, dog",dog\nbird,\n');
      const jsonMap = join(dir, "map.json");
      await writeFile(jsonMap, JSON.stringify({ kitty: "cat", "big, dog": "dog", bird: null }));
      for (const labelMap of [csvMap, jsonMap]) {
        const { lines, report } = await convertText('a.jpg,kitty,"big, dog",bird\n', { labelMap });
        expect(labelsByImage(lines)).toEqual({ "s3://bucket/csv/a.jpg": ["cat", "dog"] });
        expect(report.counts).toMatchObject({ LABEL_RENAMED: 2, LABEL_DROPPED: 1 });
      }
    });
  });
});
