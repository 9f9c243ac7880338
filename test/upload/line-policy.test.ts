import { describe, expect, it } from "vitest";
import { applyLinePolicy, InvalidLineStop, invalidLineOf } from "../../src/client/upload/line-policy.js";
import type { PackItem } from "../../src/client/upload/pack.js";
import type { UploadRecord } from "../../src/client/upload/source.js";
import type { InvalidLine } from "../../src/errors/invalid-lines-error.js";

function record(
  lineNumber: number,
  severities: ("error" | "warning")[] = [],
  sourceRef = `s3://b/${lineNumber}`,
): UploadRecord {
  return {
    lineNumber,
    text: `line ${lineNumber}`,
    byteLength: 6,
    line: { "source-ref": sourceRef },
    problems: severities.map((severity, i) => ({
      code:
        severity === "error"
          ? i === 0
            ? "ERROR_INVALID_BOUNDING_BOX"
            : "ERROR_MISSING_CLASS_MAP_ID"
          : "WARNING_NO_ANNOTATIONS",
      message: "m",
      path: "",
      severity,
    })),
  };
}

async function* stream(records: UploadRecord[]): AsyncGenerator<UploadRecord> {
  yield* records;
}

async function run(records: UploadRecord[], policy: "stop" | "skip") {
  const invalid: InvalidLine[] = [];
  const items: PackItem[] = [];
  let error: unknown;
  try {
    for await (const item of applyLinePolicy(stream(records), policy, {
      onInvalid: (line) => invalid.push(line),
    })) {
      items.push(item);
    }
  } catch (caught) {
    error = caught;
  }
  return { invalid, items, error };
}

describe("invalidLineOf", () => {
  it("lets warnings through and lists each error code once", () => {
    expect(invalidLineOf(record(1, ["warning"]))).toBeUndefined();
    expect(invalidLineOf(record(2, ["error", "error", "error"]))).toMatchObject({
      lineNumber: 2,
      codes: ["ERROR_INVALID_BOUNDING_BOX", "ERROR_MISSING_CLASS_MAP_ID"],
    });
  });
});

describe("applyLinePolicy", () => {
  it("sends valid lines keyed by their source-ref", async () => {
    const { items } = await run([record(1), record(2, ["warning"])], "stop");
    expect(items).toEqual([
      { lineNumber: 1, text: "line 1", byteLength: 6, send: true, sourceRef: "s3://b/1" },
      { lineNumber: 2, text: "line 2", byteLength: 6, send: true, sourceRef: "s3://b/2" },
    ]);
  });

  it("under skip, passes invalid lines on as not sent and reports them", async () => {
    const { items, invalid, error } = await run([record(1), record(2, ["error"]), record(3)], "skip");
    expect(error).toBeUndefined();
    expect(items.map((item) => [item.lineNumber, item.send])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(items[1]).not.toHaveProperty("sourceRef");
    expect(invalid.map((line) => line.lineNumber)).toEqual([2]);
  });

  it("under stop, fails at the first invalid line before passing it on", async () => {
    const { items, invalid, error } = await run([record(1), record(2, ["error"]), record(3)], "stop");
    expect(error).toBeInstanceOf(InvalidLineStop);
    expect((error as InvalidLineStop).invalidLine.lineNumber).toBe(2);
    expect(items.map((item) => item.lineNumber)).toEqual([1]);
    expect(invalid).toHaveLength(1);
  });
});
