import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkpointStore, FileCheckpointStore, isCheckpoint } from "../../src/client/upload/checkpoint.js";
import type { Checkpoint } from "../../src/client/upload/types.js";

const checkpoint: Checkpoint = {
  version: 1,
  datasetArn: "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1",
  appliedLines: 10,
  appliedThroughLine: 12,
  fingerprint: "a".repeat(64),
};

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "upload-checkpoint-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("FileCheckpointStore", () => {
  it("loads nothing when the file does not exist yet", async () => {
    await expect(new FileCheckpointStore(join(folder, "missing.json")).load()).resolves.toBeUndefined();
  });

  it("saves JSON that loads back the same", async () => {
    const store = new FileCheckpointStore(join(folder, "cp.json"));
    await store.save(checkpoint);
    await expect(store.load()).resolves.toEqual(checkpoint);
    expect(JSON.parse(await readFile(join(folder, "cp.json"), "utf8"))).toEqual(checkpoint);
  });

  it("replaces the file atomically and leaves no temporary file behind", async () => {
    const store = new FileCheckpointStore(join(folder, "cp.json"));
    await store.save(checkpoint);
    await store.save({ ...checkpoint, appliedLines: 20 });
    expect(await readdir(folder)).toEqual(["cp.json"]);
    await expect(store.load()).resolves.toMatchObject({ appliedLines: 20 });
  });

  it("keeps the previous checkpoint whole when a save fails before the rename", async () => {
    const file = join(folder, "cp.json");
    const store = new FileCheckpointStore(file);
    await store.save(checkpoint);
    // A non-empty folder in place of the target makes the rename fail after the temporary file is written.
    await mkdir(join(folder, "sub", "inner"), { recursive: true });
    const blocked = new FileCheckpointStore(join(folder, "sub"));
    await expect(blocked.save(checkpoint)).rejects.toThrow();
    expect((await readdir(folder)).sort()).toEqual(["cp.json", "sub"]);
    await expect(store.load()).resolves.toEqual(checkpoint);
  });

  it("passes a corrupt file's parse error on, so that a resume is refused rather than restarted", async () => {
    await writeFile(join(folder, "cp.json"), "{ not json");
    await expect(new FileCheckpointStore(join(folder, "cp.json")).load()).rejects.toThrow(SyntaxError);
  });
});

describe("checkpointStore", () => {
  it("uses a file store for { file } and the caller's store as it is", () => {
    expect(checkpointStore({ file: join(folder, "x.json") })).toBeInstanceOf(FileCheckpointStore);
    const own = { load: vi.fn(), save: vi.fn() };
    expect(checkpointStore(own)).toBe(own);
  });
});

describe("isCheckpoint", () => {
  it("accepts a version-1 checkpoint and refuses anything else", () => {
    expect(isCheckpoint(checkpoint)).toBe(true);
    expect(isCheckpoint({ ...checkpoint, version: 2 })).toBe(false);
    expect(isCheckpoint({ ...checkpoint, appliedLines: -1 })).toBe(false);
    expect(isCheckpoint({ ...checkpoint, fingerprint: "xyz" })).toBe(false);
    expect(isCheckpoint(null)).toBe(false);
    expect(isCheckpoint("checkpoint")).toBe(false);
  });
});
