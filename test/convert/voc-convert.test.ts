import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { convertVoc } from "../../src/convert/voc/convert-voc.js";
import { pixelsToVoc } from "../../src/convert/voc/voc-annotation.js";
import { isConversionInputError } from "../../src/errors/conversion-input-error.js";
import { validateLine } from "../../src/manifest/validate.js";
import { folderPerTest, writeTree } from "../support/files.js";
import { jpegBytes } from "./yolo-images.js";

const DATE = "2026-01-02T03:04:05.000Z";
const testFolder = folderPerTest("voc-");
let root: string;
beforeEach(() => {
  root = testFolder();
});

function put(files: Record<string, string | Buffer>): Promise<void> {
  return writeTree(root, files);
}

async function lines(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, "utf8"))
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type Box = [string, number, number, number, number];
function boxesOf(line: Record<string, unknown>): Box[] {
  const value = line["bounding-box"] as {
    annotations: { class_id: number; left: number; top: number; width: number; height: number }[];
  };
  const classMap = (line["bounding-box-metadata"] as { "class-map": Record<string, string> })["class-map"];
  return value.annotations.map((a) => [classMap[a.class_id]!, a.left, a.top, a.width, a.height]);
}

interface VocObjectSpec {
  name: string;
  box: [number, number, number, number];
  difficult?: 0 | 1;
  truncated?: 0 | 1;
}
function vocXml(filename: string, size: [number, number] | undefined, objects: VocObjectSpec[]): string {
  return [
    "<annotation>",
    "  <folder>VOC2007</folder>",
    `  <filename>${filename}</filename>`,
    size === undefined
      ? ""
      : `  <size><width>${size[0]}</width><height>${size[1]}</height><depth>3</depth></size>`,
    ...objects.map(
      (o) =>
        `  <object><name>${o.name}</name><pose>Unspecified</pose><truncated>${o.truncated ?? 0}</truncated><difficult>${o.difficult ?? 0}</difficult>` +
        `<bndbox><xmin>${o.box[0]}</xmin><ymin>${o.box[1]}</ymin><xmax>${o.box[2]}</xmax><ymax>${o.box[3]}</ymax></bndbox></object>`,
    ),
    "</annotation>",
  ].join("\n");
}

