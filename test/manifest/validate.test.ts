import { describe, expect, it, vi } from "vitest";
import { MAX_LINE_CHARACTERS } from "../../src/limits.js";
import type { ProblemCode, ValidationProblem } from "../../src/manifest/problems.js";
import { parseSourceRef } from "../../src/manifest/source-ref.js";
import { isCreationDate } from "../../src/manifest/validate/creation-date.js";
import { validateLine } from "../../src/manifest/validate.js";
import { classificationLine, detectionLine, type Loose } from "./fixtures.js";

function codes(problems: readonly ValidationProblem[]): ProblemCode[] {
  return problems.map((problem) => problem.code);
}

function find(problems: readonly ValidationProblem[], code: ProblemCode): ValidationProblem {
  const problem = problems.find((p) => p.code === code);
  expect(problem, `expected a ${code} problem in ${JSON.stringify(problems)}`).toBeDefined();
  return problem!;
}

/** A detection line with `n` valid boxes of distinct labels. */
function detectionWithBoxes(n: number): Loose {
  const line = detectionLine();
  line["bounding-box"].annotations = [];
  line["bounding-box-metadata"].objects = [];
  line["bounding-box-metadata"]["class-map"] = {};
  for (let i = 0; i < n; i++) {
    line["bounding-box"].annotations.push({ class_id: i, top: 10, left: 10, width: 20, height: 20 });
    line["bounding-box-metadata"].objects.push({ confidence: 1 });
    line["bounding-box-metadata"]["class-map"][String(i)] = `label ${i}`;
  }
  return line;
}

describe("validateLine: the samples of the Custom Labels guide", () => {
  it("finds nothing wrong with the image-level label sample", () => {
    expect(validateLine(classificationLine())).toEqual([]);
  });
  it("finds nothing wrong with the object localization sample", () => {
    expect(validateLine(detectionLine())).toEqual([]);
  });
  it("accepts both kinds of attribute on one line", () => {
    const line = { ...classificationLine(), ...detectionLine() };
    line["source-ref"] = "s3://bucket/a.jpg";
    expect(validateLine(line)).toEqual([]);
  });
  it("ignores the keys ListDatasetEntries adds and keys the format does not define", () => {
    const line = classificationLine();
    line["cl-metadata"] = { is_labeled: true };
    line.errors = [{ code: "X", message: "y" }];
    line["cl-errors"] = [];
    line.warnings = [];
    line["my-notes"] = "anything";
    line.counter = 3;
    line["orphan-metadata"] = { note: "no type, so not an attribute" };
    expect(validateLine(line)).toEqual([]);
  });
});

describe("validateLine: values that are not lines", () => {
  it.each([null, 3, "text", [1, 2], true])("reports %j as INVALID_JSON rather than throwing", (value) => {
    expect(codes(validateLine(value))).toEqual(["INVALID_JSON"]);
  });
});

describe("validateLine: source-ref", () => {
  it("ERROR_MISSING_SOURCE_REF when the key is absent", () => {
    const line = classificationLine();
    delete line["source-ref"];
    expect(codes(validateLine(line))).toEqual(["ERROR_MISSING_SOURCE_REF"]);
  });
  it.each([
    ["not a string", 42],
    ["another scheme", "https://bucket/key.jpg"],
    ["no key", "s3://bucket"],
    ["an empty key", "s3://bucket/"],
    ["an empty bucket", "s3:///key.jpg"],
    ["a bucket with a space", "s3://my bucket/key.jpg"],
    ["a bucket with a colon", "s3://my:bucket/key.jpg"],
    ["a bucket over 255 characters", `s3://${"a".repeat(256)}/k.jpg`],
  ])("ERROR_INVALID_SOURCE_REF_FORMAT for %s", (_name, value) => {
    const line = classificationLine();
    line["source-ref"] = value;
    const problem = find(validateLine(line), "ERROR_INVALID_SOURCE_REF_FORMAT");
    expect(problem.path).toBe("source-ref");
    expect(problem.severity).toBe("error");
  });
  it.each([
    "s3://my-bucket/images/a.jpg",
    "s3://my.bucket.example/deep/path/with spaces/é.png",
    "s3://Legacy_Bucket/x",
  ])("accepts %s", (value) => {
    const line = classificationLine();
    line["source-ref"] = value;
    expect(validateLine(line)).toEqual([]);
  });
  it("splits a source-ref into bucket and key", () => {
    expect(parseSourceRef("s3://my-bucket/a/b.jpg")).toEqual({ bucket: "my-bucket", key: "a/b.jpg" });
    expect(parseSourceRef("s3://my-bucket/")).toBeUndefined();
    expect(parseSourceRef(7)).toBeUndefined();
  });
  it("cuts a very long value in the message", () => {
    const line = classificationLine();
    line["source-ref"] = `gs://${"x".repeat(5000)}`;
    const problem = find(validateLine(line), "ERROR_INVALID_SOURCE_REF_FORMAT");
    expect(problem.message.length).toBeLessThan(300);
  });
});

