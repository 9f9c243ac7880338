import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  checkpointAt,
  checkpointStore,
  FileCheckpointStore,
  parseCheckpoint,
} from "../../src/client/upload/checkpoint.js";
import type { Checkpoint } from "../../src/client/upload/types.js";
import { isCheckpointMismatchError } from "../../src/errors/checkpoint-mismatch-error.js";
import { folderPerTest } from "../support/files.js";

const pendingRequest = {
  firstLine: 13,
  lastLine: 20,
  lines: 8,
  bytes: 1900,
  inputLinesDone: 18,
  lastLineDone: 20,
  fingerprint: "b".repeat(64),
  statusBefore: "UPDATE_COMPLETE",
  lastUpdatedBefore: "2026-01-01T00:00:00.123Z",
} as const;

const checkpoint: Checkpoint = {
  version: 2,
  datasetArn: "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1",
  inputLinesDone: 10,
  lastLineDone: 12,
  fingerprint: "a".repeat(64),
};

const folder = folderPerTest("upload-checkpoint-");

describe("FileCheckpointStore", () => {
  it("loads nothing when the file does not exist yet", async () => {
    await expect(new FileCheckpointStore(join(folder(), "missing.json")).load()).resolves.toBeUndefined();
  });

  it("saves JSON that loads back the same", async () => {
    const store = new FileCheckpointStore(join(folder(), "cp.json"));
    await store.save(checkpoint);
    await expect(store.load()).resolves.toEqual(checkpoint);
    expect(JSON.parse(await readFile(join(folder(), "cp.json"), "utf8"))).toEqual(checkpoint);
  });

  it("replaces the file atomically and leaves no temporary file behind", async () => {
    const store = new FileCheckpointStore(join(folder(), "cp.json"));
    await store.save(checkpoint);
    await store.save({ ...checkpoint, inputLinesDone: 20 });
    expect(await readdir(folder())).toEqual(["cp.json"]);
    await expect(store.load()).resolves.toMatchObject({ inputLinesDone: 20 });
  });

  it("keeps the previous checkpoint whole when a save fails before the rename", async () => {
    const file = join(folder(), "cp.json");
    const store = new FileCheckpointStore(file);
    await store.save(checkpoint);
    // A non-empty folder() in place of the target makes the rename fail after the temporary file is written.
    await mkdir(join(folder(), "sub", "inner"), { recursive: true });
    const blocked = new FileCheckpointStore(join(folder(), "sub"));
    await expect(blocked.save(checkpoint)).rejects.toThrow();
    expect((await readdir(folder())).sort()).toEqual(["cp.json", "sub"]);
    await expect(store.load()).resolves.toEqual(checkpoint);
  });

  it("refuses a corrupt file as unreadable, naming it, so that a resume is refused rather than restarted", async () => {
    const file = join(folder(), "cp.json");
    for (const text of ["{ not json", JSON.stringify({ ...checkpoint, inputLinesDone: "ten" }), "[]"]) {
      await writeFile(file, text);
      const error = await new FileCheckpointStore(file).load().catch((caught: unknown) => caught);
      expect(isCheckpointMismatchError(error)).toBe(true);
      expect(error).toMatchObject({ reason: "unreadable", checkpointFile: file, result: undefined });
      expect((error as Error).message).toContain(file);
    }
  });

  it("reads a version-1 checkpoint as the same position in version 2", async () => {
    const file = join(folder(), "cp.json");
    const { datasetArn, fingerprint } = checkpoint;
    await writeFile(
      file,
      JSON.stringify({ version: 1, datasetArn, appliedLines: 10, appliedThroughLine: 12, fingerprint }),
    );
    await expect(new FileCheckpointStore(file).load()).resolves.toEqual(checkpoint);
  });

  it("keeps a pending request through a save and a load", async () => {
    const store = new FileCheckpointStore(join(folder(), "cp.json"));
    await store.save({ ...checkpoint, pendingRequest });
    await expect(store.load()).resolves.toEqual({ ...checkpoint, pendingRequest });
  });
});

describe("checkpointStore", () => {
  it("uses a file store for { file } and the caller's store as it is", () => {
    expect(checkpointStore({ file: join(folder(), "x.json") })).toBeInstanceOf(FileCheckpointStore);
    const own = { load: vi.fn(), save: vi.fn() };
    expect(checkpointStore(own)).toBe(own);
  });
});

describe("parseCheckpoint", () => {
  it("accepts version 2, with or without a pending request, and refuses anything malformed", () => {
    expect(parseCheckpoint(checkpoint)).toEqual(checkpoint);
    expect(parseCheckpoint({ ...checkpoint, pendingRequest })).toEqual({ ...checkpoint, pendingRequest });
    for (const bad of [
      { ...checkpoint, version: 3 },
      { ...checkpoint, inputLinesDone: -1 },
      { ...checkpoint, lastLineDone: 1.5 },
      { ...checkpoint, fingerprint: "xyz" },
      { ...checkpoint, datasetArn: 7 },
      { ...checkpoint, pendingRequest: { ...pendingRequest, inputLinesDone: 10 } },
      { ...checkpoint, pendingRequest: { ...pendingRequest, fingerprint: "b" } },
      { ...checkpoint, pendingRequest: { ...pendingRequest, statusBefore: "DONE" } },
      { ...checkpoint, pendingRequest: { ...pendingRequest, lastUpdatedBefore: "yesterday" } },
      { ...checkpoint, pendingRequest: "next" },
      null,
      "checkpoint",
    ]) {
      expect(parseCheckpoint(bad)).toBeUndefined();
    }
  });

  it("reads version 1 by its own field names", () => {
    const { datasetArn, fingerprint } = checkpoint;
    expect(
      parseCheckpoint({ version: 1, datasetArn, appliedLines: 10, appliedThroughLine: 12, fingerprint }),
    ).toEqual(checkpoint);
    expect(
      parseCheckpoint({ version: 1, datasetArn, inputLinesDone: 10, lastLineDone: 12, fingerprint }),
    ).toBe(undefined);
  });
});

describe("checkpointAt", () => {
  const position = { inputLinesDone: 10, lastLineDone: 12, fingerprint: "a".repeat(64) };
  const request = {
    index: 3,
    firstLine: 13,
    lastLine: 20,
    lines: 8,
    bytes: 1900,
    inputEnd: 18,
    throughLine: 20,
    fingerprint: "b".repeat(64),
    duplicatesReplaced: [],
  };

  it("records the position alone once a request is applied", () => {
    expect(checkpointAt(checkpoint.datasetArn, position, undefined)).toEqual(checkpoint);
  });

  it("records the request about to be sent with the dataset's state before it, in a form that loads back", () => {
    const before = {
      datasetArn: checkpoint.datasetArn,
      status: "UPDATE_COMPLETE" as const,
      lastUpdatedTimestamp: new Date("2026-01-01T00:00:00.123Z"),
      statistics: {},
    };
    const saved = checkpointAt(checkpoint.datasetArn, position, [request, before]);
    expect(saved).toEqual({ ...checkpoint, pendingRequest });
    expect(parseCheckpoint(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });
});
