import { describe, expect, it } from "vitest";
import { processChange } from "../../src/local/change.js";
import { boxLine, labelLine } from "../support/lines.js";
import { groundTruth } from "./helpers.js";

describe("processChange", () => {
  it("reads LF and CRLF lines, skips blank ones, and counts what it read and dropped", () => {
    const text = `${JSON.stringify(labelLine("a.jpg"))}\r\n\r\n${JSON.stringify(labelLine("b.jpg"))}\n{oops\n`;
    const change = processChange(new TextEncoder().encode(text));
    expect(change.entries.map((entry) => entry.sourceRef)).toEqual([
      "s3://bucket/images/a.jpg",
      "s3://bucket/images/b.jpg",
    ]);
    expect(change.lines).toBe(3);
    expect(change.dropped).toBe(1);
  });

  it("keeps the first of a repeated source-ref and drops the rest", () => {
    const change = processChange(groundTruth([labelLine("a.jpg", "One"), labelLine("a.jpg", "Two")]));
    expect(change.entries).toHaveLength(1);
    expect(change.entries[0]!.labels).toEqual(new Map([["One", 0]]));
    expect(change.dropped).toBe(1);
  });

  it.each([
    ["keep-first", ["One", "Other"], 2],
    ["keep-last", ["Other", "Three"], 2],
    ["drop-all", ["Other"], 3],
  ] as const)("resolves a repeated source-ref by the %s rule", (rule, kept, dropped) => {
    const change = processChange(
      groundTruth([
        labelLine("a.jpg", "One"),
        labelLine("b.jpg", "Other"),
        labelLine("a.jpg", "Two"),
        labelLine("a.jpg", "Three"),
      ]),
      undefined,
      rule,
    );
    expect(change.entries.map((entry) => [...entry.labels.keys()][0])).toEqual(kept);
    expect(change.dropped).toBe(dropped);
  });

  it("marks labels, labeled state and errors on each entry", () => {
    const bad = boxLine("bad.jpg", ["Dog"]);
    (bad["bounding-box"].annotations[0] as { top: number }).top = -1;
    const [good, broken, empty] = processChange(
      groundTruth([labelLine("a.jpg"), bad, { "source-ref": "s3://bucket/images/c.jpg" }]),
    ).entries;
    expect(good).toMatchObject({ isLabeled: true, hasErrors: false });
    expect(broken).toMatchObject({ isLabeled: true, hasErrors: true });
    expect(empty).toMatchObject({ isLabeled: false, hasErrors: true });
    expect(JSON.parse(good!.text)).toEqual({ ...labelLine("a.jpg"), "cl-metadata": { is_labeled: true } });
  });

  it("decodes UTF-8 labels split nowhere: a multi-byte label comes back whole", () => {
    const change = processChange(groundTruth([labelLine("é.jpg", "Café ☕")]));
    expect([...change.entries[0]!.labels.keys()]).toEqual(["Café ☕"]);
  });

  it.each([
    ["accept", false, ["NON_INTEGER_COORDINATE"]],
    ["flag", true, ["ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT"]],
  ] as const)(
    "floatCoordinates %s: a fractional box is stored, flagged only when asked",
    (rule, hasErrors, codes) => {
      const line = boxLine("float.jpg", ["Dog"]);
      (line["bounding-box"].annotations[0] as { left: number }).left = 10.5;
      const [entry] = processChange(groundTruth([line]), undefined, "keep-first", {
        floatCoordinates: rule,
        stringClassIndex: "accept",
        sourceRefOnlyLine: "flag",
      }).entries;
      expect(entry).toMatchObject({ hasErrors });
      expect(JSON.stringify(JSON.parse(entry!.text))).toContain(codes[0]);
    },
  );

  it.each([
    [
      "floatCoordinates",
      () => {
        const line = boxLine("x.jpg", ["Dog"]);
        (line["bounding-box"].annotations[0] as { width: number }).width = 20.25;
        return line;
      },
    ],
    ["stringClassIndex", () => ({ ...labelLine("x.jpg"), sunrise: "0" })],
    ["sourceRefOnlyLine", () => ({ "source-ref": "s3://bucket/images/x.jpg" })],
  ] as const)("%s drop: the line leaves no entry, and counts as dropped", (rule, make) => {
    const line = make();
    const change = processChange(groundTruth([labelLine("kept.jpg"), line]), undefined, "keep-first", {
      floatCoordinates: "accept",
      stringClassIndex: "accept",
      sourceRefOnlyLine: "flag",
      [rule]: "drop",
    });
    expect(change.entries.map((entry) => entry.sourceRef)).toEqual(["s3://bucket/images/kept.jpg"]);
    expect(change.dropped).toBe(1);
  });

  it("sourceRefOnlyLine accept: a line with only source-ref is an unlabelled image without an error", () => {
    const [entry] = processChange(
      groundTruth([{ "source-ref": "s3://bucket/images/c.jpg" }]),
      undefined,
      "keep-first",
      {
        floatCoordinates: "accept",
        stringClassIndex: "accept",
        sourceRefOnlyLine: "accept",
      },
    ).entries;
    expect(entry).toMatchObject({ isLabeled: false, hasErrors: false });
  });
});
