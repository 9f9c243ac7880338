/**
 * Opening a manifest file for the streaming reader: a typed error naming the path for a missing file or a
 * directory, and a FIFO read without tying up a thread, so an abort can always end the read.
 *
 * @module
 * @internal
 */
import { constants, createReadStream, open, type ReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { ManifestReadError } from "../errors/manifest-read-error.js";

/** An opened manifest file: its chunks, and how to free it at once after an abort. @internal */
export interface OpenedManifestFile {
  /** The file's bytes; leaving the loop early closes the file, and waits until it is closed. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Frees the file without waiting for a read in progress (what an abort needs). */
  readonly release: () => void;
}

function systemCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A system error met while opening or reading `path`, as the typed error that names the path. */
function readError(error: unknown, path: string): ManifestReadError {
  const code = systemCode(error);
  const reason =
    code === "ENOENT" || code === "ENOTDIR" ? "not-found" : code === "EISDIR" ? "is-directory" : "unreadable";
  return new ManifestReadError({ path, reason, ...(code === undefined ? {} : { code }), cause: error });
}

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * A FIFO's reading end, opened non-blocking and read through a pipe handle: a blocking open or read would
 * hold one of libuv's few threads until a writer comes or writes, and could not be interrupted.
 */
async function openFifo(path: string, signal: AbortSignal | undefined): Promise<OpenedManifestFile> {
  const opening = new Promise<number>((resolve, reject) => {
    open(path, constants.O_RDONLY | constants.O_NONBLOCK, (error, fd) =>
      error === null ? resolve(fd) : reject(readError(error, path)),
    );
  });
  let fd: number;
  try {
    fd = await untilAborted(opening, signal);
  } catch (error) {
    // Aborted while opening (a non-blocking open is quick, but not instant): close what it opens.
    opening
      .then((late) => new Socket({ fd: late, readable: true, writable: false }).destroy())
      .catch(() => {});
    throw error;
  }
  const socket = new Socket({ fd, readable: true, writable: false });
  return { chunks: closingOnExit(socket, path), release: () => socket.destroy() };
}

/** The stream's chunks; on leaving early, destroys it and waits for its `close` (the descriptor is then closed). */
async function* closingOnExit(
  stream: ReadStream | Socket,
  path: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    throw readError(error, path);
  } finally {
    if (!stream.destroyed) stream.destroy();
    if (!stream.closed) await new Promise((resolve) => stream.once("close", resolve));
  }
}

/**
 * Opens a manifest file. Fails with a {@link ManifestReadError} naming the path when it does not exist, is
 * a directory, or cannot be opened or read.
 *
 * @param source - a path or `file:` URL.
 * @param chunkBytes - size of the chunks read from a regular file.
 * @param signal - ends the opening when aborted.
 * @internal
 */
export async function openManifestFile(
  source: string | URL,
  chunkBytes: number,
  signal: AbortSignal | undefined,
): Promise<OpenedManifestFile> {
  const path = source instanceof URL ? fileURLToPath(source) : source;
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await untilAborted(stat(path), signal);
  } catch (error) {
    throw signal?.aborted === true ? error : readError(error, path);
  }
  if (stats.isDirectory()) throw new ManifestReadError({ path, reason: "is-directory" });
  if (stats.isFIFO()) return openFifo(path, signal);
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  return { chunks: closingOnExit(stream, path), release: () => stream.destroy() };
}
