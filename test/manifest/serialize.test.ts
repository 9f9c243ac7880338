import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countUtf8Bytes, toJsonLine, utf8ByteLength } from "../../src/manifest/serialize.js";
import { classificationLine } from "./fixtures.js";

describe("toJsonLine", () => {
  it("writes compact JSON with no line ending, keys in the object's order", () => {
    const text = toJsonLine({ "source-ref": "s3://bucket/a.jpg", b: 1, a: { y: 2, x: [1] } });
    expect(text).toBe('{"source-ref":"s3://bucket/a.jpg","b":1,"a":{"y":2,"x":[1]}}');
  });
  it("gives the same text for the same line every time", () => {
    const line = classificationLine() as { "source-ref": string };
    expect(toJsonLine(line)).toBe(toJsonLine(structuredClone(line)));
  });
  it("escapes line breaks inside values so one line stays one line", () => {
    expect(toJsonLine({ "source-ref": "s3://bucket/a\nb.jpg" })).not.toMatch(/[\n\r]/);
  });
});

describe.each([
  ["utf8ByteLength (Buffer in Node)", utf8ByteLength],
  ["countUtf8Bytes (the loop a browser runs)", countUtf8Bytes],
])("%s", (_name, count) => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["€", 3],
    ["😀", 4],
    ["\ud800", 3],
    ["\udc00", 3],
    ["\ud800a", 4],
    ["a\udc00\ud800", 7],
    ["😀".repeat(100), 400],
    [`${"x".repeat(100)}\ud800`, 103],
  ])("counts %j as %i bytes", (text, bytes) => {
    expect(count(text)).toBe(bytes);
  });

  it("agrees with TextEncoder on any string, short or long, including lone surrogates", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(count(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (text) => {
          expect(count(text)).toBe(encoder.encode(text).length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
