import { describe, expect, it } from "vitest";
import {
  canonicalLine,
  compareKey,
  entryMeaning,
  hasErrorLists,
} from "../../src/dataset-sync/entry-meaning.js";
import { labelledLine, sameMeaningOtherwiseWritten } from "./lines.js";

const REF = "s3://bucket/images/1.jpg";

describe("Function: entryMeaning", () => {
  it("resolves each box through its own line's class map, with the image size and the image-level labels", () => {
    expect(entryMeaning(labelledLine(REF))).toEqual({
      labels: ["Kitchen"],
      imageSizes: ["640x480"],
      boxes: [
        { label: "Cat", left: 10, top: 20, width: 100, height: 80 },
        { label: "Dog", left: 300, top: 200, width: 50, height: 60 },
      ],
    });
  });

  it("is the same however a producer wrote the line: names, ids, order, dates, confidences, service keys", () => {
    expect(entryMeaning(sameMeaningOtherwiseWritten(REF))).toEqual(entryMeaning(labelledLine(REF)));
    expect(compareKey(sameMeaningOtherwiseWritten(REF))).toBe(compareKey(labelledLine(REF)));
  });

  it("gives a box whose class id is not in the class map a null label, so a broken map is a change", () => {
    const line = labelledLine(REF);
    const broken = {
      ...line,
      "boxes-metadata": { ...(line["boxes-metadata"] as object), "class-map": { "0": "Cat" } },
    };
    expect(entryMeaning(broken).boxes.map((box) => box.label)).toEqual(["Cat", null]);
    expect(compareKey(broken)).not.toBe(compareKey(line));
  });

  it("detects a renamed label, a moved box and another image size", () => {
    const key = compareKey(labelledLine(REF));
    expect(compareKey(labelledLine(REF, { scene: "Garden" }))).not.toBe(key);
    expect(compareKey(labelledLine(REF, { catLeft: 11 }))).not.toBe(key);
    const line = labelledLine(REF);
    const resized = {
      ...line,
      boxes: { ...(line.boxes as object), image_size: [{ width: 641, height: 480 }] },
    };
    expect(compareKey(resized)).not.toBe(key);
  });

  it("does not count a multi-label attribute, which Custom Labels does not read", () => {
    const line = {
      "source-ref": REF,
      tags: [0],
      "tags-metadata": { "class-map": { "0": "Sky" }, type: "groundtruth/image-classification-multilabel" },
    };
    expect(entryMeaning(line)).toEqual({ labels: [], imageSizes: [], boxes: [] });
  });
});

describe("Function: canonicalLine and exact compare keys", () => {
  it("sorts keys at every level and leaves out the keys the service adds, at every level", () => {
    const sent = { b: { y: 1, x: [2, { q: 1, p: 0 }] }, "source-ref": REF };
    const listed = {
      "cl-metadata": { is_labeled: false },
      "source-ref": REF,
      errors: [{ code: "E", message: "m" }],
      b: { x: [2, { p: 0, q: 1, "cl-errors": ["E"] }], y: 1, warnings: [] },
    };
    expect(canonicalLine(listed)).toBe(
      '{"b":{"x":[2,{"p":0,"q":1}],"y":1},"source-ref":"s3://bucket/images/1.jpg"}',
    );
    expect(compareKey(listed, "exact")).toBe(compareKey(sent, "exact"));
  });

  it("counts what meaning ignores: a job name, a date, a class id", () => {
    expect(compareKey(sameMeaningOtherwiseWritten(REF), "exact")).not.toBe(
      compareKey(labelledLine(REF), "exact"),
    );
  });

  it("keeps array order: the order of annotations is part of the value", () => {
    expect(compareKey({ "source-ref": REF, a: [1, 2] }, "exact")).not.toBe(
      compareKey({ "source-ref": REF, a: [2, 1] }, "exact"),
    );
  });

  it("is a 32-character digest whatever the line's size", () => {
    expect(compareKey(labelledLine(REF))).toHaveLength(32);
    expect(compareKey({ "source-ref": REF, big: "x".repeat(50_000) }, "exact")).toHaveLength(32);
  });
});

describe("Function: hasErrorLists", () => {
  it("finds an errors or cl-errors list at any level, and ignores warnings and empty lists", () => {
    expect(hasErrorLists(sameMeaningOtherwiseWritten(REF))).toBe(true);
    expect(hasErrorLists({ "source-ref": REF, a: { "cl-errors": ["E"] } })).toBe(true);
    expect(hasErrorLists({ "source-ref": REF, warnings: [{ code: "W" }], errors: [] })).toBe(false);
    expect(hasErrorLists(labelledLine(REF))).toBe(false);
  });
});
