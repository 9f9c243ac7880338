import { describe, expect, it } from "vitest";
import { MAX_LINE_CHARACTERS } from "../../src/limits.js";
import { parseManifestLine } from "../../src/manifest/parse.js";
import { toJsonLine } from "../../src/manifest/serialize.js";
import { CLASSIFICATION_SAMPLE_TEXT, DETECTION_SAMPLE_TEXT } from "./fixtures.js";

describe("parseManifestLine", () => {
  it("parses the guide's samples with no problems and gives back their exact text", () => {
    for (const text of [CLASSIFICATION_SAMPLE_TEXT, DETECTION_SAMPLE_TEXT]) {
      const parsed = parseManifestLine(text);
      expect(parsed.problems).toEqual([]);
      expect(parsed.line).toBeDefined();
      expect(toJsonLine(parsed.line!)).toBe(text);
      expect(parsed).not.toHaveProperty("lineNumber");
    }
  });

  it("keeps keys it does not model through parse and serialize", () => {
    const text =
      '{"source-ref":"s3://bucket/a.jpg","cl-metadata":{"is_labeled":true},"sunrise":1,"sunrise-metadata":{"confidence":1,"class-name":"Sunrise","human-annotated":"yes","creation-date":"2026-01-01T00:00:00Z","type":"groundtruth/image-classification","extra":[1,{"x":null}]},"errors":[{"code":"E","message":"m"}],"custom":"é😀"}';
    const parsed = parseManifestLine(text, 4);
    expect(parsed.problems).toEqual([]);
    expect(toJsonLine(parsed.line!)).toBe(text);
  });

  it("stamps the line number on the result and on every problem", () => {
    const parsed = parseManifestLine('{"source-ref":"nope"}', 12);
    expect(parsed.lineNumber).toBe(12);
    expect(parsed.line).toEqual({ "source-ref": "nope" });
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const problem of parsed.problems) expect(problem.lineNumber).toBe(12);
  });

  it("reports text that is not JSON as INVALID_JSON, with no line", () => {
    const parsed = parseManifestLine('{"source-ref": "s3://bucket/a.jpg",', 3);
    expect(parsed.line).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ code: "INVALID_JSON", path: "", severity: "error", lineNumber: 3 }),
    ]);
  });

  it.each(["[1,2]", "42", '"text"', "null", "true"])(
    "reports %s (JSON but not an object) as INVALID_JSON",
    (text) => {
      const parsed = parseManifestLine(text);
      expect(parsed.line).toBeUndefined();
      expect(parsed.problems.map((p) => p.code)).toEqual(["INVALID_JSON"]);
    },
  );

  it("refuses a line over the limit before parsing it, and accepts one at the limit", () => {
    const over = `{"source-ref":"s3://bucket/a.jpg","pad":"${"x".repeat(MAX_LINE_CHARACTERS)}"}`;
    const parsed = parseManifestLine(over, 1);
    expect(parsed.line).toBeUndefined();
    expect(parsed.problems.map((p) => p.code)).toEqual(["LINE_TOO_LONG"]);
    expect(parsed.problems[0]!.message.length).toBeLessThan(300);

    const head = CLASSIFICATION_SAMPLE_TEXT.slice(0, -1);
    const pad = MAX_LINE_CHARACTERS - head.length - ',"pad":""}'.length;
    const exact = `${head},"pad":"${"x".repeat(pad)}"}`;
    expect(exact.length).toBe(MAX_LINE_CHARACTERS);
    expect(parseManifestLine(exact).problems).toEqual([]);
  });

  it("never throws on a broken line, even one that is not text JSON would accept", () => {
    for (const text of ["", " ", "{", "}", "\u0000", '{"__proto__":{"x":1}}', "\ud800"]) {
      expect(() => parseManifestLine(text)).not.toThrow();
    }
  });
});
