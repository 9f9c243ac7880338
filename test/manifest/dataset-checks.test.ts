import { describe, expect, it } from "vitest";
import {
  checkManifest,
  DatasetChecker,
  type DuplicateSourceRefProblem,
} from "../../src/manifest/dataset-checks.js";
import { readManifest } from "../../src/manifest/reader.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { classificationLine, detectionLine } from "./fixtures.js";

function labelled(sourceRef: string, label: string): ManifestLine {
  const line = classificationLine();
  line["source-ref"] = sourceRef;
  line["sunrise-metadata"]["class-name"] = label;
  return line as ManifestLine;
}

function boxes(sourceRef: string, labels: string[]): ManifestLine {
  const line = detectionLine();
  line["source-ref"] = sourceRef;
  line["bounding-box-metadata"]["class-map"] = Object.fromEntries(
    labels.map((label, i) => [String(i), label]),
  );
  line["bounding-box-metadata"].objects = labels.map(() => ({ confidence: 1 }));
  line["bounding-box"].annotations = labels.map((_, i) => ({
    class_id: i,
    top: 1,
    left: 1,
    width: 10,
    height: 10,
  }));
  return line as ManifestLine;
}

describe("DatasetChecker: duplicate images", () => {
  it("reports a repeated source-ref with both line numbers, and the first line number in a field", () => {
    const checker = new DatasetChecker();
    expect(checker.check({ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") })).toEqual([]);
    expect(checker.check({ lineNumber: 2, line: labelled("s3://bucket/b.jpg", "dog") })).toEqual([]);
    const [problem] = checker.check({ lineNumber: 5, line: labelled("s3://bucket/a.jpg", "dog") });
    expect(problem).toMatchObject({
      code: "DUPLICATE_SOURCE_REF",
      severity: "error",
      path: "source-ref",
      lineNumber: 5,
      firstLineNumber: 1,
    });
    expect((problem as DuplicateSourceRefProblem).firstLineNumber).toBe(1);
    expect(problem!.message).toContain("Line 5");
    expect(problem!.message).toContain("line 1");
    // A third copy still points to the first.
    expect(checker.check({ lineNumber: 9, line: labelled("s3://bucket/a.jpg", "dog") })[0]).toMatchObject({
      firstLineNumber: 1,
    });
    expect(checker.finish().images).toBe(2);
  });
  it("ignores records that did not parse", () => {
    const checker = new DatasetChecker();
    expect(checker.check({ lineNumber: 1 })).toEqual([]);
    expect(checker.finish()).toMatchObject({ lines: 1, images: 0 });
  });
});

describe("DatasetChecker: one bucket", () => {
  it("reports a line whose bucket differs from the first line's, naming both buckets", () => {
    const checker = new DatasetChecker();
    checker.check({ lineNumber: 1, line: labelled("s3://first-bucket/a.jpg", "cat") });
    expect(checker.check({ lineNumber: 2, line: labelled("s3://first-bucket/b.jpg", "dog") })).toEqual([]);
    const [problem] = checker.check({ lineNumber: 3, line: labelled("s3://other-bucket/c.jpg", "dog") });
    expect(problem).toMatchObject({
      code: "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS",
      lineNumber: 3,
      severity: "error",
    });
    expect(problem!.message).toContain("other-bucket");
    expect(problem!.message).toContain("first-bucket");
    expect(checker.finish()).toMatchObject({ buckets: 2, bucketNames: ["first-bucket", "other-bucket"] });
  });
  it("checks against a bucket given up front", () => {
    const checker = new DatasetChecker({ bucket: "dataset-bucket" });
    expect(checker.check({ lineNumber: 1, line: labelled("s3://mine/a.jpg", "cat") })[0]?.code).toBe(
      "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS",
    );
  });
  it("leaves a malformed source-ref to the line validator", () => {
    const checker = new DatasetChecker();
    checker.check({ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") });
    expect(checker.check({ lineNumber: 2, line: labelled("https://x/y", "cat") })).toEqual([]);
  });
});

describe("DatasetChecker: label count", () => {
  it("counts distinct labels from class names and boxes", () => {
    const checker = new DatasetChecker();
    checker.check({ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") });
    checker.check({ lineNumber: 2, line: boxes("s3://bucket/b.jpg", ["cat", "dog", "dog"]) });
    const summary = checker.finish();
    expect(summary).toMatchObject({
      lines: 2,
      images: 2,
      labels: 2,
      labelNames: ["cat", "dog"],
      kind: "detection",
    });
    expect(summary.problems).toEqual([]);
  });
  it("ERROR_MANIFEST_TOO_MANY_LABELS over 250 labels, and not at 250", () => {
    const checker = new DatasetChecker();
    for (let i = 0; i < 250; i++)
      checker.check({ lineNumber: i + 1, line: labelled(`s3://bucket/${i}.jpg`, `l${i}`) });
    expect(checker.finish().problems).toEqual([]);
    checker.check({ lineNumber: 251, line: labelled("s3://bucket/251.jpg", "one more") });
    const summary = checker.finish();
    expect(summary.labels).toBe(251);
    expect(summary.problems.map((p) => [p.code, p.severity])).toEqual([
      ["ERROR_MANIFEST_TOO_MANY_LABELS", "error"],
    ]);
  });
  it("warns under 2 labels for classification", () => {
    const checker = new DatasetChecker();
    checker.check({ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") });
    checker.check({ lineNumber: 2, line: labelled("s3://bucket/b.jpg", "cat") });
    const summary = checker.finish();
    expect(summary.kind).toBe("classification");
    expect(summary.problems).toEqual([
      expect.objectContaining({ code: "ERROR_MANIFEST_TOO_FEW_LABELS", severity: "warning" }),
    ]);
  });
  it("accepts one label for detection, warns at none", () => {
    const one = new DatasetChecker();
    one.check({ lineNumber: 1, line: boxes("s3://bucket/a.jpg", ["cat"]) });
    expect(one.finish().problems).toEqual([]);
    const none = new DatasetChecker({ kind: "detection" });
    none.check({ lineNumber: 1, line: boxes("s3://bucket/a.jpg", []) });
    expect(none.finish().problems.map((p) => p.code)).toEqual(["ERROR_MANIFEST_TOO_FEW_LABELS"]);
  });
  it("warns about an empty manifest", () => {
    expect(new DatasetChecker().finish().problems.map((p) => [p.code, p.severity])).toEqual([
      ["ERROR_EMPTY_MANIFEST", "warning"],
    ]);
  });
});

describe("checkManifest", () => {
  it("gathers line problems and dataset checks over a read manifest", async () => {
    const text = [
      JSON.stringify(labelled("s3://bucket/a.jpg", "cat")),
      "oops",
      JSON.stringify(labelled("s3://bucket/b.jpg", "dog")),
      JSON.stringify(labelled("s3://bucket/a.jpg", "dog")),
    ].join("\n");
    const report = await checkManifest(readManifest({ text }));
    expect(report.lineProblems.map((p) => [p.lineNumber, p.code])).toEqual([
      [2, "INVALID_JSON"],
      [4, "DUPLICATE_SOURCE_REF"],
    ]);
    expect(report).toMatchObject({ lines: 4, images: 2, labels: 2, problems: [] });
  });
  it("takes a plain array of records", async () => {
    const report = await checkManifest([{ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") }], {
      kind: "classification",
    });
    expect(report.problems.map((p) => p.code)).toEqual(["ERROR_MANIFEST_TOO_FEW_LABELS"]);
  });
});

describe("DatasetChecker: the report", () => {
  it("carries the per-line problems the dataset checks reported, in line order", () => {
    const checker = new DatasetChecker();
    checker.check({ lineNumber: 1, line: labelled("s3://bucket/a.jpg", "cat") });
    checker.check({ lineNumber: 2, line: labelled("s3://other/b.jpg", "cat") });
    checker.check({ lineNumber: 3, line: labelled("s3://bucket/a.jpg", "dog") });
    expect(checker.finish().lineProblems.map((p) => [p.lineNumber, p.code])).toEqual([
      [2, "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"],
      [3, "DUPLICATE_SOURCE_REF"],
    ]);
  });
});
