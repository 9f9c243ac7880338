/**
 * Where converted text goes: a file written atomically (a temporary file next to it, renamed into place
 * only on success), a stream (with `strict`, spooled to a temporary file first so that a refused run sends
 * nothing), or nowhere (a dry run). Text is written in chunks as it is made: never the whole output in memory.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

/** Bytes gathered before one write: few system calls, little memory. */
const WRITE_BUFFER_CHARS = 1024 * 1024;

/** A destination for text. @internal */
export interface OutputSink {
  /** Adds text (awaits when the destination needs to catch up). */
  write(text: string): Promise<void>;
  /** Makes the output final. */
  commit(): Promise<void>;
  /** Removes what a failed run left. */
  discard(): Promise<void>;
}

function temporaryName(folder: string, name: string): string {
  return join(folder, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
}

async function temporaryFile(
  path: string,
): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> {
  const handle = await open(path, "wx");
  let pending: string[] = [];
  let pendingChars = 0;
  let closed = false;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    pendingChars = 0;
    await handle.write(chunk);
  };
  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= WRITE_BUFFER_CHARS) await flush();
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await flush();
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

/** A file written to a temporary file in its folder (so the rename is atomic) and renamed on commit. */
async function fileSink(file: string): Promise<OutputSink> {
  const temporary = temporaryName(dirname(file), basename(file));
  const out = await temporaryFile(temporary);
  return {
    write: (text) => out.write(text),
    async commit() {
      await out.close();
      await rename(temporary, file);
    },
    async discard() {
      await out.close().catch(() => undefined);
      await rm(temporary, { force: true });
    },
  };
}

async function drained(stream: NodeJS.WritableStream, signal: AbortSignal | undefined): Promise<void> {
  await once(stream as unknown as NodeJS.EventEmitter, "drain", signal === undefined ? {} : { signal });
}

/** A stream written as lines are made. */
function streamSink(stream: NodeJS.WritableStream, signal: AbortSignal | undefined): OutputSink {
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    pendingChars = 0;
    if (!stream.write(chunk)) await drained(stream, signal);
  };
  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      // Smaller chunks than a file's: a reader of the stream sees lines soon.
      if (pendingChars >= 64 * 1024) await flush();
    },
    commit: flush,
    async discard() {},
  };
}

/** A stream that must get nothing unless the run succeeds: spooled to a temporary file, then copied. */
async function spooledStreamSink(
  stream: NodeJS.WritableStream,
  signal: AbortSignal | undefined,
): Promise<OutputSink> {
  const temporary = temporaryName(tmpdir(), "rekognition-datasets-convert");
  const out = await temporaryFile(temporary);
  return {
    write: (text) => out.write(text),
    async commit() {
      await out.close();
      try {
        for await (const chunk of createReadStream(temporary, signal === undefined ? {} : { signal })) {
          if (!stream.write(chunk as Buffer)) await drained(stream, signal);
        }
      } finally {
        await rm(temporary, { force: true });
      }
    },
    async discard() {
      await out.close().catch(() => undefined);
      await rm(temporary, { force: true });
    },
  };
}

const discardSink: OutputSink = {
  async write() {},
  async commit() {},
  async discard() {},
};

/**
 * The sink for a run's `output`, `dryRun` and `strict`.
 *
 * @internal
 */
export async function openOutput(
  output: string | NodeJS.WritableStream | undefined,
  options: {
    readonly dryRun: boolean;
    readonly strict: boolean;
    readonly abortSignal: AbortSignal | undefined;
  },
): Promise<OutputSink> {
  if (options.dryRun || output === undefined) return discardSink;
  if (typeof output === "string") return fileSink(output);
  return options.strict
    ? spooledStreamSink(output, options.abortSignal)
    : streamSink(output, options.abortSignal);
}
