import { describe, expect, it } from "vitest";
import { isDatasetError } from "../../src/errors/dataset-error.js";
import {
  isManifestValidationError,
  ManifestValidationError,
} from "../../src/errors/manifest-validation-error.js";
import type { ValidationProblem } from "../../src/manifest/problems.js";

function problem(i: number): ValidationProblem {
  return {
    code: "ERROR_INVALID_BOUNDING_BOX",
    message: `box ${i} is wrong`,
    path: `bb.annotations[${i}]`,
    severity: "error",
  };
}

describe("ManifestValidationError", () => {
  it("carries every problem and the line number, and names the first few in its message", () => {
    const problems = Array.from({ length: 8 }, (_, i) => problem(i));
    const error = new ManifestValidationError(problems, { lineNumber: 7 });
    expect(error.name).toBe("ManifestValidationError");
    expect(error.problems).toBe(problems);
    expect(error.lineNumber).toBe(7);
    expect(error.message).toContain("Manifest line 7 has 8 errors");
    expect(error.message).toContain("ERROR_INVALID_BOUNDING_BOX at bb.annotations[0]");
    expect(error.message).toContain("bb.annotations[4]");
    expect(error.message).not.toContain("bb.annotations[5]");
    expect(error.message).toContain("and 3 more");
  });
  it("keeps the cause and has no lineNumber when none is given", () => {
    const cause = new Error("root");
    const error = new ManifestValidationError([problem(0)], { cause, subject: "imageLabels()" });
    expect(error.cause).toBe(cause);
    expect(error).not.toHaveProperty("lineNumber");
    expect(error.message.startsWith("imageLabels() has 1 error")).toBe(true);
  });
  it("is recognised by its guards, and other errors are not", () => {
    const error = new ManifestValidationError([problem(0)]);
    expect(isManifestValidationError(error)).toBe(true);
    expect(isDatasetError(error, "ManifestValidationError")).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(isManifestValidationError(new Error("x"))).toBe(false);
    expect(isManifestValidationError({ name: "ManifestValidationError" })).toBe(false);
  });
});