describe("validateLine: label attributes", () => {
  it("ERROR_NO_LABEL_ATTRIBUTES when the line only names the image", () => {
    expect(codes(validateLine({ "source-ref": "s3://bucket/a.jpg" }))).toEqual(["ERROR_NO_LABEL_ATTRIBUTES"]);
  });
  it("ERROR_NO_LABEL_ATTRIBUTES, and the half that is there, for a -metadata without its attribute", () => {
    const line = classificationLine();
    delete line.sunrise;
    const problems = validateLine(line);
    expect(find(problems, "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe("sunrise");
    expect(codes(problems)).toContain("ERROR_NO_LABEL_ATTRIBUTES");
  });
  it("ERROR_NO_LABEL_ATTRIBUTES, and the half that is there, for a bounding-box attribute without its -metadata", () => {
    const line = detectionLine();
    delete line["bounding-box-metadata"];
    const problems = validateLine(line);
    expect(find(problems, "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "bounding-box-metadata",
    );
    expect(codes(problems)).toContain("ERROR_NO_LABEL_ATTRIBUTES");
  });
  it("reports half an attribute without ERROR_NO_LABEL_ATTRIBUTES when a whole one is on the line", () => {
    const line = { ...classificationLine(), "boxes-metadata": { type: "groundtruth/object-detection" } };
    expect(codes(validateLine(line))).toEqual(["ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT"]);
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT for metadata that is not an object", () => {
    const line = classificationLine();
    line["sunrise-metadata"] = "Sunrise";
    expect(codes(validateLine(line))).toEqual([
      "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT",
      "ERROR_NO_VALID_LABEL_ATTRIBUTES",
    ]);
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for an image-level value that is not an integer", () => {
    const line = classificationLine();
    line.sunrise = "yes";
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe("sunrise");
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for a bounding-box value that is not an object", () => {
    const line = detectionLine();
    line["bounding-box"] = [1, 2];
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe("bounding-box");
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for annotations that are not a list", () => {
    const line = detectionLine();
    line["bounding-box"].annotations = {};
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe(
      "bounding-box.annotations",
    );
  });
  it("ERROR_NO_VALID_LABEL_ATTRIBUTES when every attribute is broken, not when one is fine", () => {
    const broken = classificationLine();
    broken["sunrise-metadata"].confidence = 2;
    expect(codes(validateLine(broken))).toContain("ERROR_NO_VALID_LABEL_ATTRIBUTES");
    const mixed: Loose = { ...broken, ...detectionLine(), "source-ref": "s3://bucket/a.jpg" };
    mixed["sunrise-metadata"] = { ...broken["sunrise-metadata"] };
    expect(codes(validateLine(mixed))).not.toContain("ERROR_NO_VALID_LABEL_ATTRIBUTES");
  });
  it("never treats source-ref-metadata or cl-metadata as an attribute", () => {
    const line = classificationLine();
    line["source-ref-metadata"] = { type: "groundtruth/image-classification" };
    line["cl-metadata"] = { type: "whatever" };
    expect(validateLine(line)).toEqual([]);
  });
});

describe("validateLine: type", () => {
  it("ERROR_UNSUPPORTED_USE_CASE_TYPE for SageMaker's multilabel type, pointing to the converter", () => {
    const line = classificationLine();
    line.sunrise = [0, 1];
    line["sunrise-metadata"].type = "groundtruth/image-classification-multilabel";
    const problem = find(validateLine(line), "ERROR_UNSUPPORTED_USE_CASE_TYPE");
    expect(problem.path).toBe("sunrise-metadata.type");
    expect(problem.message).toContain("fromMultiLabel");
  });
  it("ERROR_UNSUPPORTED_USE_CASE_TYPE for an unknown type", () => {
    const line = classificationLine();
    line["sunrise-metadata"].type = "groundtruth/semantic-segmentation";
    expect(codes(validateLine(line))).toContain("ERROR_UNSUPPORTED_USE_CASE_TYPE");
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT when type is missing", () => {
    const line = classificationLine();
    delete line["sunrise-metadata"].type;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.type",
    );
  });
});

describe("validateLine: metadata fields", () => {
  it.each([-0.1, 1.5, "1", null])("rejects confidence %j", (value) => {
    const line = classificationLine();
    line["sunrise-metadata"].confidence = value;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.confidence",
    );
  });
  it.each([0, 0.5, 1])("accepts confidence %j", (value) => {
    const line = classificationLine();
    line["sunrise-metadata"].confidence = value;
    expect(validateLine(line)).toEqual([]);
  });
  it.each(["Yes", true, undefined])("rejects human-annotated %j", (value) => {
    const line = classificationLine();
    line["sunrise-metadata"]["human-annotated"] = value;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.human-annotated",
    );
  });
  it("accepts human-annotated no", () => {
    const line = classificationLine();
    line["sunrise-metadata"]["human-annotated"] = "no";
    expect(validateLine(line)).toEqual([]);
  });
  it("rejects a job-name that is not a string", () => {
    const line = classificationLine();
    line["sunrise-metadata"]["job-name"] = 7;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.job-name",
    );
  });
  it("rejects a missing class-name", () => {
    const line = classificationLine();
    delete line["sunrise-metadata"]["class-name"];
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.class-name",
    );
  });
});