describe("convertVoc", () => {
  it("golden: a VOC folder becomes valid lines, 1-based inclusive corners to 0-based edges", async () => {
    await put({
      "Annotations/000001.xml": vocXml(
        "000001.jpg",
        [353, 500],
        [
          { name: "dog", box: [48, 240, 195, 371] },
          { name: "person", box: [8, 12, 352, 498] },
        ],
      ),
      "Annotations/000002.xml": vocXml(
        "000002.jpg",
        [335, 500],
        [{ name: "train", box: [139, 200, 207, 301] }],
      ),
    });
    const output = join(root, "out.manifest");
    const report = await convertVoc(join(root, "Annotations"), {
      output,
      images: "s3://bucket/VOC2007/JPEGImages/",
      creationDate: DATE,
    });
    expect(report).toMatchObject({ format: "voc", itemsIn: 2, linesOut: 2, errors: 0, warnings: 0 });
    const written = new Map((await lines(output)).map((l) => [l["source-ref"] as string, l]));
    const first = written.get("s3://bucket/VOC2007/JPEGImages/000001.jpg")!;
    expect((first["bounding-box"] as { image_size: unknown }).image_size).toEqual([
      { width: 353, height: 500, depth: 3 },
    ]);
    expect(boxesOf(first)).toEqual([
      ["dog", 47, 239, 148, 132],
      ["person", 7, 11, 345, 487],
    ]);
    expect(boxesOf(written.get("s3://bucket/VOC2007/JPEGImages/000002.jpg")!)).toEqual([
      ["train", 138, 199, 69, 102],
    ]);
    for (const line of written.values())
      expect(validateLine(line).filter((p) => p.severity === "error")).toEqual([]);
  });

  it("round trip: corners -> manifest -> corners by the inverse formula, for whole-pixel boxes", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Sides within 20:1 of each other (the service's aspect-ratio limit, which the writer applies).
        fc.integer({ min: 64, max: 1280 }),
        fc.integer({ min: 64, max: 1280 }),
        fc.array(
          fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 20, max: 63 }), fc.integer({ min: 20, max: 63 })),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        async (width, height, specs) => {
          const objects = specs.map(([x, y, w, h], i) => {
            const xmin = 1 + (x % (width - w));
            const ymin = 1 + (y % (height - h));
            return {
              name: `l${i}`,
              box: [xmin, ymin, xmin + w - 1, ymin + h - 1] as [number, number, number, number],
            };
          });
          await put({ "a.xml": vocXml("a.jpg", [width, height], objects) });
          const output = join(root, "rt.manifest");
          await convertVoc(join(root, "a.xml"), { output, images: "s3://b/", creationDate: DATE });
          const [line] = await lines(output);
          const back = boxesOf(line!).map(([name, left, top, w, h]) => {
            const c = pixelsToVoc({ left, top, width: w, height: h });
            return { name, box: [c.xmin, c.ymin, c.xmax, c.ymax] };
          });
          expect(back).toEqual(objects);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("difficult and truncated: kept and counted by default, dropped by option", async () => {
    await put({
      "a.xml": vocXml(
        "a.jpg",
        [100, 100],
        [
          { name: "x", box: [1, 1, 50, 50], difficult: 1 },
          { name: "y", box: [10, 10, 60, 60], truncated: 1 },
          { name: "z", box: [20, 20, 70, 70] },
        ],
      ),
    });
    const kept = await convertVoc(root, { dryRun: true, images: "s3://b/" });
    expect(kept.counts).toMatchObject({ DIFFICULT_KEPT: 1, TRUNCATED_KEPT: 1 });
    expect(kept.warnings).toBe(0);
    const output = join(root, "out.manifest");
    const dropped = await convertVoc(root, {
      output,
      images: "s3://b/",
      difficult: "drop",
      truncated: "drop",
      creationDate: DATE,
    });
    expect(dropped.counts).toMatchObject({ DIFFICULT_DROPPED: 1, TRUNCATED_DROPPED: 1 });
    expect(dropped.issues.find((i) => i.code === "DIFFICULT_DROPPED")!.item).toEqual({
      file: join(root, "a.xml"),
      image: "a.jpg",
      imageId: 1,
    });
    expect(boxesOf((await lines(output))[0]!)).toEqual([["z", 19, 19, 51, 51]]);
  });

  it("float coordinates go through the shared rounding rule", async () => {
    await put({ "a.xml": vocXml("a.jpg", [100, 100], [{ name: "f", box: [10.4, 10.6, 20.2, 30.5] }]) });
    const output = join(root, "out.manifest");
    const report = await convertVoc(root, { output, images: "s3://b/", creationDate: DATE });
    expect(report.counts.COORDINATE_ROUNDED).toBe(1);
    // left 9.4 -> 9, top 9.6 -> 10, right 20.2 -> 20, bottom 30.5 -> 31
    expect(boxesOf((await lines(output))[0]!)).toEqual([["f", 9, 10, 11, 21]]);
  });

  it("no size: the image's header when it is at hand (JPEGImages beside Annotations), else IMAGE_SIZE_UNKNOWN", async () => {
    await put({
      "Annotations/a.xml": vocXml("a.jpg", undefined, [{ name: "q", box: [1, 1, 10, 10] }]),
      "Annotations/b.xml": vocXml("b.jpg", undefined, [{ name: "q", box: [1, 1, 10, 10] }]),
      "JPEGImages/a.jpg": jpegBytes(320, 240),
    });
    const output = join(root, "out.manifest");
    const report = await convertVoc(join(root, "Annotations"), {
      output,
      images: "s3://b/",
      creationDate: DATE,
    });
    expect(report).toMatchObject({ itemsIn: 2, linesOut: 1, counts: { IMAGE_SIZE_UNKNOWN: 1 } });
    expect(report.issues.find((i) => i.code === "IMAGE_SIZE_UNKNOWN")!.item.image).toBe("b.jpg");
    const [line] = await lines(output);
    expect((line!["bounding-box"] as { image_size: unknown }).image_size).toEqual([
      { width: 320, height: 240 },
    ]);
  });

  it("objects without a name or a numeric box are MALFORMED_OBJECT; a file without filename is IMAGE_NOT_FOUND", async () => {
    await put({
      "a.xml":
        "<annotation><filename>a.jpg</filename><size><width>64</width><height>64</height></size>" +
        "<object><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object>" +
        "<object><name>ok</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>",
      "b.xml": "<annotation><size><width>64</width><height>64</height></size></annotation>",
    });
    const report = await convertVoc([join(root, "a.xml"), join(root, "b.xml")], {
      dryRun: true,
      images: "s3://b/",
    });
    expect(report).toMatchObject({
      itemsIn: 2,
      linesOut: 1,
      counts: { MALFORMED_OBJECT: 1, IMAGE_NOT_FOUND: 1 },
    });
  });

  it("broken XML is one error with the file, line and column; XML that is not VOC names its root", async () => {
    await put({
      "bad.xml": "<annotation>\n<size><width>3</size>\n</annotation>",
      "svg.xml": "<svg><g/></svg>",
    });
    const broken = await convertVoc(join(root, "bad.xml"), { dryRun: true }).catch((e: unknown) => e);
    expect(isConversionInputError(broken)).toBe(true);
    expect(broken).toMatchObject({ format: "voc", file: join(root, "bad.xml"), line: 2 });
    const svg = await convertVoc(join(root, "svg.xml"), { dryRun: true }).catch((e: unknown) => e);
    expect((svg as Error).message).toMatch(/root element is <svg>/);
    await expect(convertVoc(join(root, "none.xml"), { dryRun: true })).rejects.toThrow(/no such file/);
  });

  it("nothing is written when the run fails part-way", async () => {
    await put({
      "a.xml": vocXml("a.jpg", [64, 64], [{ name: "a", box: [1, 1, 30, 30] }]),
      "b.xml": "<annotation><oops></annotation>",
    });
    const output = join(root, "out.manifest");
    await expect(
      convertVoc([join(root, "a.xml"), join(root, "b.xml")], { output, images: "s3://b/" }),
    ).rejects.toThrow(/not well-formed/);
    await expect(readFile(output)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses an unknown difficult rule at once", async () => {
    await expect(convertVoc(root, { dryRun: true, difficult: "ignore" as never })).rejects.toMatchObject({
      name: "InvalidOptionsError",
      option: "difficult",
    });
  });
});
