import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertVoc } from "../../src/convert/voc/convert-voc.js";
import { convertYolo } from "../../src/convert/yolo/convert-yolo.js";
import { writeTree } from "../support/files.js";
import { pngBytes } from "./yolo-images.js";

const DATE = "2026-01-02T03:04:05.000Z";
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cross-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the same boxes in YOLO and in Pascal VOC", () => {
  it("property: give the same manifest line (whole-pixel boxes, normalized YOLO rounded back exactly)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 64, max: 640 }),
        fc.integer({ min: 64, max: 640 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(),
            fc.integer({ min: 10, max: 60 }),
            fc.integer({ min: 10, max: 60 }),
            fc.nat(2),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        async (width, height, specs) => {
          const names = ["cat", "dog", "red fox"];
          const boxes = specs.map(([x, y, w, h, c]) => ({
            label: names[c]!,
            classIndex: c,
            left: x % (width - w),
            top: y % (height - h),
            width: w,
            height: h,
          }));
          const folder = join(root, String(run++));
          const yoloRows = boxes.map(
            (b) =>
              `${b.classIndex} ${(b.left + b.width / 2) / width} ${(b.top + b.height / 2) / height} ${b.width / width} ${b.height / height}`,
          );
          const vocObjects = boxes.map(
            (b) =>
              `<object><name>${b.label}</name><bndbox><xmin>${b.left + 1}</xmin><ymin>${b.top + 1}</ymin>` +
              `<xmax>${b.left + b.width}</xmax><ymax>${b.top + b.height}</ymax></bndbox></object>`,
          );
          await writeTree(folder, {
            "yolo/data.yaml": `names: [${names.map((n) => JSON.stringify(n)).join(", ")}]\n`,
            "yolo/images/img.png": pngBytes(width, height),
            "yolo/labels/img.txt": `${yoloRows.join("\n")}\n`,
            "voc/img.xml": `<annotation><filename>img.png</filename><size><width>${width}</width><height>${height}</height></size>${vocObjects.join("")}</annotation>`,
          });
          const common = {
            creationDate: DATE,
            images: (name: string) => `s3://bucket/${name.split("/").pop()}`,
          };
          await convertYolo(join(folder, "yolo", "data.yaml"), {
            ...common,
            output: join(folder, "yolo.manifest"),
          });
          await convertVoc(join(folder, "voc"), { ...common, output: join(folder, "voc.manifest") });
          const yolo = await readFile(join(folder, "yolo.manifest"), "utf8");
          const voc = await readFile(join(folder, "voc.manifest"), "utf8");
          expect(yolo).not.toBe("");
          expect(yolo).toBe(voc);
        },
      ),
      { numRuns: 20 },
    );
  });
});