describe("creation-date", () => {
  it.each([
    "2020-03-06T17:46:39",
    "2020-03-06T17:46:39Z",
    "2020-03-06T17:46:39.1",
    "2020-03-06T17:46:39.176",
    "2020-03-06T17:46:39.176Z",
    "2020-03-06T17:46:39.123456",
    "2020-03-06T17:46:39.123456Z",
    "2024-02-29T00:00:00",
  ])("accepts %s", (value) => {
    expect(isCreationDate(value)).toBe(true);
    const line = classificationLine();
    line["sunrise-metadata"]["creation-date"] = value;
    expect(validateLine(line)).toEqual([]);
  });
  it.each([
    "2020-03-06",
    "2020-03-06 17:46:39",
    "2020-03-06T17:46:39.1234567",
    "2020-03-06T17:46:39+02:00",
    "2020-03-06T17:46:39.z",
    "2020-13-06T17:46:39",
    "2023-02-29T00:00:00",
    "2020-04-31T00:00:00",
    "2020-03-06T24:00:00",
    "2020-03-06T23:60:00",
    1583516799000,
  ])("rejects %j", (value) => {
    expect(isCreationDate(value)).toBe(false);
    const line = classificationLine();
    line["sunrise-metadata"]["creation-date"] = value;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "sunrise-metadata.creation-date",
    );
  });
});

describe("validateLine: label names", () => {
  it("ERROR_INVALID_LABEL_NAME_LENGTH for an empty class-name", () => {
    const line = classificationLine();
    line["sunrise-metadata"]["class-name"] = "";
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_NAME_LENGTH").path).toBe(
      "sunrise-metadata.class-name",
    );
  });
  it("ERROR_INVALID_LABEL_NAME_LENGTH for a 256-character class-map label", () => {
    const line = detectionLine();
    line["bounding-box-metadata"]["class-map"]["1"] = "x".repeat(256);
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_NAME_LENGTH").path).toBe(
      "bounding-box-metadata.class-map.1",
    );
  });
  it("accepts 255 characters, counting an emoji as one character", () => {
    const line = classificationLine();
    line["sunrise-metadata"]["class-name"] = "😀".repeat(255);
    expect(validateLine(line)).toEqual([]);
    line["sunrise-metadata"]["class-name"] = "😀".repeat(256);
    expect(codes(validateLine(line))).toContain("ERROR_INVALID_LABEL_NAME_LENGTH");
  });
});

