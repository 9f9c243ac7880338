import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertCoco, convertCsv, exportCoco, exportCsv } from "../../src/convert/index.js";
import { collectingStream, expectValidManifest, FIXED_DATE } from "./helpers.js";

const PREFIX = "s3://bucket/data/";

async function manifestOfCoco(coco: unknown): Promise<string> {
  const out = collectingStream();
  await convertCoco(Readable.from([JSON.stringify(coco)]), {
    images: PREFIX,
    output: out.stream,
    creationDate: FIXED_DATE,
  });
  return out.text();
}

async function exported(
  manifest: string,
  run: typeof exportCoco | typeof exportCsv,
  options: Record<string, unknown> = {},
) {
  const out = collectingStream();
  const report = await run({ text: manifest }, { images: PREFIX, output: out.stream, ...options });
  return { report, text: out.text() };
}

/** A label name the service takes: 1..255 characters, no edge spaces (a CSV trims them). */
const label = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
  .map((text) => text.trim())
  .filter((text) => text !== "");
/** A file name: any characters but the start of an s3:// URI; no edge spaces (a CSV trims them). */
const fileName = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 16 })
  .map((text) => `${text.trim()}.jpg`)
  .filter((text) => text !== ".jpg" && !text.startsWith("s3://"));

interface Sample {
  file: string;
  width: number;
  height: number;
  boxes: { label: string; left: number; top: number; width: number; height: number }[];
}

/** An image size the service takes: 64..4096 px a side, aspect ratio at most 20:1. */
const imageSize = fc.integer({ min: 64, max: 4096 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    height: fc.integer({ min: Math.max(64, Math.ceil(width / 20)), max: Math.min(4096, width * 20) }),
  }),
);

const sample: fc.Arbitrary<Sample> = fc
  .record({ file: fileName, size: imageSize })
  .map(({ file, size }) => ({ file, ...size }))
  .chain(({ file, width, height }) =>
    fc
      .array(
        fc
          .record({
            label,
            left: fc.integer({ min: 0, max: width - 4 }),
            top: fc.integer({ min: 0, max: height - 4 }),
          })
          .chain(({ label, left, top }) =>
            fc.record({
              label: fc.constant(label),
              left: fc.constant(left),
              top: fc.constant(top),
              width: fc.integer({ min: 4, max: width - left }),
              height: fc.integer({ min: 4, max: height - top }),
            }),
          ),
        { minLength: 1, maxLength: 8 },
      )
      .map((boxes) => ({ file, width, height, boxes })),
  );

const samples = fc.uniqueArray(sample, { minLength: 1, maxLength: 6, selector: (s) => s.file });

function cocoOf(images: Sample[]) {
  const names = [...new Set(images.flatMap((image) => image.boxes.map((box) => box.label)))];
  let annotationId = 0;
  return {
    images: images.map((image, i) => ({
      id: i + 10,
      file_name: image.file,
      width: image.width,
      height: image.height,
    })),
    annotations: images.flatMap((image, i) =>
      image.boxes.map((box) => ({
        id: ++annotationId,
        image_id: i + 10,
        category_id: names.indexOf(box.label) + 100,
        bbox: [box.left, box.top, box.width, box.height],
        iscrowd: 0,
      })),
    ),
    categories: names.map((name, i) => ({ id: i + 100, name })),
  };
}

/** A COCO file's content by meaning: per file name, its size and its boxes by label name (ids left out). */
function meaningOfCoco(coco: ReturnType<typeof cocoOf>) {
  const names = new Map(coco.categories.map((category) => [category.id, category.name]));
  return Object.fromEntries(
    coco.images.map((image) => [
      image.file_name,
      {
        size: [image.width, image.height],
        boxes: coco.annotations
          .filter((a) => a.image_id === image.id)
          .map((a) => `${names.get(a.category_id)}|${a.bbox.join(",")}`)
          .sort(),
      },
    ]),
  );
}

