import { describe, expect, it } from "vitest";
import { normalizeUploadOptions } from "../../src/client/upload/options.js";
import { isInvalidUploadOptionsError } from "../../src/errors/invalid-upload-options-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";

describe("normalizeUploadOptions", () => {
  it("fills in the documented defaults", () => {
    expect(normalizeUploadOptions({})).toEqual({
      onInvalidLine: "stop",
      maxRequestBytes: MAX_GROUND_TRUTH_BYTES,
      maxBusyResends: 5,
      maxServiceErrorResends: 3,
      maxListedInvalidLines: 100,
      wait: {},
      onProgress: undefined,
      abortSignal: undefined,
      checkpoint: undefined,
      reportFlaggedEntries: false,
    });
  });

  it("keeps zero, which a || default would eat", () => {
    expect(normalizeUploadOptions({ maxBusyResends: 0, maxServiceErrorResends: 0 })).toMatchObject({
      maxBusyResends: 0,
      maxServiceErrorResends: 0,
    });
  });

  it("names the option that is wrong", () => {
    for (const [options, option] of [
      [{ maxRequestBytes: 1.5 }, "maxRequestBytes"],
      [{ maxRequestBytes: MAX_GROUND_TRUTH_BYTES + 1 }, "maxRequestBytes"],
      [{ maxServiceErrorResends: Number.NaN }, "maxServiceErrorResends"],
      [{ onProgress: "yes" }, "onProgress"],
      [{ abortSignal: {} }, "abortSignal"],
      [{ checkpoint: { file: "" } }, "checkpoint"],
    ] as const) {
      let error: unknown;
      try {
        normalizeUploadOptions(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(isInvalidUploadOptionsError(error)).toBe(true);
      expect(error).toMatchObject({ option });
      expect((error as Error).message).toContain(option);
    }
  });
});