describe("validateLine: label names a naive CSV split leaves", () => {
  it.each([" cat", "cat ", '"big', 'cat"', "'cat'", "\tcat", "cat\u00a0", "\u3000cat"])(
    "UNTRIMMED_LABEL_NAME, a warning only, for the class-name %j",
    (name) => {
      const line = classificationLine();
      line["sunrise-metadata"]["class-name"] = name;
      expect(validateLine(line)).toEqual([
        expect.objectContaining({
          code: "UNTRIMMED_LABEL_NAME",
          path: "sunrise-metadata.class-name",
          severity: "warning",
        }),
      ]);
    },
  );
  it("UNTRIMMED_LABEL_NAME for a class-map label, naming its id", () => {
    const line = detectionLine();
    line["bounding-box-metadata"]["class-map"]["1"] = " Echo Dot";
    expect(validateLine(line)).toEqual([
      expect.objectContaining({
        code: "UNTRIMMED_LABEL_NAME",
        path: "bounding-box-metadata.class-map.1",
        severity: "warning",
      }),
    ]);
  });
  it.each(['12" pipe', "Kid's bike", "Crème brûlée", "日の出"])("accepts %j", (name) => {
    const line = classificationLine();
    line["sunrise-metadata"]["class-name"] = name;
    expect(validateLine(line)).toEqual([]);
  });
});

describe("validateLine: a class index written as a string", () => {
  it('STRING_CLASS_INDEX, a warning only, for "species": "0" (the SageMaker guide\'s own example)', () => {
    const line = classificationLine();
    line.sunrise = "0";
    expect(validateLine(line)).toEqual([
      expect.objectContaining({ code: "STRING_CLASS_INDEX", path: "sunrise", severity: "warning" }),
    ]);
  });
  it.each(["yes", "1.5", "-1", ""])("still an ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for %j", (value) => {
    const line = classificationLine();
    line.sunrise = value;
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").severity).toBe("error");
  });
});

describe("validateLine: labels per image", () => {
  function withClassifications(n: number): Loose {
    const line: Loose = { "source-ref": "s3://bucket/a.jpg" };
    const metadata = classificationLine()["sunrise-metadata"];
    for (let i = 0; i < n; i++) {
      line[`l${i}`] = 1;
      line[`l${i}-metadata`] = { ...metadata, "class-name": `label ${i}` };
    }
    return line;
  }
  it("TOO_MANY_LABELS over 50 distinct labels on one image", () => {
    expect(codes(validateLine(withClassifications(51)))).toEqual(["TOO_MANY_LABELS"]);
  });
  it("accepts exactly 50 labels", () => {
    expect(validateLine(withClassifications(50))).toEqual([]);
  });
  it("counts a label used by boxes and by an image-level attribute once", () => {
    const line = { ...withClassifications(50), ...detectionWithBoxes(1) };
    line["source-ref"] = "s3://bucket/a.jpg";
    line["bounding-box-metadata"]["class-map"]["0"] = "label 0";
    expect(validateLine(line)).toEqual([]);
    line["bounding-box-metadata"]["class-map"]["0"] = "another";
    expect(codes(validateLine(line))).toEqual(["TOO_MANY_LABELS"]);
  });
});

