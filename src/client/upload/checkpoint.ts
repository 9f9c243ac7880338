/**
 * Where an upload records how far it got: a caller's own store, or a JSON file replaced atomically.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import type { Checkpoint, CheckpointOption, CheckpointStore } from "./types.js";

/**
 * Tells whether `value` is a well-formed version-1 checkpoint.
 *
 * @param value - anything loaded.
 */
export function isCheckpoint(value: unknown): value is Checkpoint {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.version === 1 &&
    typeof candidate.datasetArn === "string" &&
    Number.isSafeInteger(candidate.appliedLines) &&
    (candidate.appliedLines as number) >= 0 &&
    Number.isSafeInteger(candidate.appliedThroughLine) &&
    (candidate.appliedThroughLine as number) >= 0 &&
    typeof candidate.fingerprint === "string" &&
    /^[0-9a-f]{64}$/.test(candidate.fingerprint)
  );
}

/**
 * A checkpoint kept in a JSON file. Saving writes a temporary file next to it and renames it over the old
 * one, so a crash mid-save leaves either the previous checkpoint or the new one, never half of one.
 */
export class FileCheckpointStore implements CheckpointStore {
  /** The checkpoint file's path. */
  readonly file: string;

  /** @param file - the checkpoint file's path; its folder must exist. */
  constructor(file: string) {
    this.file = file;
  }

  /**
   * Reads the checkpoint: `undefined` when the file does not exist. Whatever the file holds is returned as
   * parsed; the upload checks its shape (a corrupt file refuses the resume rather than starting over).
   */
  async load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return JSON.parse(text) as Checkpoint;
  }

  /**
   * Replaces the checkpoint atomically (temporary file in the same folder, then rename).
   *
   * @param checkpoint - the checkpoint to store.
   */
  async save(checkpoint: Checkpoint): Promise<void> {
    const temporary = `${this.file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`, { flush: true });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/**
 * The store behind an upload's `checkpoint` option.
 *
 * @param option - a store, or `{ file }`.
 */
export function checkpointStore(option: CheckpointOption): CheckpointStore {
  return "file" in option ? new FileCheckpointStore(option.file) : option;
}
