import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { InvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isManifestReadError, ManifestReadError } from "../../src/errors/manifest-read-error.js";
import { MAX_LINE_CHARACTERS } from "../../src/limits.js";
import {
  type ManifestRecord,
  readManifest,
  type SplitterStats,
  splitLines,
} from "../../src/manifest/reader.js";
import { collect } from "../support/async.js";
import { CLASSIFICATION_SAMPLE_TEXT, DETECTION_SAMPLE_TEXT } from "./fixtures.js";

/** Yields `bytes` in pieces of `size` bytes, splitting anywhere (even inside a character). */
async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Descriptors this process has open on `path` (Linux: /proc/self/fd), whatever else the runner has open. */
function openDescriptorsOn(path: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

const A = CLASSIFICATION_SAMPLE_TEXT;
const B = DETECTION_SAMPLE_TEXT;
const UNICODE = A.replace("Sunrise", "Lever du soleil é 日の出 😀");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "manifest-reader-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readManifest: line endings, blank lines and numbering", () => {
  it("reads LF lines with 1-based numbers and byte lengths", async () => {
    const records = await collect(readManifest({ text: `${A}\n${B}\n` }));
    expect(records.map((r) => r.lineNumber)).toEqual([1, 2]);
    expect(records.map((r) => r.text)).toEqual([A, B]);
    expect(records.map((r) => r.byteLength)).toEqual([A.length, B.length]);
    expect(records.every((r) => r.problems.length === 0 && r.line !== undefined)).toBe(true);
  });
  it("reads CRLF lines without the CR, and a last line with no newline", async () => {
    const records = await collect(readManifest({ text: `${A}\r\n${B}` }));
    expect(records.map((r) => r.text)).toEqual([A, B]);
    expect(records[0]!.byteLength).toBe(A.length);
  });
  it("skips blank and whitespace-only lines but counts them", async () => {
    const records = await collect(readManifest({ text: `\n${A}\n   \n\t\r\n\r\n${B}\n\n` }));
    expect(records.map((r) => r.lineNumber)).toEqual([2, 6]);
  });
  it("removes a UTF-8 byte order mark at the start, even split across chunks", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${A}\n${B}\n`)]);
    for (const size of [1, 2, 5, 4096]) {
      const records = await collect(readManifest(inPieces(bytes, size)));
      expect(records.map((r) => r.text)).toEqual([A, B]);
      expect(records[0]!.byteLength).toBe(A.length);
      expect(records[0]!.problems).toEqual([]);
    }
    const fromText = await collect(readManifest({ text: `\ufeff${A}` }));
    expect(fromText[0]!.text).toBe(A);
  });
  it("decodes multi-byte characters split across chunks, whatever the chunk size", async () => {
    const text = `${UNICODE}\n${UNICODE}\r\n`;
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const records = await collect(readManifest(inPieces(bytes, size)));
      expect(records.map((r) => r.text)).toEqual([UNICODE, UNICODE]);
      expect(records[0]!.byteLength).toBe(Buffer.byteLength(UNICODE));
    }
  });
  it("joins a surrogate pair split across text chunks", async () => {
    async function* pieces(): AsyncGenerator<string> {
      const text = `${UNICODE}\n`;
      for (let i = 0; i < text.length; i += 3) yield text.slice(i, i + 3);
    }
    const records = await collect(readManifest(pieces()));
    expect(records.map((r) => r.text)).toEqual([UNICODE]);
  });
  it("reports bad lines with their problems and keeps going", async () => {
    const records = await collect(
      readManifest({ text: `${A}\nnot json\n{"source-ref":"s3://bucket/x"}\n${B}` }),
    );
    expect(records.map((r) => [r.lineNumber, r.problems.map((p) => p.code)])).toEqual([
      [1, []],
      [2, ["INVALID_JSON"]],
      [3, ["ERROR_NO_LABEL_ATTRIBUTES"]],
      [4, []],
    ]);
    expect(records[1]!.line).toBeUndefined();
    expect(records[2]!.line).toEqual({ "source-ref": "s3://bucket/x" });
    expect(records[2]!.problems[0]!.lineNumber).toBe(3);
  });
});

describe("readManifest: sources", () => {
  it("reads a file by path and by file: URL", async () => {
    const path = join(dir, "two.manifest");
    await writeFile(path, `${A}\n${UNICODE}\n`);
    for (const source of [path, pathToFileURL(path)]) {
      const records = await collect(readManifest(source, { highWaterMark: 16 }));
      expect(records.map((r) => r.text)).toEqual([A, UNICODE]);
    }
  });
  it("reads a Node readable stream, in bytes or with an encoding set", async () => {
    const bytes = Buffer.from(`${A}\n${B}\n`);
    expect((await collect(readManifest(Readable.from(inPieces(bytes, 10))))).map((r) => r.text)).toEqual([
      A,
      B,
    ]);
    const encoded = Readable.from(inPieces(bytes, 10)).setEncoding("utf8");
    expect((await collect(readManifest(encoded))).map((r) => r.text)).toEqual([A, B]);
  });
  it("treats a string as a file path, not as content", async () => {
    await expect(collect(readManifest(join(dir, "missing.manifest")))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
  it("reads nothing from empty text", async () => {
    expect(await collect(readManifest({ text: "" }))).toEqual([]);
    expect(await collect(readManifest({ text: "\n\n" }))).toEqual([]);
  });
});

describe("readManifest: lines over the limit", () => {
  it("reports an over-long line in the middle with its real byte length, and reads the next lines", async () => {
    const long = `{"source-ref":"s3://bucket/a.jpg","pad":"${"x".repeat(MAX_LINE_CHARACTERS)}"}`;
    const huge = "y".repeat(MAX_LINE_CHARACTERS * 5);
    const text = `${A}\n${long}\r\n${huge}\n${B}\n`;
    for (const source of [{ text }, inPieces(Buffer.from(text), 65_536)]) {
      const records = await collect(readManifest(source));
      expect(records.map((r) => r.lineNumber)).toEqual([1, 2, 3, 4]);
      for (const [record, length] of [
        [records[1]!, long.length],
        [records[2]!, huge.length],
      ] as const) {
        expect(record.text).toBe("");
        expect(record.line).toBeUndefined();
        expect(record.byteLength).toBe(length);
        expect(record.problems.map((p) => p.code)).toEqual(["LINE_TOO_LONG"]);
        expect(record.problems[0]!.message.length).toBeLessThan(300);
      }
      expect(records[3]!.text).toBe(B);
    }
  });
  it("counts the limit in characters: a line of many multi-byte characters under the limit is kept", async () => {
    const line = A.replace("my-job", "é".repeat(MAX_LINE_CHARACTERS - A.length + "my-job".length));
    expect(line.length).toBe(MAX_LINE_CHARACTERS);
    expect(Buffer.byteLength(line)).toBeGreaterThan(MAX_LINE_CHARACTERS);
    const [record] = await collect(readManifest(inPieces(Buffer.from(`${line}\n`), 10_000)));
    expect(record!.problems).toEqual([]);
    expect(record!.text).toBe(line);
  });
  it("holds a bounded number of bytes while reading 20 MB with no newline", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    async function* noNewline(): AsyncGenerator<Uint8Array> {
      while (sent < 20 * 1024 * 1024) {
        sent += chunk.length;
        yield chunk;
      }
    }
    const stats: SplitterStats = { maxBufferedBytes: 0 };
    const lines = [];
    for await (const line of splitLines(noNewline(), stats)) lines.push(line);
    expect(lines).toEqual([{ lineNumber: 1, text: undefined, byteLength: 20 * 1024 * 1024 }]);
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(MAX_LINE_CHARACTERS * 3);
  });
  // How little memory a 20 MB line retains is measured in the benchmark (bench/read.bench.ts), in a child
  // process with its own heap: a heap figure taken inside the test runner is at the mercy of everything else.
});

describe("readManifest: stopping", () => {
  it("destroys the stream when the consumer breaks out of the loop", async () => {
    const stream = Readable.from(inPieces(Buffer.from(`${A}\n${B}\n${A}\n`), 8));
    for await (const record of readManifest(stream)) {
      expect(record.lineNumber).toBe(1);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
  it.runIf(existsSync("/proc/self/fd"))(
    "closes the file when the consumer breaks out of the loop",
    async () => {
      const path = join(dir, "many.manifest");
      await writeFile(path, `${A}\n`.repeat(5_000));
      const openOnFile = () => openDescriptorsOn(path);
      for await (const record of readManifest(path, { highWaterMark: 1024 })) {
        expect(record.lineNumber).toBe(1);
        expect(openOnFile()).toBe(1);
        break;
      }
      // Leaving the loop waits for the stream's `close` event: the descriptor is closed by then.
      expect(openOnFile()).toBe(0);
    },
  );
  it("throws the signal's reason when aborted, before or during reading", async () => {
    const aborted = AbortSignal.abort(new Error("stop now"));
    await expect(collect(readManifest({ text: A }, { abortSignal: aborted }))).rejects.toThrow("stop now");

    const controller = new AbortController();
    const stream = Readable.from(inPieces(Buffer.from(`${A}\n${B}\n${A}\n${B}\n`), 32));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const record of readManifest(stream, { abortSignal: controller.signal })) {
          seen.push(record.lineNumber);
          controller.abort(new Error("user cancelled"));
        }
      })(),
    ).rejects.toThrow("user cancelled");
    expect(seen).toEqual([1]);
    expect(stream.destroyed).toBe(true);
  });
});

describe("readManifest: abort ends the call whatever the source does", () => {
  /** Starts reading and tells, without waiting, whether the read has settled and how. */
  function track(reading: AsyncIterable<ManifestRecord>) {
    const state: { settled: boolean; error?: unknown; records: ManifestRecord[] } = {
      settled: false,
      records: [],
    };
    const done = (async () => {
      try {
        for await (const record of reading) state.records.push(record);
      } catch (error) {
        state.error = error;
      } finally {
        state.settled = true;
      }
    })();
    return { state, done };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it("settles after abort without any further data from a Node stream that never ends, and destroys it", async () => {
    vi.useFakeTimers();
    const stream = new Readable({ read() {} });
    stream.push(`${A}\n`);
    const controller = new AbortController();
    const { state } = track(readManifest(stream, { abortSignal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.records.map((r) => r.lineNumber)).toEqual([1]);
    expect(state.settled).toBe(false);

    const reason = new Error("user cancelled");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(100);
    expect(state.settled).toBe(true);
    expect(state.error).toBe(reason);
    expect(stream.destroyed).toBe(true);
  });

  it("settles after abort from an async iterable that never yields, and starts its return()", async () => {
    vi.useFakeTimers();
    const returned = vi.fn(async () => ({ done: true as const, value: undefined }));
    const silent: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}), return: returned }),
    };
    const controller = new AbortController();
    const { state } = track(readManifest(silent, { abortSignal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.settled).toBe(false);

    controller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(100);
    expect(state.settled).toBe(true);
    expect(state.error).toEqual(new Error("stop"));
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it("does not leave the source's later failure unhandled after an abort", async () => {
    let fail: (error: Error) => void = () => {};
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<never>((_, reject) => {
            fail = reject;
          }),
      }),
    };
    const controller = new AbortController();
    const { state, done } = track(readManifest(failing, { abortSignal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await done;
    expect(state.error).toEqual(new Error("stop"));
    // Would be an unhandled rejection (and fail the run) if nothing listened any more.
    fail(new Error("late failure"));
    await new Promise((resolve) => setImmediate(resolve));
  });

  // mkfifo and /proc/self/fd: Linux.
  it.runIf(existsSync("/proc/self/fd"))(
    "ends a read of a FIFO whose writer opened it but never writes, and closes the FIFO",
    async () => {
      const fifo = join(dir, "silent.fifo");
      execFileSync("mkfifo", [fifo]);
      // The writer opens the FIFO (blocking until the reader has it open too), then holds it without writing.
      const writer = spawn("sh", ["-c", 'exec 3>"$0"; echo opened; exec sleep 60', fifo], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      try {
        const controller = new AbortController();
        const { state, done } = track(readManifest(fifo, { abortSignal: controller.signal }));
        await once(writer.stdout, "data");
        expect(openDescriptorsOn(fifo)).toBe(1);
        expect(state.settled).toBe(false);

        controller.abort(new Error("no data is coming"));
        await done;
        expect(state.error).toEqual(new Error("no data is coming"));
        expect(state.records).toEqual([]);
        expect(openDescriptorsOn(fifo)).toBe(0);
      } finally {
        writer.kill();
      }
    },
  );

  it.skipIf(process.platform === "win32")("reads a FIFO by path to its end", async () => {
    const fifo = join(dir, "talking.fifo");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", 'printf "%s\\n%s\\n" "$1" "$2" >"$0"', fifo, A, B], {
      stdio: "ignore",
    });
    try {
      const records = await collect(readManifest(fifo));
      expect(records.map((r) => r.text)).toEqual([A, B]);
    } finally {
      writer.kill();
    }
  });
});

describe("readManifest: options and unreadable paths", () => {
  it("refuses `signal` at the call, naming `abortSignal`", () => {
    const signal = new AbortController().signal;
    const call = () => readManifest({ text: A }, { signal } as never);
    expect(call).toThrow(InvalidOptionsError);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ option: "signal", didYouMean: "abortSignal" });
    }
  });
  it("refuses null options, a signal that is not an AbortSignal and a bad chunk size", () => {
    expect(() => readManifest({ text: A }, null as never)).toThrow(/Option `options` must be an object/);
    expect(() => readManifest({ text: A }, { abortSignal: {} as never })).toThrow(/`abortSignal`/);
    expect(() => readManifest({ text: A }, { highWaterMark: 0 })).toThrow(/`highWaterMark`/);
    expect(() => readManifest({ text: A }, { highWaterMark: Number.NaN })).toThrow(/got NaN/);
  });
  it("fails with a ManifestReadError naming the path for a missing file, by path or URL", async () => {
    const missing = join(dir, "nowhere", "train.manifest");
    for (const source of [missing, pathToFileURL(missing)]) {
      const error = await collect(readManifest(source)).catch((caught: unknown) => caught);
      expect(isManifestReadError(error)).toBe(true);
      expect(error).toMatchObject({
        name: "ManifestReadError",
        path: missing,
        reason: "not-found",
        code: "ENOENT",
      });
      expect((error as Error).message).toContain(missing);
    }
  });
  it("fails with a ManifestReadError for a directory", async () => {
    const error = await collect(readManifest(dir)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManifestReadError);
    expect(error).toMatchObject({ path: dir, reason: "is-directory" });
  });
});

describe("readManifest: bytes that are not UTF-8", () => {
  it("reports a line in another encoding (Latin-1) as unreadable, and reads the others", async () => {
    const latin1 = Buffer.from(A.replace("Sunrise", "Lever du soleil \u00e9"), "latin1");
    const bytes = Buffer.concat([Buffer.from(`${B}\n`), latin1, Buffer.from(`\n${A}\n`)]);
    const records = await collect(readManifest(inPieces(bytes, 7)));

    expect(records.map((record) => record.lineNumber)).toEqual([1, 2, 3]);
    expect(records[0]?.problems).toEqual([]);
    expect(records[1]?.line).toBeUndefined();
    expect(records[1]?.problems).toEqual([
      expect.objectContaining({ code: "INVALID_JSON", severity: "error", lineNumber: 2 }),
    ]);
    expect(records[1]?.problems[0]?.message).toMatch(/not valid UTF-8/);
    expect(records[1]?.byteLength).toBe(latin1.length);
    expect(records[2]?.problems).toEqual([]);
  });

  it("keeps a line that really contains U+FFFD", async () => {
    const records = await collect(readManifest({ text: A.replace("Sunrise", "Sunrise \uFFFD") }));
    expect(records[0]?.problems).toEqual([]);
    expect(records[0]?.line).toBeDefined();
  });
});
