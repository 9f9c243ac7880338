import { describe, expect, it } from "vitest";
import { ManifestValidationError } from "../../src/errors/manifest-validation-error.js";
import {
  hasErrorProblems,
  isSilentlyDropped,
  quoteValue,
  SILENTLY_DROPPED_CODES,
  type ValidationProblem,
} from "../../src/manifest/problems.js";
import { validateLine } from "../../src/manifest/validate.js";

const warning: ValidationProblem = {
  code: "WARNING_NO_ANNOTATIONS",
  message: "m",
  path: "a",
  severity: "warning",
};
const error: ValidationProblem = {
  code: "ERROR_INVALID_BOUNDING_BOX",
  message: "m",
  path: "a",
  severity: "error",
};
const dropped: ValidationProblem = {
  code: "DUPLICATE_SOURCE_REF",
  message: "m",
  path: "",
  severity: "error",
};

describe("problems", () => {
  it("hasErrorProblems: warnings alone leave a line usable", () => {
    expect(hasErrorProblems([])).toBe(false);
    expect(hasErrorProblems([warning])).toBe(false);
    expect(hasErrorProblems([warning, error])).toBe(true);
  });
  it("lists exactly the codes the service drops without a report", () => {
    expect([...SILENTLY_DROPPED_CODES].sort()).toEqual(
      [
        "DUPLICATE_SOURCE_REF",
        "ERROR_INVALID_SOURCE_REF_FORMAT",
        "ERROR_MISSING_SOURCE_REF",
        "INVALID_JSON",
        "LINE_TOO_LONG",
      ].sort(),
    );
    expect(isSilentlyDropped([warning, error])).toBe(false);
    expect(isSilentlyDropped([error, dropped])).toBe(true);
  });
  it("quotes values for messages, cut to about 80 characters", () => {
    expect(quoteValue("abc")).toBe('"abc"');
    expect(quoteValue(undefined)).toBe("undefined");
    expect(quoteValue({ a: 1 })).toBe('{"a":1}');
    expect(quoteValue("x".repeat(10_000)).length).toBeLessThan(90);
    expect(quoteValue(Array.from({ length: 1000 }, (_, i) => i)).length).toBeLessThan(90);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(quoteValue(cycle)).toBe("[object Object]");
    expect(quoteValue(10n)).toBe("10n");
  });
});

describe("problems never carry a line's content", () => {
  it("cuts the message and path of a problem about a 90,000-character attribute name", () => {
    const key = "k".repeat(90_000);
    const line = {
      "source-ref": "s3://bucket/a.jpg",
      [`${key}-metadata`]: { type: "groundtruth/image-classification" },
    };
    const problems = validateLine(line);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message.length).toBeLessThanOrEqual(500);
      expect(problem.path.length).toBeLessThanOrEqual(200);
    }
    const error = new ManifestValidationError(problems);
    expect(error.message.length).toBeLessThan(5_000);
  });
});
