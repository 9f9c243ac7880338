import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeChanges, resolveMaxRequestBytes } from "../../src/client/payload.js";
import { isDatasetError } from "../../src/errors/dataset-error.js";
import type { ManifestValidationError } from "../../src/errors/manifest-validation-error.js";
import {
  isPayloadTooLargeError,
  type PayloadTooLargeError,
} from "../../src/errors/payload-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";
import { folderPerTest } from "../support/files.js";
import { labelLine } from "../support/lines.js";
import { DATASET_ARN } from "../support/rekognition.js";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const json = (n: number, className?: string) => JSON.stringify(labelLine(n, className));

function encode(changes: Parameters<typeof encodeChanges>[1], limit = MAX_GROUND_TRUTH_BYTES) {
  return encodeChanges(DATASET_ARN, changes, limit);
}

async function refusal(changes: Parameters<typeof encodeChanges>[1], limit = MAX_GROUND_TRUTH_BYTES) {
  return encode(changes, limit).then(
    () => {
      throw new Error("expected the changes to be refused");
    },
    (error: unknown) => error,
  );
}

describe("encoding the changes of one request", () => {
  const folder = folderPerTest("payload-");

  it("serializes typed lines one per line, without a trailing newline", async () => {
    const { body, lineCount } = await encode([labelLine(1), labelLine(2)]);
    expect(decode(body)).toBe(`${json(1)}\n${json(2)}`);
    expect(lineCount).toBe(2);
  });

  it("reads a string as a file path, as upload does, never as the manifest itself", async () => {
    const file = join(folder(), "train.manifest");
    await writeFile(file, `${json(1)}\n\n${json(2)}\n`);
    const { body, lineCount } = await encode(file);
    expect(decode(body)).toBe(`${json(1)}\n${json(2)}`);
    expect(lineCount).toBe(2);
    // A path's own text is not a manifest: it is read, and a missing file fails (nothing to send).
    await expect(encode(join(folder(), "missing.manifest"))).rejects.toThrow();
  });

  it("takes `{ text }` as manifest content, and sends string items and bytes", async () => {
    const text = `${json(1)}\n${json(2)}`;
    expect(decode((await encode({ text })).body)).toBe(text);
    expect(decode((await encode([json(1), json(2)])).body)).toBe(text);
    const bytes = new TextEncoder().encode("not even JSON");
    const raw = await encode(bytes, 100);
    expect(raw.body).toBe(bytes);
    expect(raw.lineCount).toBeUndefined();
  });

  it("puts a string item that spans several lines back on one line, counted once", async () => {
    const spread = JSON.stringify(labelLine(1), null, 2);
    const { body, lineCount } = await encode([spread]);
    expect(decode(body)).toBe(json(1));
    expect(lineCount).toBe(1);
  });

  it("refuses a string item holding two lines, which the service would take as two entries", async () => {
    const error = await refusal([`${json(1)}\n${json(2)}`]);
    expect(isDatasetError(error, "ManifestValidationError")).toBe(true);
    expect((error as ManifestValidationError).lineNumber).toBe(1);
  });

  it("refuses a source-ref twice in one request, from strings as from typed lines", async () => {
    for (const changes of [
      [labelLine(1), labelLine(2), labelLine(1, "Sunset")],
      [json(1), json(2), json(1, "Sunset")],
      { text: `${json(1)}\n${json(2)}\n${json(1, "Sunset")}` },
    ]) {
      const error = (await refusal(changes)) as ManifestValidationError;
      expect(error.problems).toEqual([
        expect.objectContaining({ code: "DUPLICATE_SOURCE_REF", lineNumber: 3 }),
      ]);
    }
  });

  it("refuses images in two buckets, as an upload does", async () => {
    const other = { ...labelLine(2), "source-ref": "s3://another-bucket/images/2.jpg" };
    const error = (await refusal([labelLine(1), other])) as ManifestValidationError;
    expect(error.problems.map((problem) => problem.code)).toEqual(["ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS"]);
  });

  it("refuses a payload exactly at the limit and accepts one byte under", async () => {
    const limit = 1000;
    const error = (await refusal(new Uint8Array(limit), limit)) as PayloadTooLargeError;
    expect(isPayloadTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ byteLength: 1000, limit: 1000, datasetArn: DATASET_ARN });
    expect((await encode(new Uint8Array(limit - 1), limit)).body.byteLength).toBe(999);
    // Lines: the body is the lines joined by "\\n".
    const two = `${json(1)}\n${json(2)}`.length;
    expect(isPayloadTooLargeError(await refusal([labelLine(1), labelLine(2)], two))).toBe(true);
    expect((await encode([labelLine(1), labelLine(2)], two + 1)).body.byteLength).toBe(two);
  });

  it("refuses exactly MAX_GROUND_TRUTH_BYTES by default and accepts one byte under", async () => {
    const limit = resolveMaxRequestBytes(undefined);
    expect(limit).toBe(MAX_GROUND_TRUTH_BYTES);
    expect(isPayloadTooLargeError(await refusal(new Uint8Array(limit).fill(0x61), limit))).toBe(true);
    expect((await encode(new Uint8Array(limit - 1).fill(0x61), limit)).body.byteLength).toBe(
      MAX_GROUND_TRUTH_BYTES - 1,
    );
  });

  it("counts multi-byte UTF-8 in bytes, not characters", async () => {
    const line = { ...labelLine(1), note: "日".repeat(400) };
    const error = await refusal([line], 1000);
    expect(error).toMatchObject({ name: "PayloadTooLargeError" });
    expect((error as PayloadTooLargeError).byteLength).toBeGreaterThan(1200);
  });

  it("never puts the payload in the error message", async () => {
    const secret = "s3://bucket/secret-image-name.jpg";
    const error = (await refusal(
      [{ ...labelLine(1), "source-ref": secret, pad: "x".repeat(2000) }],
      100,
    )) as Error;
    expect(error.message).not.toContain(secret);
  });

  it("validates every line, naming every bad one", async () => {
    const bad = {
      ...labelLine(2),
      "sunrise-metadata": { ...(labelLine(2)["sunrise-metadata"] as object), confidence: 7 },
    };
    const noSource = { sunrise: 1 } as never;
    const error = (await refusal([
      labelLine(1),
      bad,
      labelLine(3),
      noSource,
      "{oops",
    ])) as ManifestValidationError;
    expect(isDatasetError(error, "ManifestValidationError")).toBe(true);
    expect(new Set(error.problems.map((problem) => problem.lineNumber))).toEqual(new Set([2, 4, 5]));
    expect(error.problems.every((problem) => problem.severity === "error")).toBe(true);
    expect(error.message).toMatch(/3 bad lines: 2, 4, 5/);
  });

  it("names a single bad line by its number", async () => {
    const error = (await refusal([
      labelLine(1),
      { "source-ref": "http://not-s3" },
    ])) as ManifestValidationError;
    expect(error.lineNumber).toBe(2);
    expect(error.problems.map((problem) => problem.code)).toContain("ERROR_INVALID_SOURCE_REF_FORMAT");
  });

  it("refuses empty changes", async () => {
    for (const empty of [{ text: "" }, { text: "\n \n" }, [], ["  "], new Uint8Array(0)]) {
      const error = (await refusal(empty, 100)) as ManifestValidationError;
      expect(error.problems[0]?.code).toBe("ERROR_EMPTY_MANIFEST");
    }
  });

  it("refuses a ceiling above the service's limit or not a whole number, naming it", () => {
    expect(() => resolveMaxRequestBytes(MAX_GROUND_TRUTH_BYTES + 1)).toThrow(/maxRequestBytes/);
    for (const value of [1.5, 1, "100", null]) {
      expect(() => resolveMaxRequestBytes(value)).toThrow(
        expect.objectContaining({ name: "InvalidOptionsError", option: "maxRequestBytes" }),
      );
    }
    expect(resolveMaxRequestBytes(1000)).toBe(1000);
  });

  it("accepts bytes exactly when their size is under the ceiling", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 300 }),
        async (bytes, limit) => {
          try {
            return (
              (await encode(bytes, limit)).body.byteLength === bytes.byteLength && bytes.byteLength < limit
            );
          } catch (error) {
            return isPayloadTooLargeError(error) && bytes.byteLength >= limit;
          }
        },
      ),
    );
  });

  it("stops reading an input as soon as it cannot fit", async () => {
    let read = 0;
    function* endless() {
      for (let n = 1; ; n++) {
        read = n;
        yield labelLine(n);
      }
    }
    expect(isPayloadTooLargeError(await refusal(endless(), 10_000))).toBe(true);
    expect(read).toBeLessThan(100);
  });
});

describe("encodeChanges: a typed line the service would drop for its length", () => {
  it("refuses a line whose JSON is over 100,000 characters, naming the line", async () => {
    const long = { ...labelLine(2), note: "x".repeat(100_000) };
    const error = await refusal([labelLine(1), long]);
    expect(isDatasetError(error, "ManifestValidationError")).toBe(true);
    expect((error as ManifestValidationError).problems).toEqual([
      expect.objectContaining({ code: "LINE_TOO_LONG", lineNumber: 2 }),
    ]);
  });
});
