import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isManifestValidationError,
  type ManifestValidationError,
} from "../../src/errors/manifest-validation-error.js";
import {
  AttributeNamer,
  attributeNameProblem,
  slugifyAttributeName,
} from "../../src/manifest/builders/attribute-names.js";
import { combineLines } from "../../src/manifest/builders/combine.js";
import { imageLabels } from "../../src/manifest/builders/image-labels.js";
import { fromMultiLabel } from "../../src/manifest/builders/multilabel.js";
import { objectLocalization } from "../../src/manifest/builders/object-localization.js";
import { toJsonLine } from "../../src/manifest/serialize.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { validateLine } from "../../src/manifest/validate.js";
import type { Loose } from "./fixtures.js";

const now = () => new Date("2026-03-04T05:06:07.089Z");

function thrown(build: () => unknown): ManifestValidationError {
  try {
    build();
  } catch (error) {
    expect(isManifestValidationError(error)).toBe(true);
    return error as ManifestValidationError;
  }
  throw new Error("expected the builder to throw");
}

describe("imageLabels", () => {
  it("builds one attribute per label with the defaults, in a fixed key order", () => {
    const line = imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["Sunrise", "Beach"] }, { now });
    expect(toJsonLine(line)).toBe(
      '{"source-ref":"s3://bucket/a.jpg","sunrise":1,"sunrise-metadata":{"confidence":1,"class-name":"Sunrise","human-annotated":"yes","creation-date":"2026-03-04T05:06:07.089Z","type":"groundtruth/image-classification"},"beach":1,"beach-metadata":{"confidence":1,"class-name":"Beach","human-annotated":"yes","creation-date":"2026-03-04T05:06:07.089Z","type":"groundtruth/image-classification"}}',
    );
    expect(validateLine(line)).toEqual([]);
  });
  it("defaults creation-date to the system clock in UTC ISO form with Z", () => {
    const line = imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["a"] }) as Loose;
    expect(line["a-metadata"]["creation-date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(line["a-metadata"]["creation-date"]) - Date.now())).toBeLessThan(60_000);
  });
  it("takes image-wide and per-label metadata, per-label winning", () => {
    const line = imageLabels(
      {
        sourceRef: "s3://bucket/a.jpg",
        labels: [
          "cat",
          { name: "dog", confidence: 0.25, humanAnnotated: "yes", jobName: "dogs", attributeName: "pet" },
        ],
        confidence: 0.5,
        humanAnnotated: false,
        creationDate: new Date("2020-01-02T03:04:05Z"),
        jobName: "animals",
      },
      { now },
    ) as Loose;
    expect(line["cat-metadata"]).toEqual({
      confidence: 0.5,
      "class-name": "cat",
      "human-annotated": "no",
      "creation-date": "2020-01-02T03:04:05.000Z",
      type: "groundtruth/image-classification",
      "job-name": "animals",
    });
    expect(line["pet-metadata"]).toMatchObject({
      confidence: 0.25,
      "human-annotated": "yes",
      "job-name": "dogs",
    });
  });
  it("keeps a label given twice once", () => {
    const line = imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["cat", "cat"] }, { now });
    expect(Object.keys(line)).toEqual(["source-ref", "cat", "cat-metadata"]);
  });
  it("derives safe attribute names from awkward labels", () => {
    const line = imageLabels(
      {
        sourceRef: "s3://bucket/a.jpg",
        labels: ["source-ref", "x-metadata", "日の出", "errors", "cl", "Café", "café"],
      },
      { now },
    );
    expect(Object.keys(line).filter((key) => !key.endsWith("-metadata"))).toEqual([
      "source-ref",
      "source-ref-label",
      "x-metadata-label",
      "label",
      "errors-label",
      "cl-label",
      "cafe",
      "cafe-2",
    ]);
    expect(validateLine(line)).toEqual([]);
  });
  it("lists every problem of its input, not just the first", () => {
    const error = thrown(() =>
      imageLabels({
        sourceRef: "https://bucket/a.jpg",
        labels: ["", "x".repeat(256), { name: "ok", confidence: 3, attributeName: "a-metadata" }],
        creationDate: "yesterday",
        humanAnnotated: "maybe" as never,
      }),
    );
    const codes = error.problems.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "ERROR_INVALID_SOURCE_REF_FORMAT",
        "ERROR_INVALID_LABEL_NAME_LENGTH",
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      ]),
    );
    expect(codes.filter((c) => c === "ERROR_INVALID_LABEL_NAME_LENGTH")).toHaveLength(2);
    expect(error.problems.some((p) => p.path.endsWith("creation-date"))).toBe(true);
    expect(error.problems.some((p) => p.path.endsWith("human-annotated"))).toBe(true);
    expect(error.problems.some((p) => p.path.endsWith("confidence"))).toBe(true);
    expect(error.problems.some((p) => p.path === "labels[2].attributeName")).toBe(true);
  });
  it("refuses no labels, an invalid Date and clashing attribute names", () => {
    expect(
      thrown(() => imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: [] })).problems.map((p) => p.code),
    ).toEqual(["ERROR_NO_LABEL_ATTRIBUTES"]);
    expect(
      thrown(() =>
        imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["a"], creationDate: new Date(Number.NaN) }),
      ).problems[0]?.path,
    ).toBe("labels[0].creationDate");
    const clash = thrown(() =>
      imageLabels({
        sourceRef: "s3://bucket/a.jpg",
        labels: [
          { name: "a", attributeName: "same" },
          { name: "b", attributeName: "same" },
        ],
      }),
    );
    expect(clash.problems.map((p) => p.path)).toEqual(["labels[1].attributeName"]);
  });
  it("over 50 labels on one image is refused", () => {
    const labels = Array.from({ length: 51 }, (_, i) => `label ${i}`);
    expect(
      thrown(() => imageLabels({ sourceRef: "s3://bucket/a.jpg", labels })).problems.map((p) => p.code),
    ).toEqual(["TOO_MANY_LABELS"]);
  });
});

