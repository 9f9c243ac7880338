/**
 * Golden files: the fixtures under test/fixtures/convert/voc and yolo, converted, must give their
 * `expected.manifest` byte for byte, and every line must pass the validator (see the fixtures' README).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertVoc } from "../../src/convert/voc/convert-voc.js";
import { convertYolo } from "../../src/convert/yolo/convert-yolo.js";
import { validateLine } from "../../src/manifest/validate.js";
import { FIXTURES } from "./helpers.js";

const DATE = "2026-01-02T03:04:05.000Z";
let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "golden-"));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function expectGolden(output: string, expectedFile: string): Promise<void> {
  const written = await readFile(output, "utf8");
  expect(written).toBe(await readFile(expectedFile, "utf8"));
  for (const line of written.split("\n").filter((l) => l !== "")) {
    expect(validateLine(JSON.parse(line)).filter((p) => p.severity === "error")).toEqual([]);
  }
}

describe("golden fixtures", () => {
  it("voc: a VOC2007-style file and a LabelImg file with floats, a difficult object and a box past the edge", async () => {
    const output = join(out, "voc.manifest");
    const report = await convertVoc(join(FIXTURES, "voc", "Annotations"), {
      output,
      images: "s3://bucket/voc/JPEGImages/",
      creationDate: DATE,
    });
    await expectGolden(output, join(FIXTURES, "voc", "expected.manifest"));
    expect(report).toMatchObject({
      itemsIn: 2,
      linesOut: 2,
      counts: { TRUNCATED_KEPT: 2, DIFFICULT_KEPT: 1, COORDINATE_ROUNDED: 1, BOX_CLIPPED: 1 },
    });
  });

  it("yolo: a labels-only Ultralytics tree with a sizes CSV, an unknown class, a clipped box and a polygon", async () => {
    const output = join(out, "yolo.manifest");
    const report = await convertYolo(join(FIXTURES, "yolo", "data.yaml"), {
      output,
      images: "s3://bucket/yolo/",
      sizes: join(FIXTURES, "yolo", "sizes.csv"),
      creationDate: DATE,
    });
    await expectGolden(output, join(FIXTURES, "yolo", "expected.manifest"));
    expect(report).toMatchObject({
      itemsIn: 3,
      linesOut: 3,
      counts: { UNKNOWN_CLASS_ID: 1, BOX_CLIPPED: 1, POLYGON_AS_BOX: 1 },
    });
  });
});
