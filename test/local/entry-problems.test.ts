import { describe, expect, it } from "vitest";
import { annotateEntry } from "../../src/local/entry-problems.js";
import type { ValidationProblem } from "../../src/manifest/index.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { boxLine, labelLine } from "../support/lines.js";

function problem(path: string, severity: ValidationProblem["severity"] = "error"): ValidationProblem {
  return { code: "ERROR_INVALID_BOUNDING_BOX", message: `at ${path}`, path, severity };
}

describe("annotateEntry", () => {
  it("adds cl-metadata and puts line-level problems at the top", () => {
    const line = labelLine("a.jpg") as ManifestLine;
    expect(annotateEntry(line, [problem(""), problem("source-ref", "warning")], true)).toEqual({
      ...line,
      "cl-metadata": { is_labeled: true },
      errors: [{ code: "ERROR_INVALID_BOUNDING_BOX", message: "at " }],
      warnings: [{ code: "ERROR_INVALID_BOUNDING_BOX", message: "at source-ref" }],
    });
  });

  it("puts annotation problems on the annotation, attribute problems on the value, metadata ones on the metadata", () => {
    const line = boxLine("a.jpg", ["Dog", "Cat"]) as unknown as ManifestLine;
    const out = annotateEntry(
      line,
      [
        problem("bounding-box.annotations[1].width"),
        problem("bounding-box.image_size"),
        problem("bounding-box-metadata.objects[0].confidence"),
      ],
      true,
    ) as Record<string, Record<string, unknown> & { annotations: Record<string, unknown>[] }>;
    expect(out["bounding-box"]!.annotations[1]!.errors).toEqual([
      { code: "ERROR_INVALID_BOUNDING_BOX", message: "at bounding-box.annotations[1].width" },
    ]);
    expect(out["bounding-box"]!.annotations[0]!.errors).toBeUndefined();
    expect(out["bounding-box"]!.errors).toHaveLength(1);
    expect(out["bounding-box-metadata"]!.errors).toHaveLength(1);
    expect(out.errors).toBeUndefined();
  });

  it("puts a classification attribute's problems on its metadata, its value being a number", () => {
    const line = labelLine("a.jpg") as ManifestLine;
    const out = annotateEntry(line, [problem("sunrise")], true) as Record<string, Record<string, unknown>>;
    expect(out["sunrise-metadata"]!.errors).toHaveLength(1);
  });

  it("never changes the stored line, and replaces lists the sender put there", () => {
    const line = boxLine("a.jpg", ["Dog"]) as unknown as Record<string, unknown>;
    (line["bounding-box"] as { annotations: Record<string, unknown>[] }).annotations[0]!.errors = ["old"];
    line.errors = ["old"];
    const snapshot = structuredClone(line);
    const out = annotateEntry(
      line as ManifestLine,
      [problem("bounding-box.annotations[0].left"), problem("bounding-box.annotations[0].top")],
      false,
    ) as Record<string, unknown> & { "bounding-box": { annotations: Record<string, unknown>[] } };
    expect(line).toEqual(snapshot);
    expect(out.errors).toBeUndefined();
    expect(out["bounding-box"].annotations[0]!.errors).toEqual([
      { code: "ERROR_INVALID_BOUNDING_BOX", message: "at bounding-box.annotations[0].left" },
      { code: "ERROR_INVALID_BOUNDING_BOX", message: "at bounding-box.annotations[0].top" },
    ]);
  });
});
