import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classNamesFromList, classNamesFromYaml } from "../../src/convert/yolo/class-names.js";
import { parseYoloLabelRows, yoloToPixels } from "../../src/convert/yolo/label-rows.js";

describe("YOLO label rows", () => {
  it("reads class cx cy w h rows, skipping blank lines, with their line numbers", () => {
    const { rows, malformed } = parseYoloLabelRows("0 0.5 0.5 0.25 0.5\n\n3 .1 1e-1 0.2 0.2\r\n");
    expect(malformed).toEqual([]);
    expect(rows).toEqual([
      { line: 1, classIndex: 0, cx: 0.5, cy: 0.5, w: 0.25, h: 0.5, fromPolygon: false },
      { line: 3, classIndex: 3, cx: 0.1, cy: 0.1, w: 0.2, h: 0.2, fromPolygon: false },
    ]);
  });

  it("reads a segmentation polygon as the box that encloses it", () => {
    const { rows } = parseYoloLabelRows("2 0.1 0.2 0.5 0.2 0.3 0.6");
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.fromPolygon).toBe(true);
    expect(row.cx).toBeCloseTo(0.3);
    expect(row.cy).toBeCloseTo(0.4);
    expect(row.w).toBeCloseTo(0.4);
    expect(row.h).toBeCloseTo(0.4);
  });

  it.each([
    ["a class that is not an integer", "cat 0.5 0.5 0.1 0.1", /class "cat"/],
    ["a negative class", "-1 0.5 0.5 0.1 0.1", /class "-1"/],
    ["a field that is not a number", "0 0.5 x 0.1 0.1", /"x" is not a number/],
    ["too few fields", "0 0.5 0.5 0.1", /4 fields/],
    ["six fields", "0 0.5 0.5 0.1 0.1 0.9", /6 fields/],
    ["a negative width", "0 0.5 0.5 -0.1 0.1", /negative/],
  ])("reports %s as malformed, with its line", (_name, row, reason) => {
    const { rows, malformed } = parseYoloLabelRows(`0 0.5 0.5 0.1 0.1\n${row}`);
    expect(rows).toHaveLength(1);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]!.line).toBe(2);
    expect(malformed[0]!.reason).toMatch(reason);
  });

  it("converts normalized centre/size to pixels", () => {
    expect(yoloToPixels({ cx: 0.5, cy: 0.25, w: 0.5, h: 0.5 }, 640, 480)).toEqual({
      left: 160,
      top: 0,
      width: 320,
      height: 240,
    });
  });

  it("property: a box inside 0..1 lands inside the image, and back to the same fractions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 4096 }),
        fc.integer({ min: 64, max: 4096 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (width, height, a, b, c, d) => {
          const [x0, x1] = a <= b ? [a, b] : [b, a];
          const [y0, y1] = c <= d ? [c, d] : [d, c];
          const row = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
          const box = yoloToPixels(row, width, height);
          const eps = 1e-9 * Math.max(width, height);
          expect(box.left).toBeGreaterThanOrEqual(-eps);
          expect(box.top).toBeGreaterThanOrEqual(-eps);
          expect(box.left + box.width).toBeLessThanOrEqual(width + eps);
          expect(box.top + box.height).toBeLessThanOrEqual(height + eps);
          expect((box.left + box.width / 2) / width).toBeCloseTo(row.cx, 9);
          expect(box.width / width).toBeCloseTo(row.w, 9);
        },
      ),
    );
  });
});

describe("YOLO class names", () => {
  it("reads names as a list", () => {
    const result = classNamesFromYaml("path: .\ntrain: images/train\nnames: [cat, 'big, dog']\nnc: 2\n");
    expect("names" in result && [...result.names]).toEqual([
      [0, "cat"],
      [1, "big, dog"],
    ]);
  });

  it("reads names as a map of class index to name, ids need not be contiguous", () => {
    const result = classNamesFromYaml("names:\n  0: person\n  5: traffic light\n");
    expect("names" in result && [...result.names]).toEqual([
      [0, "person"],
      [5, "traffic light"],
    ]);
  });

  it.each([
    ["no names", "train: images\n", /no `names`/, undefined],
    ["names that is a string", "names: cat\n", /list or a map/, 1],
    ["a non-integer key", "names:\n  0: a\n  b: c\n", /key "b"/, 3],
    ["an empty name", "names: [a, '']\n", /names\[1\]/, 1],
    ["nc that disagrees", "names: [a, b]\nnc: 3\n", /nc is 3/, 2],
    ["broken YAML", "names: [a, b\n", /not valid YAML/, 2],
    ["a list at the root", "- a\n- b\n", /not a mapping/, undefined],
  ])("refuses a YAML with %s, naming the line", (_name, text, problem, line) => {
    const result = classNamesFromYaml(text);
    expect("problem" in result).toBe(true);
    if ("problem" in result) {
      expect(result.problem).toMatch(problem);
      expect(result.line).toBe(line);
    }
  });

  it("reads a classes file, ignoring trailing blank lines and refusing a blank among names", () => {
    const good = classNamesFromList("cat\r\ndog house\n\n\n");
    expect("names" in good && [...good.names]).toEqual([
      [0, "cat"],
      [1, "dog house"],
    ]);
    expect(classNamesFromList("cat\n\ndog\n")).toMatchObject({ line: 2 });
    expect(classNamesFromList("\n")).toMatchObject({ problem: expect.stringMatching(/no names/) });
  });
});
