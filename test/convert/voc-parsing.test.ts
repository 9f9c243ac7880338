import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVocAnnotation, pixelsToVoc, vocToPixels } from "../../src/convert/voc/voc-annotation.js";

const one = `<?xml version="1.0"?>
<annotation>
  <folder>VOC2007</folder>
  <filename>000001.jpg</filename>
  <size><width>353</width><height>500</height><depth>3</depth></size>
  <object>
    <name>dog</name><pose>Left</pose><truncated>1</truncated><difficult>0</difficult>
    <bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox>
  </object>
</annotation>`;

describe("VOC annotation files", () => {
  it("reads a file with one object as a list of one", () => {
    const result = parseVocAnnotation(one);
    expect(result).toEqual({
      filename: "000001.jpg",
      folder: "VOC2007",
      size: { width: 353, height: 500, depth: 3 },
      objects: [
        {
          index: 1,
          name: "dog",
          xmin: 48,
          ymin: 240,
          xmax: 195,
          ymax: 371,
          difficult: false,
          truncated: true,
        },
      ],
      badObjects: [],
    });
  });

  it("keeps a name that looks like a number as written, and float coordinates", () => {
    const xml = `<annotation><filename>a.png</filename><object><name>007</name><difficult>1</difficult>
      <bndbox><xmin>1.5</xmin><ymin>2</ymin><xmax>10.25</xmax><ymax>20</ymax></bndbox></object>
      <object><name>cat &amp; dog</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>`;
    const result = parseVocAnnotation(xml);
    expect("objects" in result && result.objects.map((o) => [o.name, o.xmin, o.xmax, o.difficult])).toEqual([
      ["007", 1.5, 10.25, true],
      ["cat & dog", 1, 2, false],
    ]);
    expect("size" in result).toBe(false);
  });

  it("lists objects without a name or a usable bndbox, keeping the rest", () => {
    const xml = `<annotation><object><bndbox><xmin>1</xmin></bndbox></object>
      <object><name>a</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>x</xmax><ymax>2</ymax></bndbox></object>
      <object><name>b</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>4</xmax><ymax>2</ymax></bndbox></object>
      <object><name>c</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>5</xmax><ymax>1</ymax></bndbox></object></annotation>`;
    const result = parseVocAnnotation(xml);
    if (!("objects" in result)) throw new Error("expected an annotation");
    expect(result.objects.map((o) => o.name)).toEqual(["c"]);
    expect(result.badObjects.map((o) => [o.index, o.reason])).toEqual([
      [1, "no <name>"],
      [2, expect.stringMatching(/bndbox/)],
      [3, expect.stringMatching(/before/)],
    ]);
  });

  it("treats a 0 x 0 size as no size", () => {
    const result = parseVocAnnotation(
      "<annotation><size><width>0</width><height>0</height></size></annotation>",
    );
    expect("size" in result).toBe(false);
  });

  it("refuses broken XML with its line and column", () => {
    const result = parseVocAnnotation("<annotation>\n  <size><width>3</size>\n</annotation>");
    expect(result).toMatchObject({ problem: expect.stringMatching(/not well-formed XML/), line: 2 });
    expect((result as { column?: number }).column).toBeGreaterThan(0);
  });

  it("refuses XML that is not VOC, naming its root", () => {
    expect(parseVocAnnotation('<?xml version="1.0"?><svg><g/></svg>')).toEqual({
      problem: "not a Pascal VOC annotation: the root element is <svg>, not <annotation>",
    });
  });
});

describe("VOC coordinates", () => {
  it("maps the whole image (1..W) to left 0, width W", () => {
    expect(vocToPixels({ xmin: 1, ymin: 1, xmax: 500, ymax: 375 })).toEqual({
      left: 0,
      top: 0,
      width: 500,
      height: 375,
    });
  });

  it("property: exact for integers, and the inverse gives the same corners back", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 4095 }),
        fc.integer({ min: 0, max: 4095 }),
        (xmin, ymin, dx, dy) => {
          const corners = { xmin, ymin, xmax: xmin + dx, ymax: ymin + dy };
          const box = vocToPixels(corners);
          for (const value of Object.values(box)) expect(Number.isInteger(value)).toBe(true);
          expect(box.width).toBe(dx + 1);
          expect(box.left).toBe(xmin - 1);
          expect(pixelsToVoc(box)).toEqual(corners);
        },
      ),
    );
  });
});
