import { describe, expect, it } from "vitest";
import { inOneBucket } from "../../src/client/upload/one-bucket.js";
import { readUploadSource, type UploadRecord } from "../../src/client/upload/source.js";
import { uploadDataset } from "../../src/client/upload/upload.js";
import { isInvalidLinesError } from "../../src/errors/invalid-lines-error.js";
import { collect } from "../support/async.js";
import { labelLine } from "../support/lines.js";
import { ARN, FakeOperations } from "./fake-operations.js";

function inBucket(n: number, bucket: string) {
  const line = labelLine(n);
  return { ...line, "source-ref": line["source-ref"].replace(/^s3:\/\/[^/]+/, `s3://${bucket}`) };
}

/** Every record of `items` after the one-bucket check. */
function readInOneBucket(items: readonly unknown[]): Promise<UploadRecord[]> {
  return collect(inOneBucket(readUploadSource(items as never)));
}

describe("inOneBucket", () => {
  it("flags each line whose image is in another bucket than the first line's", async () => {
    const records = await readInOneBucket([
      inBucket(1, "a"),
      inBucket(2, "b"),
      inBucket(3, "a"),
      inBucket(4, "c"),
    ]);
    expect(records.map((record) => record.problems.map((problem) => problem.code))).toEqual([
      [],
      ["ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"],
      [],
      ["ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"],
    ]);
    expect(records[1]?.problems[0]).toMatchObject({ severity: "error", lineNumber: 2, path: "source-ref" });
  });

  it("lets only a sendable line decide the bucket", async () => {
    const broken = {
      ...inBucket(1, "other"),
      "label0-metadata": { type: "groundtruth/image-classification" },
    };
    const records = await readInOneBucket([broken, inBucket(2, "a"), inBucket(3, "a")]);
    expect(
      records[0]?.problems.some((problem) => problem.code === "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"),
    ).toBe(false);
    expect(records.slice(1).map((record) => record.problems)).toEqual([[], []]);
  });
});

describe("uploadDataset and buckets", () => {
  it("stops before the first request when a line's image is in another bucket", async () => {
    const operations = new FakeOperations();
    const error = await uploadDataset(operations, ARN, [inBucket(1, "a"), inBucket(2, "b")]).catch((e) => e);
    expect(isInvalidLinesError(error)).toBe(true);
    expect(error.invalidLines).toEqual([
      expect.objectContaining({ lineNumber: 2, codes: ["ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"] }),
    ]);
    expect(operations.bodies).toHaveLength(0);
  });
});
