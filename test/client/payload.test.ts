import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeChanges, resolveMaxRequestBytes } from "../../src/client/payload.js";
import {
  isManifestValidationError,
  type ManifestValidationError,
} from "../../src/errors/manifest-validation-error.js";
import {
  isPayloadTooLargeError,
  type PayloadTooLargeError,
} from "../../src/errors/payload-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";
import { DATASET_ARN, labelLine } from "./fixtures.js";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("encoding the changes of one request", () => {
  it("serializes typed lines one per line, without a trailing newline", () => {
    const { body, lineCount } = encodeChanges(
      DATASET_ARN,
      [labelLine(1), labelLine(2)],
      MAX_GROUND_TRUTH_BYTES,
    );
    expect(decode(body)).toBe(`${JSON.stringify(labelLine(1))}\n${JSON.stringify(labelLine(2))}`);
    expect(lineCount).toBe(2);
  });

  it("sends strings, a whole text and bytes as they are", () => {
    const text = '{"source-ref":"s3://b/1.jpg"}\n{"source-ref":"s3://b/2.jpg"}';
    expect(decode(encodeChanges(DATASET_ARN, text, 100).body)).toBe(text);
    expect(decode(encodeChanges(DATASET_ARN, text.split("\n"), 100).body)).toBe(text);
    const bytes = new TextEncoder().encode(text);
    expect(encodeChanges(DATASET_ARN, bytes, 100).body).toBe(bytes);
    expect(encodeChanges(DATASET_ARN, bytes, 100).lineCount).toBeUndefined();
  });

  it("refuses a payload exactly at the limit and accepts one byte under", () => {
    const limit = 1000;
    const atLimit = "x".repeat(limit);
    const error = caught(() => encodeChanges(DATASET_ARN, atLimit, limit)) as PayloadTooLargeError;
    expect(isPayloadTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ byteLength: 1000, limit: 1000, datasetArn: DATASET_ARN });
    expect(encodeChanges(DATASET_ARN, atLimit.slice(1), limit).body.byteLength).toBe(999);
    expect(
      isPayloadTooLargeError(caught(() => encodeChanges(DATASET_ARN, new Uint8Array(limit), limit))),
    ).toBe(true);
    expect(encodeChanges(DATASET_ARN, new Uint8Array(limit - 1), limit).body.byteLength).toBe(999);
  });

  it("refuses exactly MAX_GROUND_TRUTH_BYTES by default and accepts one byte under", () => {
    const limit = resolveMaxRequestBytes(undefined);
    expect(limit).toBe(MAX_GROUND_TRUTH_BYTES);
    expect(isPayloadTooLargeError(caught(() => encodeChanges(DATASET_ARN, "a".repeat(limit), limit)))).toBe(
      true,
    );
    expect(encodeChanges(DATASET_ARN, "a".repeat(limit - 1), limit).body.byteLength).toBe(
      MAX_GROUND_TRUTH_BYTES - 1,
    );
  });

  it("counts multi-byte UTF-8 in bytes, not characters", () => {
    // "é" is 2 bytes, "日" 3, "😀" 4 (a surrogate pair): 9 bytes in 4 UTF-16 units.
    const text = "é日😀";
    expect(isPayloadTooLargeError(caught(() => encodeChanges(DATASET_ARN, text, 9)))).toBe(true);
    expect(encodeChanges(DATASET_ARN, text, 10).body.byteLength).toBe(9);
    const error = caught(() =>
      encodeChanges(DATASET_ARN, [{ ...labelLine(1), note: "日".repeat(400) }], 1000),
    );
    expect(error).toMatchObject({ name: "PayloadTooLargeError" });
    expect((error as PayloadTooLargeError).byteLength).toBeGreaterThan(1200);
  });

  it("never puts the payload in the error message", () => {
    const secret = "s3://bucket/secret-image-name.jpg";
    const error = caught(() => encodeChanges(DATASET_ARN, `${secret}${"x".repeat(2000)}`, 100)) as Error;
    expect(error.message).not.toContain(secret);
  });

  it("validates typed lines first, naming every bad line", () => {
    const bad = {
      ...labelLine(2),
      "sunrise-metadata": { ...(labelLine(2)["sunrise-metadata"] as object), confidence: 7 },
    };
    const noSource = { sunrise: 1 } as never;
    const error = caught(() =>
      encodeChanges(DATASET_ARN, [labelLine(1), bad, labelLine(3), noSource], MAX_GROUND_TRUTH_BYTES),
    ) as ManifestValidationError;
    expect(isManifestValidationError(error)).toBe(true);
    expect(new Set(error.problems.map((problem) => problem.lineNumber))).toEqual(new Set([2, 4]));
    expect(error.problems.every((problem) => problem.severity === "error")).toBe(true);
    expect(error.message).toMatch(/2 bad lines: 2, 4/);
  });

  it("names a single bad line by its number", () => {
    const error = caught(() =>
      encodeChanges(DATASET_ARN, [labelLine(1), { "source-ref": "http://not-s3" }], MAX_GROUND_TRUTH_BYTES),
    ) as ManifestValidationError;
    expect(error.lineNumber).toBe(2);
    expect(error.problems.map((problem) => problem.code)).toContain("ERROR_INVALID_SOURCE_REF_FORMAT");
  });

  it("refuses a source-ref repeated within one request (the service would drop it silently)", () => {
    const error = caught(() =>
      encodeChanges(
        DATASET_ARN,
        [labelLine(1), labelLine(2), labelLine(1, "Sunset")],
        MAX_GROUND_TRUTH_BYTES,
      ),
    ) as ManifestValidationError;
    expect(error.problems).toEqual([
      expect.objectContaining({ code: "DUPLICATE_SOURCE_REF", lineNumber: 3 }),
    ]);
  });

  it("refuses empty changes", () => {
    for (const empty of ["", [], new Uint8Array(0)]) {
      const error = caught(() => encodeChanges(DATASET_ARN, empty, 100)) as ManifestValidationError;
      expect(error.problems[0]?.code).toBe("ERROR_EMPTY_MANIFEST");
    }
  });

  it("refuses a ceiling above the service's limit or not a whole number", () => {
    expect(() => resolveMaxRequestBytes(MAX_GROUND_TRUTH_BYTES + 1)).toThrow(/maxRequestBytes/);
    expect(() => resolveMaxRequestBytes(1.5)).toThrow(TypeError);
    expect(resolveMaxRequestBytes(1000)).toBe(1000);
  });

  it("accepts a text exactly when its UTF-8 size is under the ceiling", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
        fc.integer({ min: 2, max: 200 }),
        (text, limit) => {
          const bytes = new TextEncoder().encode(text).byteLength;
          try {
            return encodeChanges(DATASET_ARN, text, limit).body.byteLength === bytes && bytes < limit;
          } catch (error) {
            return isPayloadTooLargeError(error) && bytes >= limit;
          }
        },
      ),
    );
  });
});

describe("encodeChanges: a typed line the service would drop for its length", () => {
  it("refuses a line whose JSON is over 100,000 characters, naming the line", () => {
    const long = { ...labelLine(2), note: "x".repeat(100_000) };
    let caught: unknown;
    try {
      encodeChanges(DATASET_ARN, [labelLine(1), long], MAX_GROUND_TRUTH_BYTES);
    } catch (error) {
      caught = error;
    }
    expect(isManifestValidationError(caught)).toBe(true);
    expect((caught as { problems: { code: string; lineNumber?: number }[] }).problems).toEqual([
      expect.objectContaining({ code: "LINE_TOO_LONG", lineNumber: 2 }),
    ]);
  });
});
