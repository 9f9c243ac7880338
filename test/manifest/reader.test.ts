import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LINE_CHARACTERS } from "../../src/limits.js";
import {
  type ManifestRecord,
  readManifest,
  type SplitterStats,
  splitLines,
} from "../../src/manifest/reader.js";
import { CLASSIFICATION_SAMPLE_TEXT, DETECTION_SAMPLE_TEXT } from "./fixtures.js";

async function collect(iterable: AsyncIterable<ManifestRecord>): Promise<ManifestRecord[]> {
  const records: ManifestRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

/** Yields `bytes` in pieces of `size` bytes, splitting anywhere (even inside a character). */
async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
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
    for await (const line of splitLines(noNewline(), undefined, stats)) lines.push(line);
    expect(lines).toEqual([{ lineNumber: 1, text: undefined, byteLength: 20 * 1024 * 1024 }]);
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(MAX_LINE_CHARACTERS * 3);
  });
  it("retains little memory while reading a 20 MB line from a file", async () => {
    // Chunks already read are garbage, not retained: collect it so only what the reader holds is measured.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const path = join(dir, "no-newline.manifest");
    await writeFile(path, Buffer.alloc(20 * 1024 * 1024, 0x61));
    gc();
    const before = process.memoryUsage();
    let peak = 0;
    let samples = 0;
    const records: ManifestRecord[] = [];
    const reading = readManifest(path, { highWaterMark: 256 * 1024 });
    const sampler = setInterval(() => {
      gc();
      samples++;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before.arrayBuffers);
    }, 1);
    try {
      for await (const record of reading) records.push(record);
    } finally {
      clearInterval(sampler);
    }
    gc();
    const after = process.memoryUsage();
    expect(records).toHaveLength(1);
    expect(records[0]!.problems[0]!.code).toBe("LINE_TOO_LONG");
    // Holding the whole line would take 20 MB in one of these; the bound is 3 x 100,000 bytes plus chunks.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(2 * 1024 * 1024);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
    expect(samples).toBeGreaterThan(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
  });
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
      // Descriptors open on this very file, whatever else the test runner has open.
      const openOnFile = () =>
        readdirSync("/proc/self/fd").filter((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`) === path;
          } catch {
            return false;
          }
        }).length;
      for await (const record of readManifest(path, { highWaterMark: 1024 })) {
        expect(record.lineNumber).toBe(1);
        expect(openOnFile()).toBe(1);
        break;
      }
      // The stream closes its descriptor asynchronously once destroyed: wait for that event, bounded.
      for (let turn = 0; turn < 1000 && openOnFile() > 0; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(openOnFile()).toBe(0);
    },
  );
  it("throws the signal's reason when aborted, before or during reading", async () => {
    const aborted = AbortSignal.abort(new Error("stop now"));
    await expect(collect(readManifest({ text: A }, { signal: aborted }))).rejects.toThrow("stop now");

    const controller = new AbortController();
    const stream = Readable.from(inPieces(Buffer.from(`${A}\n${B}\n${A}\n${B}\n`), 32));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const record of readManifest(stream, { signal: controller.signal })) {
          seen.push(record.lineNumber);
          controller.abort(new Error("user cancelled"));
        }
      })(),
    ).rejects.toThrow("user cancelled");
    expect(seen).toEqual([1]);
    expect(stream.destroyed).toBe(true);
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
