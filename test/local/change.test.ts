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
});
