import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { applyBoxRules } from "../../src/convert/box-rules.js";
import { readHeaderSize } from "../../src/convert/image-files/header-size.js";
import { parseImageSize } from "../../src/convert/image-files/sizes-csv.js";
import { IssueCollector } from "../../src/convert/report.js";
import { convertYolo } from "../../src/convert/yolo/convert-yolo.js";
import { labelFileCandidates } from "../../src/convert/yolo/dataset-layout.js";
import { yoloToPixels } from "../../src/convert/yolo/label-rows.js";
import { isConversionError } from "../../src/errors/conversion-error.js";
import { isConversionInputError } from "../../src/errors/conversion-input-error.js";
import { isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { validateLine } from "../../src/manifest/validate.js";
import { folderPerTest, writeTree } from "../support/files.js";
import { jpegBytes, pngBytes } from "./yolo-images.js";

const DATE = "2026-01-02T03:04:05.000Z";
const testFolder = folderPerTest("yolo-");
let root: string;
beforeEach(() => {
  root = testFolder();
});

function put(files: Record<string, string | Buffer>): Promise<void> {
  return writeTree(root, files);
}

async function lines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function boxesOf(line: Record<string, unknown>): [string, number, number, number, number][] {
  const value = line["bounding-box"] as {
    annotations: { class_id: number; left: number; top: number; width: number; height: number }[];
  };
  const classMap = (line["bounding-box-metadata"] as { "class-map": Record<string, string> })["class-map"];
  return value.annotations.map((a) => [classMap[a.class_id]!, a.left, a.top, a.width, a.height]);
}

function bySourceRef(all: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  return new Map(all.map((line) => [line["source-ref"] as string, line]));
}

describe("convertYolo", () => {
  it("golden: an Ultralytics tree (data.yaml names map, images/ and labels/) becomes valid lines in pixels", async () => {
    await put({
      "data.yaml": "path: .\ntrain: images/train\nval: images/val\nnames:\n  0: cat\n  1: big dog\n",
      "images/train/a.png": pngBytes(640, 480),
      "labels/train/a.txt": "0 0.5 0.5 0.25 0.5\n1 0.125 0.25 0.25 0.5\n",
      "images/val/b.JPG": jpegBytes(100, 80),
      "labels/val/b.txt": "1 0.5 0.5 1 1\n",
    });
    const output = join(root, "out.manifest");
    const report = await convertYolo(join(root, "data.yaml"), {
      output,
      images: "s3://bucket/yolo/",
      creationDate: DATE,
    });
    const written = bySourceRef(await lines(output));
    expect([...written.keys()].sort()).toEqual([
      "s3://bucket/yolo/images/train/a.png",
      "s3://bucket/yolo/images/val/b.JPG",
    ]);
    const a = written.get("s3://bucket/yolo/images/train/a.png")!;
    expect((a["bounding-box"] as { image_size: unknown }).image_size).toEqual([{ width: 640, height: 480 }]);
    expect(boxesOf(a)).toEqual([
      ["cat", 240, 120, 160, 240],
      ["big dog", 0, 0, 160, 240],
    ]);
    expect(boxesOf(written.get("s3://bucket/yolo/images/val/b.JPG")!)).toEqual([["big dog", 0, 0, 100, 80]]);
    for (const line of written.values())
      expect(validateLine(line).filter((p) => p.severity === "error")).toEqual([]);
    expect(report).toMatchObject({ format: "yolo", itemsIn: 2, linesOut: 2, errors: 0, warnings: 0 });
  });

  it("reads names from classes.txt in a darknet folder (label beside the image)", async () => {
    await put({
      "classes.txt": "person\nbike\n",
      "x.jpg": jpegBytes(200, 100),
      "x.txt": "1 0.5 0.5 0.5 0.5",
    });
    const output = join(root, "out.manifest");
    await convertYolo(root, { output, images: "s3://b/", creationDate: DATE });
    const [line] = await lines(output);
    expect(line!["source-ref"]).toBe("s3://b/x.jpg");
    expect(boxesOf(line!)).toEqual([["bike", 50, 25, 100, 50]]);
  });

  it("reports unknown class ids, malformed rows (file and line) and polygons read as boxes", async () => {
    await put({
      "data.yaml": "names: [a, b]\n",
      "images/p.png": pngBytes(100, 100),
      "labels/p.txt": "0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.2 0.2\nnot a row\n1 0.1 0.1 0.3 0.1 0.3 0.4\n",
    });
    const output = join(root, "out.manifest");
    const report = await convertYolo(root, { output, images: "s3://b/", creationDate: DATE });
    expect(report.counts).toMatchObject({ UNKNOWN_CLASS_ID: 1, MALFORMED_ROW: 1, POLYGON_AS_BOX: 1 });
    const issue = (code: string) => report.issues.find((i) => i.code === code)!;
    expect(issue("UNKNOWN_CLASS_ID").item).toEqual({ file: "labels/p.txt", line: 2, image: "images/p.png" });
    expect(issue("MALFORMED_ROW").item).toEqual({ file: "labels/p.txt", line: 3, image: "images/p.png" });
    const [line] = await lines(output);
    expect(boxesOf(line!)).toEqual([
      ["a", 40, 40, 20, 20],
      ["b", 10, 10, 20, 30],
    ]);
  });

  it("an image without a label file follows onImageWithoutAnnotations, and with keep writes no box", async () => {
    await put({ "classes.txt": "a\n", "images/empty.png": pngBytes(64, 64) });
    const skipped = await convertYolo(root, { dryRun: true, images: "s3://b/" });
    expect(skipped).toMatchObject({ itemsIn: 1, linesOut: 0, counts: { IMAGE_WITHOUT_ANNOTATIONS: 1 } });
    const output = join(root, "out.manifest");
    await convertYolo(root, {
      output,
      images: "s3://b/",
      onImageWithoutAnnotations: "keep",
      creationDate: DATE,
    });
    const [line] = await lines(output);
    expect(boxesOf(line!)).toEqual([]);
    expect(validateLine(line).filter((p) => p.severity === "error")).toEqual([]);
  });

  it("does not follow a link to a folder (LINKED_FOLDER_SKIPPED)", async () => {
    await put({
      "classes.txt": "a\n",
      "images/i.png": pngBytes(64, 64),
      "labels/i.txt": "0 0.5 0.5 0.5 0.5\n",
    });
    await symlink(join(root, "images"), join(root, "images", "again"));
    const report = await convertYolo(root, { dryRun: true, images: "s3://b/" });
    expect(report).toMatchObject({ itemsIn: 1, linesOut: 1, counts: { LINKED_FOLDER_SKIPPED: 1 } });
  });

  it("boxes past the edge go through the shared clip rule", async () => {
    await put({ "classes.txt": "a\n", "i.png": pngBytes(100, 100), "i.txt": "0 0.95 0.5 0.2 0.2\n" });
    const output = join(root, "out.manifest");
    const report = await convertYolo(root, { output, images: "s3://b/", creationDate: DATE });
    expect(report.counts.BOX_CLIPPED).toBe(1);
    expect(boxesOf((await lines(output))[0]!)).toEqual([["a", 85, 40, 15, 20]]);
  });

  it("labels only: the sizes CSV names the images and gives their sizes; imageSize fills the rest", async () => {
    await put({
      "classes.txt": "a\n",
      "labels/one.txt": "0 0.5 0.5 0.5 0.5\n",
      "labels/two.txt": "0 0.5 0.5 0.5 0.5\n",
      "sizes.csv": 'image,width,height\nimages/one.jpg,200,100\n"images/two.jpg",400,400\n',
    });
    const output = join(root, "out.manifest");
    const report = await convertYolo(root, {
      output,
      images: "s3://b/",
      sizes: join(root, "sizes.csv"),
      creationDate: DATE,
    });
    expect(report).toMatchObject({ itemsIn: 2, linesOut: 2 });
    const written = bySourceRef(await lines(output));
    expect(boxesOf(written.get("s3://b/images/one.jpg")!)).toEqual([["a", 50, 25, 100, 50]]);
    expect(boxesOf(written.get("s3://b/images/two.jpg")!)).toEqual([["a", 100, 100, 200, 200]]);
  });

  it("an image whose header cannot be read and no given size: IMAGE_SIZE_UNKNOWN; imageSize fixes it", async () => {
    await put({
      "classes.txt": "a\n",
      "bad.png": Buffer.from("not an image"),
      "bad.txt": "0 0.5 0.5 0.5 0.5\n",
    });
    const report = await convertYolo(root, { dryRun: true, images: "s3://b/" });
    expect(report).toMatchObject({ linesOut: 0, counts: { IMAGE_SIZE_UNKNOWN: 1 } });
    expect(report.issues[0]!.message).toMatch(/header cannot be read/);
    const sized = await convertYolo(root, {
      dryRun: true,
      images: "s3://b/",
      imageSize: { width: 64, height: 64 },
    });
    expect(sized).toMatchObject({ linesOut: 1, errors: 0 });
  });

  it("a YAML without names is one error naming the file", async () => {
    await put({ "data.yaml": "train: images/train\n" });
    const error = await convertYolo(join(root, "data.yaml"), { dryRun: true }).catch((e: unknown) => e);
    expect(isConversionInputError(error)).toBe(true);
    expect(error).toMatchObject({ format: "yolo", file: join(root, "data.yaml") });
    expect((error as Error).message).toMatch(/no `names`/);
  });

  it("a folder with no class names, and a missing input, are errors", async () => {
    await put({ "a.png": pngBytes(64, 64) });
    await expect(convertYolo(root, { dryRun: true })).rejects.toThrow(/no class names/);
    await expect(convertYolo(join(root, "nope"), { dryRun: true })).rejects.toThrow(/no such file/);
  });

  it("refuses unusable options at once", async () => {
    const error = await convertYolo(root, { dryRun: true, imageSize: { width: 0, height: 5 } }).catch(
      (e: unknown) => e,
    );
    expect(isInvalidOptionsError(error)).toBe(true);
    expect(error).toMatchObject({ option: "imageSize.width" });
    await expect(convertYolo(root, { dryRun: true, sizes: "" })).rejects.toMatchObject({ option: "sizes" });
    await expect(convertYolo(root, { dryRun: true, sizesFile: "x" } as never)).rejects.toMatchObject({
      didYouMean: "sizes",
    });
  });

  it("a sizes CSV row that is not a size is one error with the file and line", async () => {
    await put({ "classes.txt": "a\n", "sizes.csv": "image,width,height\na.jpg,64,64\nb.jpg,wide,64\n" });
    const error = await convertYolo(root, { dryRun: true, sizes: join(root, "sizes.csv") }).catch(
      (e: unknown) => e,
    );
    expect(isConversionInputError(error)).toBe(true);
    expect(error).toMatchObject({ file: join(root, "sizes.csv"), line: 3 });
    await put({ "two.csv": "a.jpg,64,64\na.jpg,65,64\n" });
    await expect(convertYolo(root, { dryRun: true, sizes: join(root, "two.csv") })).rejects.toThrow(
      /two sizes/,
    );
    await put({ "ragged.csv": "a.jpg,64\n" });
    await expect(convertYolo(root, { dryRun: true, sizes: join(root, "ragged.csv") })).rejects.toMatchObject({
      line: 1,
    });
  });

  it("strict: a malformed row refuses the run and writes nothing", async () => {
    await put({
      "classes.txt": "a\n",
      "i.png": pngBytes(64, 64),
      "i.txt": "0 0.5 0.5 0.5\n0 0.5 0.5 0.5 0.5\n",
    });
    const output = join(root, "out.manifest");
    const error = await convertYolo(root, { output, images: "s3://b/", strict: true }).catch(
      (e: unknown) => e,
    );
    expect(isConversionError(error)).toBe(true);
    expect((error as { report: { counts: object } }).report.counts).toMatchObject({ MALFORMED_ROW: 1 });
    await expect(readFile(output)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("reads the size of a JPEG whose size marker sits past the first 64 KiB (a large EXIF segment)", async () => {
    const small = jpegBytes(300, 200);
    const exif = Buffer.alloc(4 + 65_000);
    exif.writeUInt16BE(0xffe1, 0);
    exif.writeUInt16BE(65_002, 2);
    const big = Buffer.concat([small.subarray(0, 2), exif, exif, small.subarray(2)]);
    await put({ "big.jpg": big });
    expect(await readHeaderSize(join(root, "big.jpg"))).toEqual({
      kind: "size",
      width: 300,
      height: 200,
      type: "jpg",
    });
    expect(await readHeaderSize(join(root, "none.jpg"))).toEqual({ kind: "missing" });
    await put({ "empty.png": Buffer.alloc(0) });
    expect(await readHeaderSize(join(root, "empty.png"))).toMatchObject({ kind: "unreadable" });
  });

  it("finds label files by the Ultralytics rule, then beside the image", () => {
    expect(labelFileCandidates("images/train/a.b.jpg")).toEqual([
      "labels/train/a.b.txt",
      "images/train/a.b.txt",
    ]);
    expect(labelFileCandidates("x/images/images/c.png")).toEqual([
      "x/images/labels/c.txt",
      "x/images/images/c.txt",
    ]);
    expect(labelFileCandidates("d.png")).toEqual(["d.txt"]);
  });

  it("parses --image-size WxH", () => {
    expect(parseImageSize("640x480")).toEqual({ width: 640, height: 480 });
    expect(parseImageSize("0x480")).toBeUndefined();
    expect(parseImageSize("640")).toBeUndefined();
  });

  it("property: any normalized box, after the shared clip rule, is whole pixels inside the image", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 4096 }),
        fc.integer({ min: 64, max: 4096 }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.constantFrom("round" as const, "expand" as const),
        (width, height, cx, cy, w, h, fractional) => {
          const box = applyBoxRules(
            { label: "a", ...yoloToPixels({ cx, cy, w, h }, width, height) },
            width,
            height,
            { outOfBounds: "clip", fractional, tooManyBoxes: "keep-largest" },
            new IssueCollector(),
            {},
          );
          if (box === undefined) return;
          for (const value of [box.left, box.top, box.width, box.height])
            expect(Number.isInteger(value)).toBe(true);
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.width).toBeGreaterThan(0);
          expect(box.height).toBeGreaterThan(0);
          expect(box.left + box.width).toBeLessThanOrEqual(width);
          expect(box.top + box.height).toBeLessThanOrEqual(height);
        },
      ),
    );
  });
});