describe("objectLocalization", () => {
  const base = {
    sourceRef: "s3://bucket/img/2.png",
    imageSize: { width: 640, height: 480, depth: 3 },
    boxes: [{ label: "Echo Dot", left: 399, top: 251, width: 155, height: 101 }],
    jobName: "my job",
    creationDate: "2013-11-18T02:53:27",
  };
  it("builds the guide's sample line (ids from 0)", () => {
    const line = objectLocalization(base);
    expect(toJsonLine(line)).toBe(
      '{"source-ref":"s3://bucket/img/2.png","bounding-box":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":0,"top":251,"left":399,"width":155,"height":101}]},"bounding-box-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"Echo Dot"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2013-11-18T02:53:27","job-name":"my job"}}',
    );
  });
  it("numbers labels by first appearance and reuses ids, or takes caller-given ids", () => {
    const boxes = [
      { label: "cat", left: 0, top: 0, width: 10, height: 10 },
      { label: "dog", left: 0, top: 0, width: 10, height: 10, confidence: 0.5 },
      { label: "cat", left: 5, top: 5, width: 10, height: 10 },
    ];
    const line = objectLocalization({ ...base, boxes, attributeName: "pets" }, { now }) as Loose;
    expect(line.pets.annotations.map((a: Loose) => a.class_id)).toEqual([0, 1, 0]);
    expect(line["pets-metadata"]["class-map"]).toEqual({ "0": "cat", "1": "dog" });
    expect(line["pets-metadata"].objects).toEqual([
      { confidence: 1 },
      { confidence: 0.5 },
      { confidence: 1 },
    ]);

    const stable = objectLocalization({
      ...base,
      boxes,
      classIds: new Map([
        ["dog", 7],
        ["cat", 3],
        ["bird", 1],
      ]),
    }) as Loose;
    expect(stable["bounding-box"].annotations.map((a: Loose) => a.class_id)).toEqual([3, 7, 3]);
    expect(stable["bounding-box-metadata"]["class-map"]).toEqual({ "3": "cat", "7": "dog" });
    const fromObject = objectLocalization({ ...base, boxes, classIds: { cat: 3, dog: 7 } });
    expect(fromObject).toEqual(stable);
  });
  it("writes depth only when given and accepts an image with no boxes (with a warning only)", () => {
    const line = objectLocalization({ ...base, imageSize: { width: 640, height: 480 }, boxes: [] }) as Loose;
    expect(line["bounding-box"].image_size).toEqual([{ width: 640, height: 480 }]);
    expect(validateLine(line).map((p) => p.severity)).not.toContain("error");
  });
  it("lists every problem: bad boxes, unknown labels, bad size, bad ids", () => {
    const error = thrown(() =>
      objectLocalization({
        ...base,
        imageSize: { width: 32, height: 480 },
        boxes: [
          { label: "cat", left: -1, top: 0, width: 10, height: 10 },
          { label: "cow", left: 0, top: 0, width: 10, height: 10 },
          { label: "cat", left: 0, top: 0, width: 10, height: 10, confidence: 2 },
        ],
        classIds: { cat: 1, dog: 1, bird: -2 },
        attributeName: "box-metadata",
      }),
    );
    const paths = error.problems.map((p) => `${p.code} ${p.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT attributeName",
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT classIds.dog",
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT classIds.bird",
        "ERROR_MISSING_CLASS_MAP_ID boxes[1].label",
        "ERROR_INVALID_IMAGE_DIMENSION bounding-box.image_size[0].width",
        "ERROR_INVALID_BOUNDING_BOX bounding-box.annotations[0].left",
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT bounding-box-metadata.objects[1].confidence",
      ]),
    );
  });
  it("refuses more than 50 boxes and a box outside the image", () => {
    const boxes = Array.from({ length: 51 }, () => ({ label: "a", left: 0, top: 0, width: 10, height: 10 }));
    expect(thrown(() => objectLocalization({ ...base, boxes })).problems.map((p) => p.code)).toContain(
      "ERROR_TOO_MANY_BOUNDING_BOXES",
    );
    const outside = [{ label: "a", left: 600, top: 0, width: 100, height: 10 }];
    expect(
      thrown(() => objectLocalization({ ...base, boxes: outside })).problems.map((p) => p.code),
    ).toContain("ERROR_INVALID_BOUNDING_BOX");
  });
});

describe("combineLines", () => {
  const labels = imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["Beach", "bounding box"] }, { now });
  const boxes = objectLocalization(
    {
      sourceRef: "s3://bucket/a.jpg",
      imageSize: { width: 640, height: 480 },
      boxes: [{ label: "Umbrella", left: 1, top: 1, width: 50, height: 50 }],
    },
    { now },
  );
  it("puts labels and boxes on one line, renaming a clashing attribute", () => {
    const line = combineLines(boxes, labels) as Loose;
    expect(Object.keys(line)).toEqual([
      "source-ref",
      "bounding-box",
      "bounding-box-metadata",
      "beach",
      "beach-metadata",
      "bounding-box-2",
      "bounding-box-2-metadata",
    ]);
    expect(line["bounding-box-2-metadata"]["class-name"]).toBe("bounding box");
    expect(validateLine(line)).toEqual([]);
  });
  it("keeps equal non-attribute keys once and refuses different ones", () => {
    const a = { ...labels, note: "x" } as ManifestLine;
    const b = { ...boxes, note: "x" } as ManifestLine;
    expect((combineLines(a, b) as Loose).note).toBe("x");
    const c = { ...boxes, note: "y" } as ManifestLine;
    expect(thrown(() => combineLines(a, c)).problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      "CONFLICTING_LINES lines[1].note",
    ]);
  });
  it("refuses lines of different images, and no line at all", () => {
    const other = imageLabels({ sourceRef: "s3://bucket/b.jpg", labels: ["x"] }, { now });
    expect(thrown(() => combineLines(labels, other)).problems[0]).toMatchObject({
      code: "CONFLICTING_LINES",
      path: "lines[1].source-ref",
    });
    expect(thrown(() => combineLines()).problems.map((p) => p.code)).toContain("CONFLICTING_LINES");
  });
});

describe("fromMultiLabel", () => {
  const sagemaker = {
    "source-ref": "s3://bucket/a.jpg",
    "my-job": [0, 2],
    "my-job-metadata": {
      "job-name": "labeling-job/my-job",
      "class-map": { "0": "cat", "1": "dog", "2": "Small Cat" },
      "human-annotated": "yes",
      "creation-date": "2020-03-06T17:46:39.176",
      "confidence-map": { "0": 0.87, "2": 0.93 },
      type: "groundtruth/image-classification-multilabel",
    },
    extra: true,
  } as ManifestLine;
  it("turns each label into its own image-classification attribute, keeping other keys in place", () => {
    const line = fromMultiLabel(sagemaker) as Loose;
    expect(Object.keys(line)).toEqual([
      "source-ref",
      "cat",
      "cat-metadata",
      "small-cat",
      "small-cat-metadata",
      "extra",
    ]);
    expect(line["small-cat-metadata"]).toEqual({
      confidence: 0.93,
      "class-name": "Small Cat",
      "human-annotated": "yes",
      "creation-date": "2020-03-06T17:46:39.176",
      type: "groundtruth/image-classification",
      "job-name": "labeling-job/my-job",
    });
    expect(validateLine(line)).toEqual([]);
  });
  it("makes the line the validator rejected acceptable", () => {
    expect(validateLine(sagemaker).map((p) => p.code)).toContain("ERROR_UNSUPPORTED_USE_CASE_TYPE");
  });
  it("returns a line without multi-label attributes unchanged", () => {
    const line = imageLabels({ sourceRef: "s3://bucket/a.jpg", labels: ["x"] }, { now });
    expect(fromMultiLabel(line)).toBe(line);
  });
  it("lists ids missing from class-map or confidence-map", () => {
    const broken = structuredClone(sagemaker) as Loose;
    broken["my-job"] = [0, 1, 5];
    const error = thrown(() => fromMultiLabel(broken as ManifestLine));
    expect(error.problems.map((p) => `${p.code} ${p.path}`)).toEqual(
      expect.arrayContaining([
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT my-job-metadata.confidence-map",
        "ERROR_MISSING_CLASS_MAP_ID my-job[2]",
      ]),
    );
  });
  it("refuses an image with no label left", () => {
    const empty = structuredClone(sagemaker) as Loose;
    empty["my-job"] = [];
    expect(thrown(() => fromMultiLabel(empty as ManifestLine)).problems.map((p) => p.code)).toContain(
      "ERROR_NO_LABEL_ATTRIBUTES",
    );
  });
});

describe("attribute names", () => {
  it("slugs readable names", () => {
    expect(slugifyAttributeName("Echo Dot")).toBe("echo-dot");
    expect(slugifyAttributeName("  Crème Brûlée! ")).toBe("creme-brulee");
    expect(slugifyAttributeName("日の出")).toBe("label");
    expect(slugifyAttributeName("x".repeat(300))).toHaveLength(64);
  });
  it("explains why a name cannot be an attribute", () => {
    expect(attributeNameProblem("ok")).toBeUndefined();
    expect(attributeNameProblem("")).toBeDefined();
    expect(attributeNameProblem("a-metadata")).toBeDefined();
    expect(attributeNameProblem("source-ref")).toBeDefined();
    expect(attributeNameProblem("cl")).toBeDefined();
  });
  it("never hands out a name that clashes with a key, a metadata key or another name", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom("source-ref", "cl", "a-metadata", "a", "label", "errors")),
          {
            maxLength: 8,
          },
        ),
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom("A", "a-2", "label", "Label", "a metadata", "x-metadata")),
          {
            maxLength: 20,
          },
        ),
        (existing, labels) => {
          const namer = new AttributeNamer(["source-ref", ...existing]);
          const keys = new Set(["source-ref", ...existing]);
          for (const label of labels) {
            const name = namer.next(label);
            expect(attributeNameProblem(name)).toBeUndefined();
            expect(keys.has(name)).toBe(false);
            expect(keys.has(`${name}-metadata`)).toBe(false);
            expect(keys.has(name.replace(/-metadata$/, ""))).toBe(false);
            keys.add(name);
            keys.add(`${name}-metadata`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
