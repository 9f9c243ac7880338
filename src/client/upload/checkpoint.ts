/**
 * Where an upload records how far it got: a caller's own store, or a JSON file replaced atomically. Whatever
 * a store loads is checked here, in one place, before the upload trusts it.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { CheckpointMismatchError } from "../../errors/checkpoint-mismatch-error.js";
import { isDatasetStatus } from "../describe.js";
import type { DatasetDescription } from "../types.js";
import type { RequestPlan } from "./pack.js";
import type { Checkpoint, CheckpointOption, CheckpointStore, PendingRequestCheckpoint } from "./types.js";

const SHA256_HEX = /^[0-9a-f]{64}$/;

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isFingerprint(value: unknown): value is string {
  return typeof value === "string" && SHA256_HEX.test(value);
}

function parsePendingRequest(value: unknown, done: number): PendingRequestCheckpoint | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const pending = value as Record<string, unknown>;
  const { firstLine, lastLine, lines, bytes, inputLinesDone, lastLineDone, fingerprint } = pending;
  const { statusBefore, lastUpdatedBefore } = pending;
  if (
    !isCount(firstLine) ||
    !isCount(lastLine) ||
    !isCount(lines) ||
    !isCount(bytes) ||
    !isCount(inputLinesDone) ||
    inputLinesDone <= done ||
    !isCount(lastLineDone) ||
    !isFingerprint(fingerprint)
  ) {
    return undefined;
  }
  if (statusBefore !== undefined && !isDatasetStatus(statusBefore)) {
    return undefined;
  }
  if (
    lastUpdatedBefore !== undefined &&
    !(typeof lastUpdatedBefore === "string" && Number.isFinite(Date.parse(lastUpdatedBefore)))
  ) {
    return undefined;
  }
  return {
    firstLine,
    lastLine,
    lines,
    bytes,
    inputLinesDone,
    lastLineDone,
    fingerprint,
    ...(statusBefore === undefined ? {} : { statusBefore }),
    ...(lastUpdatedBefore === undefined ? {} : { lastUpdatedBefore }),
  };
}

/**
 * Reads a loaded checkpoint: a version-2 checkpoint as it is, a version-1 one (saved by an earlier release,
 * with `appliedLines`/`appliedThroughLine` and no pending request) as the same position in version 2.
 * `undefined` for anything else.
 *
 * @param value - anything a store loaded.
 * @internal
 */
export function parseCheckpoint(value: unknown): Checkpoint | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.datasetArn !== "string" || !isFingerprint(candidate.fingerprint)) return undefined;
  const version = candidate.version;
  const done = version === 1 ? candidate.appliedLines : candidate.inputLinesDone;
  const lastLine = version === 1 ? candidate.appliedThroughLine : candidate.lastLineDone;
  if ((version !== 1 && version !== 2) || !isCount(done) || !isCount(lastLine)) return undefined;
  const position = {
    version: 2,
    datasetArn: candidate.datasetArn,
    inputLinesDone: done,
    lastLineDone: lastLine,
    fingerprint: candidate.fingerprint,
  } as const;
  if (version === 1 || candidate.pendingRequest === undefined) return position;
  const pendingRequest = parsePendingRequest(candidate.pendingRequest, done);
  return pendingRequest === undefined ? undefined : { ...position, pendingRequest };
}

/**
 * The checkpoint of an upload at `position`, with `pending`, the request about to be sent and the dataset's
 * description just before it, when there is one.
 *
 * @param datasetArn - the dataset.
 * @param position - the input lines done, their fingerprint, and the last one's line number.
 * @param pending - the request about to be sent, and the latest description of the dataset.
 * @internal
 */
export function checkpointAt(
  datasetArn: string,
  position: Pick<Checkpoint, "inputLinesDone" | "lastLineDone" | "fingerprint">,
  pending: readonly [RequestPlan, DatasetDescription | undefined] | undefined,
): Checkpoint {
  const checkpoint: Checkpoint = { version: 2, datasetArn, ...position };
  if (pending === undefined) return checkpoint;
  const [request, before] = pending;
  if (request.fingerprint === undefined) return checkpoint;
  return {
    ...checkpoint,
    pendingRequest: {
      firstLine: request.firstLine,
      lastLine: request.lastLine,
      lines: request.lines,
      bytes: request.bytes,
      inputLinesDone: request.inputEnd,
      lastLineDone: request.throughLine,
      fingerprint: request.fingerprint,
      ...(before?.status === undefined ? {} : { statusBefore: before.status }),
      ...(before?.lastUpdatedTimestamp === undefined
        ? {}
        : { lastUpdatedBefore: before.lastUpdatedTimestamp.toISOString() }),
    },
  };
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
   * Reads the checkpoint: `undefined` when the file does not exist. A version-1 checkpoint is returned as
   * the same position in version 2.
   *
   * @throws {@link CheckpointMismatchError} (`reason: "unreadable"`, naming the file) when the file cannot
   *   be read or does not hold a checkpoint: a corrupt file refuses the resume rather than starting over.
   */
  async load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw this.#unreadable(error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw this.#unreadable(error);
    }
    const checkpoint = parseCheckpoint(parsed);
    if (checkpoint === undefined) throw this.#unreadable(undefined, parsed);
    return checkpoint;
  }

  #unreadable(cause: unknown, parsed?: unknown): CheckpointMismatchError {
    const datasetArn = (parsed as { datasetArn?: unknown } | undefined)?.datasetArn;
    return new CheckpointMismatchError({
      reason: "unreadable",
      checkpointFile: this.file,
      ...(typeof datasetArn === "string" ? { checkpointDatasetArn: datasetArn } : {}),
      ...(cause === undefined ? {} : { cause }),
    });
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
