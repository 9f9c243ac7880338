import { describe, expect, it } from "vitest";
import { applyBoxLimit, applyBoxRules, type BoxRules } from "../../src/convert/box-rules.js";
import { imageLocator } from "../../src/convert/image-location.js";
import { CONVERSION_ISSUE_CODES, IssueCollector, MAX_ISSUE_EXAMPLES } from "../../src/convert/index.js";

describe("IssueCollector", () => {
  it("aggregates a repeated code: the count, the first few places, in bounded memory", () => {
    const collector = new IssueCollector();
    for (let i = 1; i <= 10_000; i++) collector.add("BOX_CLIPPED", `box ${i}`, { line: i });
    collector.add("COORDINATE_ROUNDED", "one", {}, 3);
    const report = collector.report("test", "convert", true);
    expect(report.issues.map((issue) => [issue.code, issue.count])).toEqual([
      ["BOX_CLIPPED", 10_000],
      ["COORDINATE_ROUNDED", 3],
    ]);
    expect(report.issues[0]!.examples).toHaveLength(MAX_ISSUE_EXAMPLES);
    expect(report.issues[0]).toMatchObject({ message: "box 1", item: { line: 1 }, severity: "warning" });
    expect(report).toMatchObject({
      warnings: 10_000,
      errors: 0,
      counts: { BOX_CLIPPED: 10_000, COORDINATE_ROUNDED: 3 },
    });
  });

  it("counts only errors and warnings as losses", () => {
    const collector = new IssueCollector();
    collector.add("LABEL_RENAMED", "renamed");
    collector.add("COORDINATE_ROUNDED", "rounded");
    expect(collector.hasLoss()).toBe(false);
    collector.add("ZERO_AREA_BOX", "dropped");
    expect(collector.hasLoss()).toBe(true);
  });

  it("gives every code a severity and a meaning", () => {
    for (const [code, entry] of Object.entries(CONVERSION_ISSUE_CODES)) {
      expect(["error", "warning", "info"], code).toContain(entry.severity);
      expect(entry.meaning.length, code).toBeGreaterThan(10);
    }
  });
});

describe("box rules", () => {
  const rules: BoxRules = { outOfBounds: "clip", fractional: "round", tooManyBoxes: "keep-largest" };
  const run = (box: { left: number; top: number; width: number; height: number }, options = rules) => {
    const collector = new IssueCollector();
    const result = applyBoxRules({ label: "cat", ...box }, 640, 480, options, collector, {});
    return { result, counts: collector.report("t", "convert", true).counts };
  };

  it("drops boxes that are not numbers or have no area", () => {
    expect(run({ left: Number.NaN, top: 0, width: 10, height: 10 })).toEqual({
      result: undefined,
      counts: { INVALID_BOX: 1 },
    });
    expect(run({ left: 0, top: 0, width: -1, height: 10 }).counts).toEqual({ ZERO_AREA_BOX: 1 });
    expect(run({ left: 10.2, top: 0, width: 0.2, height: 10 }).counts).toEqual({
      COORDINATE_ROUNDED: 1,
      ZERO_AREA_BOX: 1,
    });
  });

  it("drops a box wholly outside the image even when clipping", () => {
    expect(run({ left: 700, top: 0, width: 10, height: 10 }).counts).toEqual({ BOX_OUTSIDE_IMAGE: 1 });
  });

  it("expands outward: the box never loses any of the object", () => {
    const { result } = run({ left: 0.5, top: 0.5, width: 9, height: 9 }, { ...rules, fractional: "expand" });
    expect(result).toMatchObject({ left: 0, top: 0, width: 10, height: 10 });
  });

  it("keeps the 50 largest boxes in input order", () => {
    const collector = new IssueCollector();
    const boxes = Array.from({ length: 52 }, (_, i) => ({
      label: "a",
      left: 0,
      top: 0,
      width: 10,
      height: i === 3 || i === 7 ? 1 : 5,
    }));
    const kept = applyBoxLimit(boxes, "keep-largest", collector, {})!;
    expect(kept).toHaveLength(50);
    expect(kept.every((box) => box.height === 5)).toBe(true);
    expect(collector.count("TOO_MANY_BOXES")).toBe(1);
  });
});

describe("image locations", () => {
  it("joins the prefix and the name byte for byte, adding only a missing slash", () => {
    expect(imageLocator("s3://b/p")("a b/é\u200b.jpg")).toBe("s3://b/p/a b/é\u200b.jpg");
    expect(imageLocator("s3://b/p/")("%20.jpg")).toBe("s3://b/p/%20.jpg");
    expect(imageLocator(undefined)("a.jpg")).toBeUndefined();
    expect(imageLocator((name) => `s3://x/${encodeURIComponent(name)}`)("a b.jpg")).toBe("s3://x/a%20b.jpg");
  });
});
