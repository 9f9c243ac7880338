/**
 * The one-bucket rule gives one answer whoever applies it: the dataset checker (before anything is sent)
 * and the upload's own line-by-line check must flag exactly the same lines.
 */
import { describe, expect, it } from "vitest";
import { inOneBucket } from "../../src/client/upload/one-bucket.js";
import type { UploadRecord } from "../../src/client/upload/source.js";
import { checkManifest, DatasetChecker } from "../../src/manifest/dataset-checks.js";
import { parseManifestLine } from "../../src/manifest/parse.js";
import { toJsonLine } from "../../src/manifest/serialize.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { classificationLine } from "./fixtures.js";

function line(sourceRef: string, valid = true): ManifestLine {
  const result = classificationLine();
  result["source-ref"] = sourceRef;
  // An image with no label attribute at all: an error of the line's own, whatever its bucket.
  if (!valid) return { "source-ref": sourceRef } as ManifestLine;
  return result as ManifestLine;
}

function records(lines: readonly ManifestLine[]): UploadRecord[] {
  return lines.map((value, i) => {
    const text = toJsonLine(value);
    const parsed = parseManifestLine(text, i + 1);
    return { lineNumber: i + 1, text, byteLength: text.length, line: value, problems: parsed.problems };
  });
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** Line numbers the upload flags ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS. */
async function flaggedByUpload(lines: readonly ManifestLine[]): Promise<number[]> {
  const flagged: number[] = [];
  for await (const record of inOneBucket(each(records(lines)))) {
    if (record.problems.some((p) => p.code === "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS")) {
      flagged.push(record.lineNumber);
    }
  }
  return flagged;
}

/** Line numbers checkManifest flags, given records that carry their problems. */
async function flaggedByCheckManifest(lines: readonly ManifestLine[]): Promise<number[]> {
  const report = await checkManifest(records(lines));
  return report.lineProblems
    .filter((p) => p.code === "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS")
    .map((p) => p.lineNumber!);
}

/** Line numbers a DatasetChecker flags when given bare lines (it validates them itself). */
function flaggedByChecker(lines: readonly ManifestLine[]): number[] {
  const checker = new DatasetChecker();
  const flagged: number[] = [];
  lines.forEach((value, i) => {
    const problems = checker.check({ lineNumber: i + 1, line: value });
    if (problems.some((p) => p.code === "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS")) flagged.push(i + 1);
  });
  return flagged;
}

const CASES: readonly [string, ManifestLine[], number[]][] = [
  [
    "an invalid first line in bucket A, valid lines in bucket B: nothing flagged",
    [line("s3://bucket-a/1.jpg", false), line("s3://bucket-b/2.jpg"), line("s3://bucket-b/3.jpg")],
    [],
  ],
  [
    "valid lines in A then B: B flagged",
    [line("s3://bucket-a/1.jpg"), line("s3://bucket-b/2.jpg"), line("s3://bucket-a/3.jpg")],
    [2],
  ],
  [
    "an invalid line elsewhere is not flagged again: it is not sent anyway",
    [line("s3://bucket-a/1.jpg"), line("s3://bucket-b/2.jpg", false), line("s3://bucket-c/3.jpg")],
    [3],
  ],
  [
    "a malformed source-ref neither sets the bucket nor is flagged",
    [line("https://bucket-a/1.jpg"), line("s3://bucket-b/2.jpg"), line("s3://bucket-b/3.jpg")],
    [],
  ],
];

describe("the one-bucket rule: DatasetChecker and the upload agree", () => {
  it.each(CASES)("%s", async (_name, lines, expected) => {
    const upload = await flaggedByUpload(lines);
    expect(upload).toEqual(expected);
    expect(await flaggedByCheckManifest(lines)).toEqual(upload);
    expect(flaggedByChecker(lines)).toEqual(upload);
  });

  it("reports the dataset's bucket as the first sendable line's", async () => {
    const report = await checkManifest(records(CASES[0]![1]));
    expect(report.bucketNames).toEqual(["bucket-b"]);
  });
});
