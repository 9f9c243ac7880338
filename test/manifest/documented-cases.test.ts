/** The validator against the lines whose fate AWS's documentation states (test/documented-cases.ts). */
import { describe, expect, it } from "vitest";
import { validateLine } from "../../src/manifest/validate.js";
import { DOCUMENTED_CASES } from "../documented-cases.js";

describe("validateLine: the documented cases", () => {
  it.each(DOCUMENTED_CASES.map((c) => [c.name, c] as const))("%s", (_name, documented) => {
    const problems = validateLine(documented.line);
    const codes = problems.map((p) => p.code);
    for (const code of documented.codes)
      expect(codes, `${documented.documented} (${documented.page})`).toContain(code);
    expect(problems.some((p) => p.severity === "error")).toBe(documented.hasErrors);
    if (documented.codes.length === 0) expect(problems).toEqual([]);
  });
});