describe("exportCoco", () => {
  it("round trip COCO -> manifest -> COCO keeps every image, size and box by label name", async () => {
    await fc.assert(
      fc.asyncProperty(samples, async (images) => {
        const coco = cocoOf(images);
        const manifest = await manifestOfCoco(coco);
        expectValidManifest(manifest);
        const { text, report } = await exported(manifest, exportCoco);
        expect(report.issues).toEqual([]);
        expect(meaningOfCoco(JSON.parse(text))).toEqual(meaningOfCoco(coco));
      }),
      { numRuns: 40 },
    );
  });

  it("reports image-level labels, which COCO instances cannot hold, and writes nothing under strict", async () => {
    const manifest = `${JSON.stringify({
      "source-ref": `${PREFIX}a.jpg`,
      sunny: 1,
      "sunny-metadata": {
        confidence: 1,
        "class-name": "sunny",
        "human-annotated": "yes",
        "creation-date": FIXED_DATE,
        type: "groundtruth/image-classification",
      },
    })}\nnot json\n`;
    const { report, text } = await exported(manifest, exportCoco);
    expect(report.counts).toEqual({ NOT_REPRESENTABLE: 1, UNREADABLE_LINE: 1 });
    expect(JSON.parse(text).images).toEqual([{ id: 1, file_name: "a.jpg", date_captured: FIXED_DATE }]);
    const out = collectingStream();
    await expect(exportCoco({ text: manifest }, { output: out.stream, strict: true })).rejects.toThrow(
      /NOT_REPRESENTABLE/,
    );
    expect(out.text()).toBe("");
  });
});

describe("exportCsv", () => {
  it("round trip CSV (labels) -> manifest -> CSV keeps every image and its labels", async () => {
    const rows = fc.uniqueArray(
      fc.record({ file: fileName, labels: fc.uniqueArray(label, { minLength: 1, maxLength: 5 }) }),
      { minLength: 1, maxLength: 8, selector: (row) => row.file },
    );
    await fc.assert(
      fc.asyncProperty(rows, async (input) => {
        const { text: csv } = await exported(
          input
            .map((row) =>
              JSON.stringify({
                "source-ref": PREFIX + row.file,
                ...Object.fromEntries(
                  row.labels.flatMap((name, i) => [
                    [`l${i}`, 1],
                    [
                      `l${i}-metadata`,
                      {
                        confidence: 1,
                        "class-name": name,
                        "human-annotated": "yes",
                        "creation-date": FIXED_DATE,
                        type: "groundtruth/image-classification",
                      },
                    ],
                  ]),
                ),
              }),
            )
            .join("\n"),
          exportCsv,
        );
        const out = collectingStream();
        await convertCsv(Readable.from([csv]), {
          images: PREFIX,
          output: out.stream,
          creationDate: FIXED_DATE,
        });
        const manifest = out.text();
        const again = await exported(manifest, exportCsv);
        // A line's labels are a set: attribute order on a line carries no meaning.
        const rowsOf = (text: string) =>
          (parse(text, { relax_column_count: true }) as string[][]).map(([image, ...labels]) => [
            image,
            labels.sort(),
          ]);
        expect(rowsOf(again.text)).toEqual(rowsOf(csv));
        const back = expectValidManifest(manifest).map((line) => line["source-ref"]);
        expect(back).toEqual(input.map((row) => PREFIX + row.file));
        const labelsBack = expectValidManifest(manifest).map((line) =>
          Object.keys(line)
            .filter((key) => key.endsWith("-metadata"))
            .map((key) => (line[key] as { "class-name": string })["class-name"])
            .sort(),
        );
        expect(labelsBack).toEqual(input.map((row) => [...row.labels].sort()));
      }),
      { numRuns: 40 },
    );
  });

  it("round trip COCO boxes -> manifest -> CSV (boxes) -> manifest gives the same manifest", async () => {
    await fc.assert(
      fc.asyncProperty(samples, async (images) => {
        const manifest = await manifestOfCoco(cocoOf(images));
        const { text: csv, report } = await exported(manifest, exportCsv, { layout: "boxes" });
        expect(report.issues).toEqual([]);
        const out = collectingStream();
        await convertCsv(Readable.from([csv]), {
          images: PREFIX,
          output: out.stream,
          creationDate: FIXED_DATE,
        });
        expect(out.text()).toBe(manifest);
      }),
      { numRuns: 40 },
    );
  });

  it("reports boxes the labels layout cannot hold", async () => {
    const manifest = await manifestOfCoco(
      cocoOf([
        {
          file: "a.jpg",
          width: 100,
          height: 100,
          boxes: [{ label: "cat", left: 1, top: 1, width: 10, height: 10 }],
        },
      ]),
    );
    const { report, text } = await exported(manifest, exportCsv, { header: false });
    expect(report.counts).toEqual({ NOT_REPRESENTABLE: 1 });
    expect(text).toBe("a.jpg\n");
  });
});
