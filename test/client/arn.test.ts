import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertDatasetArn, isDatasetArn } from "../../src/client/arn.js";
import { isInvalidDatasetArnError } from "../../src/errors/invalid-dataset-arn-error.js";
import { DATASET_ARN } from "../support/rekognition.js";

describe("dataset ARN check", () => {
  it("accepts a train and a test dataset ARN", () => {
    expect(() => assertDatasetArn(DATASET_ARN)).not.toThrow();
    expect(isDatasetArn(DATASET_ARN.replace("/train/", "/test/"))).toBe(true);
    expect(
      isDatasetArn("arn:aws-cn:rekognition:cn-north-1:123456789012:project/p_1.x-y/dataset/test/1"),
    ).toBe(true);
  });

  it.each([
    ["a project ARN", "arn:aws:rekognition:us-east-1:123456789012:project/my-project/1690000000000"],
    ["a validation dataset", "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/validation/1"],
    ["an 11-digit account", "arn:aws:rekognition:us-east-1:12345678901:project/p/dataset/train/1"],
    ["another service", "arn:aws:s3:us-east-1:123456789012:project/p/dataset/train/1"],
    ["an empty string", ""],
  ])("refuses %s with InvalidDatasetArnError", (_, arn) => {
    let caught: unknown;
    try {
      assertDatasetArn(arn);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidDatasetArnError(caught)).toBe(true);
    expect((caught as { datasetArn: string }).datasetArn).toBe(arn);
  });

  it("refuses an ARN over 2048 characters, quoting only its start", () => {
    const arn = `arn:aws:rekognition:us-east-1:123456789012:project/${"p".repeat(2100)}/dataset/train/1`;
    expect(() => assertDatasetArn(arn)).toThrow(/length \d+ is outside 20\.\.2048/);
    try {
      assertDatasetArn(arn);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(600);
    }
  });

  it("refuses a value that is not a string", () => {
    expect(() => assertDatasetArn(42)).toThrow(/not a string/);
    expect(isDatasetArn(undefined)).toBe(false);
  });

  it("agrees with isDatasetArn on any string", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        let threw = false;
        try {
          assertDatasetArn(value);
        } catch (error) {
          threw = isInvalidDatasetArnError(error);
        }
        return threw === !isDatasetArn(value);
      }),
    );
  });
});