describe("validateLine: bounding boxes", () => {
  it("ERROR_MISSING_CLASS_MAP_ID when a class_id is not in the class-map", () => {
    const line = detectionLine();
    line["bounding-box"].annotations[0].class_id = 2;
    expect(find(validateLine(line), "ERROR_MISSING_CLASS_MAP_ID").path).toBe(
      "bounding-box.annotations[0].class_id",
    );
  });
  it("accepts class ids that are not contiguous", () => {
    const line = detectionLine();
    line["bounding-box"].annotations[0].class_id = 7;
    line["bounding-box-metadata"]["class-map"] = { "7": "Echo Dot" };
    expect(validateLine(line)).toEqual([]);
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for a class_id that is not an integer", () => {
    const line = detectionLine();
    line["bounding-box"].annotations[0].class_id = "1";
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe(
      "bounding-box.annotations[0].class_id",
    );
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT for a class-map that is not an object", () => {
    const line = detectionLine();
    line["bounding-box-metadata"]["class-map"] = ["Echo Dot"];
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "bounding-box-metadata.class-map",
    );
  });
  it("ERROR_MISSING_BOUNDING_BOX_CONFIDENCE for a box with no objects entry", () => {
    const line = detectionLine();
    line["bounding-box-metadata"].objects = [];
    expect(find(validateLine(line), "ERROR_MISSING_BOUNDING_BOX_CONFIDENCE").path).toBe(
      "bounding-box-metadata.objects[0].confidence",
    );
  });
  it("ERROR_MISSING_BOUNDING_BOX_CONFIDENCE for an objects entry without confidence", () => {
    const line = detectionLine();
    line["bounding-box-metadata"].objects = [{}];
    expect(codes(validateLine(line))).toContain("ERROR_MISSING_BOUNDING_BOX_CONFIDENCE");
  });
  it("rejects a box confidence out of range, and objects longer than annotations", () => {
    const line = detectionLine();
    line["bounding-box-metadata"].objects = [{ confidence: 3 }, { confidence: 1 }];
    const problems = validateLine(line);
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "bounding-box-metadata.objects",
        "bounding-box-metadata.objects[0].confidence",
      ]),
    );
  });
  it("rejects objects that are not a list", () => {
    const line = detectionLine();
    line["bounding-box-metadata"].objects = { confidence: 1 };
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "bounding-box-metadata.objects",
    );
  });
  it.each(["left", "top", "width", "height"])("ERROR_INVALID_BOUNDING_BOX for a negative %s", (field) => {
    const line = detectionLine();
    line["bounding-box"].annotations[0][field] = -1;
    expect(find(validateLine(line), "ERROR_INVALID_BOUNDING_BOX").path).toBe(
      `bounding-box.annotations[0].${field}`,
    );
  });
  it.each(["left", "top", "width", "height"])(
    "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT, not ERROR_INVALID_BOUNDING_BOX, for a missing %s",
    (field) => {
      const line = detectionLine();
      delete line["bounding-box"].annotations[0][field];
      const problems = validateLine(line);
      expect(find(problems, "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe(
        `bounding-box.annotations[0].${field}`,
      );
      expect(codes(problems)).not.toContain("ERROR_INVALID_BOUNDING_BOX");
    },
  );
  it.each(["left", "top", "width", "height"])(
    "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for a %s that is a string",
    (field) => {
      const line = detectionLine();
      line["bounding-box"].annotations[0][field] = "10";
      expect(codes(validateLine(line))).toEqual([
        "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
        "ERROR_NO_VALID_ANNOTATIONS",
        "ERROR_NO_VALID_LABEL_ATTRIBUTES",
      ]);
    },
  );
  it("ERROR_INVALID_BOUNDING_BOX for a box past the right or bottom edge, naming the box", () => {
    const right = detectionLine();
    right["bounding-box"].annotations[0].left = 500; // 500 + 155 > 640
    expect(find(validateLine(right), "ERROR_INVALID_BOUNDING_BOX").path).toBe("bounding-box.annotations[0]");
    const bottom = detectionLine();
    bottom["bounding-box"].annotations[0].top = 380; // 380 + 101 > 480
    expect(codes(validateLine(bottom))).toContain("ERROR_INVALID_BOUNDING_BOX");
  });
  it("accepts a box that touches the image's edges exactly", () => {
    const line = detectionLine();
    Object.assign(line["bounding-box"].annotations[0], { left: 0, top: 0, width: 640, height: 480 });
    expect(validateLine(line)).toEqual([]);
  });
  it("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT for an annotation that is not an object", () => {
    const line = detectionLine();
    line["bounding-box"].annotations[0] = 5;
    const problems = validateLine(line);
    expect(find(problems, "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe("bounding-box.annotations[0]");
    expect(codes(problems)).not.toContain("ERROR_INVALID_BOUNDING_BOX");
  });
  it("ERROR_BOUNDING_BOX_TOO_SMALL for a box 1 px or less once a 4096 px image is scaled to 1280", () => {
    const line = detectionLine();
    line["bounding-box"].image_size[0] = { width: 4096, height: 2048, depth: 3 };
    Object.assign(line["bounding-box"].annotations[0], { left: 10, top: 10, width: 3, height: 50 }); // 3 * 0.3125 < 1
    expect(find(validateLine(line), "ERROR_BOUNDING_BOX_TOO_SMALL").path).toBe("bounding-box.annotations[0]");
    line["bounding-box"].annotations[0].width = 4; // 1.25 px after scaling
    expect(validateLine(line)).toEqual([]);
  });
  it("ERROR_BOUNDING_BOX_TOO_SMALL for a 1x1 box in a small image, not for 2x2", () => {
    const line = detectionLine();
    Object.assign(line["bounding-box"].annotations[0], { width: 1, height: 1 });
    expect(codes(validateLine(line))).toContain("ERROR_BOUNDING_BOX_TOO_SMALL");
    Object.assign(line["bounding-box"].annotations[0], { width: 2, height: 2 });
    expect(validateLine(line)).toEqual([]);
  });
  it("ERROR_TOO_MANY_BOUNDING_BOXES over 50 boxes, and accepts 50", () => {
    expect(validateLine(detectionWithBoxes(50))).toEqual([]);
    const problems = validateLine(detectionWithBoxes(51));
    expect(find(problems, "ERROR_TOO_MANY_BOUNDING_BOXES").path).toBe("bounding-box.annotations");
  });
  it("ERROR_NO_VALID_ANNOTATIONS when every box is broken, not when one is fine", () => {
    const line = detectionWithBoxes(2);
    line["bounding-box"].annotations[0].width = -1;
    expect(codes(validateLine(line))).not.toContain("ERROR_NO_VALID_ANNOTATIONS");
    line["bounding-box"].annotations[1].width = -1;
    expect(codes(validateLine(line))).toContain("ERROR_NO_VALID_ANNOTATIONS");
  });
  it("NON_INTEGER_COORDINATE is a warning only", () => {
    const line = detectionLine();
    line["bounding-box"].annotations[0].left = 399.5;
    const problems = validateLine(line);
    expect(problems).toEqual([
      expect.objectContaining({ code: "NON_INTEGER_COORDINATE", severity: "warning" }),
    ]);
  });
});

describe("validateLine: image_size", () => {
  it.each([
    ["a side under 64", [{ width: 63, height: 480 }], "bounding-box.image_size[0].width"],
    ["a side over 4096", [{ width: 640, height: 4097 }], "bounding-box.image_size[0].height"],
    ["a fractional side", [{ width: 640.5, height: 480 }], "bounding-box.image_size[0].width"],
    ["a zero depth", [{ width: 640, height: 480, depth: 0 }], "bounding-box.image_size[0].depth"],
  ])("ERROR_INVALID_IMAGE_DIMENSION for %s", (_name, imageSize, path) => {
    const line = detectionLine();
    line["bounding-box"].image_size = imageSize;
    const problems = validateLine(line);
    expect(find(problems, "ERROR_INVALID_IMAGE_DIMENSION").path).toBe(path);
    expect(codes(problems)).not.toContain("ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT");
  });
  it.each([
    [
      "two elements",
      [
        { width: 640, height: 480 },
        { width: 640, height: 480 },
      ],
      "bounding-box.image_size",
    ],
    ["an object instead of a list", { width: 640, height: 480 }, "bounding-box.image_size"],
    ["a list of a number", [640], "bounding-box.image_size"],
    ["no height", [{ width: 640, depth: 3 }], "bounding-box.image_size[0].height"],
    ["a width written as a string", [{ width: "640", height: 480 }], "bounding-box.image_size[0].width"],
    [
      "a depth written as a string",
      [{ width: 640, height: 480, depth: "3" }],
      "bounding-box.image_size[0].depth",
    ],
  ])(
    "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT, not ERROR_INVALID_IMAGE_DIMENSION, for %s",
    (_name, imageSize, path) => {
      const line = detectionLine();
      line["bounding-box"].image_size = imageSize;
      const problems = validateLine(line);
      expect(find(problems, "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT").path).toBe(path);
      expect(codes(problems)).not.toContain("ERROR_INVALID_IMAGE_DIMENSION");
    },
  );
  it("accepts 64 and 4096 and no depth", () => {
    const line = detectionLine();
    line["bounding-box"].image_size = [{ width: 1280, height: 64 }];
    line["bounding-box"].annotations[0] = { class_id: 1, top: 0, left: 0, width: 100, height: 64 };
    expect(validateLine(line)).toEqual([]);
    line["bounding-box"].image_size = [{ width: 4096, height: 4096 }];
    expect(validateLine(line)).toEqual([]);
  });

  it("ERROR_INVALID_IMAGE_DIMENSION for sides more than 20:1 apart", () => {
    const line = detectionLine();
    line["bounding-box"].image_size = [{ width: 4096, height: 64 }];
    line["bounding-box"].annotations[0] = { class_id: 1, top: 0, left: 0, width: 100, height: 64 };
    const problem = find(validateLine(line), "ERROR_INVALID_IMAGE_DIMENSION");
    expect(problem).toMatchObject({ path: "bounding-box.image_size[0]", severity: "error" });
    expect(problem.message).toMatch(/4096x64.*20:1/);
  });
});

describe("validateLine: attributes without labels", () => {
  it("WARNING_NO_ATTRIBUTE_ANNOTATIONS on the attribute and WARNING_NO_ANNOTATIONS on the line, as the guide's example shows", () => {
    const problems = validateLine(detectionWithBoxes(0));
    expect(problems.map((p) => [p.code, p.path, p.severity])).toEqual([
      ["WARNING_NO_ATTRIBUTE_ANNOTATIONS", "bounding-box.annotations", "warning"],
      ["WARNING_NO_ANNOTATIONS", "", "warning"],
    ]);
  });
  it("WARNING_NO_ATTRIBUTE_ANNOTATIONS for a machine-annotated box attribute with no boxes", () => {
    const line = detectionWithBoxes(0);
    line["bounding-box-metadata"]["human-annotated"] = "no";
    expect(codes(validateLine(line))).toContain("WARNING_NO_ATTRIBUTE_ANNOTATIONS");
  });
  it("WARNING_UNANNOTATED_RECORD when no attribute carries a label and none is an empty human-annotated one", () => {
    const line = detectionWithBoxes(0);
    line["bounding-box-metadata"]["human-annotated"] = "no";
    expect(codes(validateLine(line))).toEqual([
      "WARNING_NO_ATTRIBUTE_ANNOTATIONS",
      "WARNING_UNANNOTATED_RECORD",
    ]);
  });
  it("no line-level warning when another attribute carries a label", () => {
    const mixed = { ...detectionWithBoxes(0), ...classificationLine() };
    expect(codes(validateLine(mixed))).toEqual(["WARNING_NO_ATTRIBUTE_ANNOTATIONS"]);
  });
});

describe("validateLine: every problem", () => {
  it("is reported with a path and a message that does not carry the whole line", () => {
    const line = detectionWithBoxes(3);
    line.padding = "p".repeat(MAX_LINE_CHARACTERS / 2);
    line["bounding-box"].annotations[1] = {
      class_id: 99,
      top: -5,
      left: "x".repeat(10_000),
      width: 1,
      height: 1,
    };
    const problems = validateLine(line);
    expect(problems.length).toBeGreaterThan(2);
    for (const problem of problems) expect(problem.message.length).toBeLessThan(400);
  });
});

describe("validateLine: review findings", () => {
  it("ERROR_TOO_MANY_BOUNDING_BOXES for more than 50 boxes over two attributes of one image", () => {
    const one = detectionWithBoxes(30);
    const line: Record<string, unknown> = {
      ...one,
      "shelf-boxes": one["bounding-box"],
      "shelf-boxes-metadata": one["bounding-box-metadata"],
    };
    const problem = find(validateLine(line), "ERROR_TOO_MANY_BOUNDING_BOXES");
    expect(problem).toMatchObject({ path: "", severity: "error" });
    expect(problem.message).toMatch(/60 boxes/);
    expect(validateLine(detectionWithBoxes(50))).toEqual([]);
  });

  it("reports objects that pair with no annotation, even when there are no annotations", () => {
    const line = detectionWithBoxes(0);
    (line["bounding-box-metadata"] as { objects: unknown[] }).objects = [
      { confidence: 1 },
      { confidence: 1 },
    ];
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "bounding-box-metadata.objects",
    );
  });

  it("never takes an empty creation-date for a good one, even in a fresh module", async () => {
    vi.resetModules();
    const fresh = await import("../../src/manifest/validate/creation-date.js");
    expect(fresh.isCreationDate("")).toBe(false);
    const line = detectionLine();
    (line["bounding-box-metadata"] as Record<string, unknown>)["creation-date"] = "";
    expect(find(validateLine(line), "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT").path).toBe(
      "bounding-box-metadata.creation-date",
    );
  });
});
