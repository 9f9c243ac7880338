import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCheckpointFolder, normalizeUploadOptions } from "../../src/client/upload/options.js";
import { isDatasetError } from "../../src/errors/dataset-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the options to be refused");
}

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
    expect(normalizeUploadOptions(undefined)).toEqual(normalizeUploadOptions({}));
  });

  it("keeps zero, which a || default would eat", () => {
    expect(normalizeUploadOptions({ maxBusyResends: 0, maxServiceErrorResends: 0 })).toMatchObject({
      maxBusyResends: 0,
      maxServiceErrorResends: 0,
    });
  });

  it("names the option that is wrong, and its value", () => {
    for (const [options, option, shown] of [
      [{ maxRequestBytes: 1.5 }, "maxRequestBytes", "1.5"],
      [{ maxRequestBytes: MAX_GROUND_TRUTH_BYTES + 1 }, "maxRequestBytes", "5242881"],
      [{ maxServiceErrorResends: Number.NaN }, "maxServiceErrorResends", "NaN"],
      [{ onProgress: "yes" }, "onProgress", '"yes"'],
      [{ abortSignal: {} }, "abortSignal", "{}"],
      [{ abortSignal: new AbortController() }, "abortSignal", "{}"],
      [{ checkpoint: { file: "" } }, "checkpoint", '{"file":""}'],
      [{ wait: 5 }, "wait", "5"],
      [{ wait: null }, "wait", "null"],
      [{ reportFlaggedEntries: "yes" }, "reportFlaggedEntries", '"yes"'],
    ] as const) {
      const error = refusal(() => normalizeUploadOptions(options as never));
      expect(isDatasetError(error, "InvalidOptionsError")).toBe(true);
      expect(error).toMatchObject({ option });
      expect((error as Error).message).toContain(`\`${option}\``);
      expect((error as Error).message).toContain(`got ${shown}`);
    }
  });

  it("refuses options that are not an object", () => {
    for (const options of [null, "fast", 5, [1]]) {
      const error = refusal(() => normalizeUploadOptions(options as never));
      expect(error).toMatchObject({ name: "InvalidOptionsError", option: "options" });
    }
  });

  it("refuses an unknown option with the nearest known name", () => {
    const signal = new AbortController().signal;
    const error = refusal(() => normalizeUploadOptions({ signal } as never));
    expect(error).toMatchObject({ name: "InvalidOptionsError", option: "signal", didYouMean: "abortSignal" });
    expect((error as Error).message).toMatch(/Did you mean `abortSignal`/);
    expect(refusal(() => normalizeUploadOptions({ abortController: signal } as never))).toMatchObject({
      option: "abortController",
      didYouMean: "abortSignal",
    });
    expect(refusal(() => normalizeUploadOptions({ wait: { maxDelays: 3 } } as never))).toMatchObject({
      option: "wait.maxDelays",
      didYouMean: "wait.maxDelay",
    });
  });

  it("checks the wait timings now, naming them under `wait`", () => {
    const error = refusal(() => normalizeUploadOptions({ wait: { minDelay: 10, maxDelay: 1 } }));
    expect(isDatasetError(error, "InvalidOptionsError")).toBe(true);
    expect((error as Error).message).toMatch(/wait/);
    expect((error as Error).message).toMatch(/maxDelay/);
  });
});

describe("checkCheckpointFolder", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "checkpoint-folder-"));
    await writeFile(join(folder, "a-file"), "");
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("accepts a file (existing or not) in an existing folder, and a store of the caller's own", async () => {
    await expect(checkCheckpointFolder({ file: join(folder, "new.json") })).resolves.toBeUndefined();
    await expect(checkCheckpointFolder(undefined)).resolves.toBeUndefined();
    const store = { load: async () => undefined, save: async () => {} };
    await expect(checkCheckpointFolder(store)).resolves.toBeUndefined();
  });

  it("refuses a file in a folder that does not exist, or under a file, naming checkpoint.file", async () => {
    for (const file of [join(folder, "missing", "c.json"), join(folder, "a-file", "c.json")]) {
      const error = await checkCheckpointFolder({ file }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "InvalidOptionsError", option: "checkpoint.file" });
      expect((error as Error).message).toContain(JSON.stringify(file));
    }
  });
});
