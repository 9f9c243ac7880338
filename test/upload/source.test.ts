import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isRereadableSource,
  readUploadSource,
  recordFromLine,
  recordFromText,
  type UploadRecord,
} from "../../src/client/upload/source.js";
import { uploadDataset } from "../../src/client/upload/upload.js";
import { isUploadAbortedError } from "../../src/errors/upload-aborted-error.js";
import { MAX_LINE_CHARACTERS } from "../../src/limits.js";
import { collect } from "../support/async.js";
import { labelLine } from "../support/lines.js";
import { ARN, FakeOperations } from "./fake-operations.js";

/** Every record `readUploadSource` yields for `source`. */
function read(source: Parameters<typeof readUploadSource>[0]): Promise<UploadRecord[]> {
  return collect(readUploadSource(source));
}

const text = JSON.stringify(labelLine(1));

describe("readUploadSource", () => {
  it("serializes typed lines and numbers them by position", async () => {
    const records = await read([labelLine(1), labelLine(2)]);
    expect(records.map((record) => [record.lineNumber, record.text])).toEqual([
      [1, text],
      [2, JSON.stringify(labelLine(2))],
    ]);
    expect(records[0]).toMatchObject({
      byteLength: Buffer.byteLength(text),
      problems: [],
      line: labelLine(1),
    });
  });

  it("keeps strings as they are, skips blank ones without renumbering the rest", async () => {
    const records = await read(["  ", text, "\t"]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ lineNumber: 2, text });
  });

  it("counts bytes, not characters", async () => {
    const [record] = await read([{ ...labelLine(1), note: "été 😀" }]);
    expect(record!.byteLength).toBe(Buffer.byteLength(record!.text));
    expect(record!.byteLength).toBeGreaterThan(record!.text.length);
  });

  it("reports problems of invalid items instead of throwing", async () => {
    const records = await read(["{nope", 42 as unknown as string, { "source-ref": "s3://b/x.jpg" }]);
    expect(records.map((record) => record.problems.map((problem) => problem.code))).toEqual([
      ["INVALID_JSON"],
      ["INVALID_JSON"],
      ["ERROR_NO_LABEL_ATTRIBUTES"],
    ]);
    expect(records[0]).not.toHaveProperty("line");
    expect(
      records.every((record, i) => record.problems.every((problem) => problem.lineNumber === i + 1)),
    ).toBe(true);
  });

  it("reports a typed line that serializes over the line limit", async () => {
    const [record] = await read([{ ...labelLine(1), note: "x".repeat(MAX_LINE_CHARACTERS) }]);
    expect(record!.problems.map((problem) => problem.code)).toContain("LINE_TOO_LONG");
  });

  it("reports a typed line that cannot be serialized", async () => {
    const [record] = await read([{ ...labelLine(1), big: 1n }]);
    expect(record!.problems.map((problem) => problem.code)).toContain("INVALID_JSON");
    expect(record!.text).toBe("");
  });

  it("puts a string that spans several lines back on one line", async () => {
    const [record] = await read([JSON.stringify(labelLine(1), null, 2)]);
    expect(record!.text).toBe(text);
  });

  it("reads files by path or URL, and streams, with physical line numbers", async () => {
    const folder = await mkdtemp(join(tmpdir(), "upload-source-"));
    try {
      const file = join(folder, "m.jsonl");
      await writeFile(file, `\n${text}\r\n\n${text}`);
      for (const source of [file, pathToFileURL(file), Readable.from([`\n${text}\r\n\n${text}`])]) {
        const records = await read(source);
        expect(records.map((record) => [record.lineNumber, record.text])).toEqual([
          [2, text],
          [4, text],
        ]);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const records = readUploadSource([labelLine(1), labelLine(2)], { signal: controller.signal });
    await records.next();
    controller.abort(new Error("enough"));
    await expect(records.next()).rejects.toThrow("enough");
  });
});

describe("readUploadSource and upload: abort ends a silent source at once", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts consuming and tells, without waiting, whether it has settled and with what. */
  function track(consume: Promise<unknown>) {
    const state: { settled: boolean; error?: unknown } = { settled: false };
    consume.then(
      () => {
        state.settled = true;
      },
      (error: unknown) => {
        state.settled = true;
        state.error = error;
      },
    );
    return state;
  }

  it("settles after abort without any further item from an async iterable that never yields", async () => {
    vi.useFakeTimers();
    async function* oneThenSilence(): AsyncGenerator<string> {
      yield text;
      await new Promise<never>(() => {});
    }
    const controller = new AbortController();
    const records = readUploadSource(oneThenSilence(), { signal: controller.signal });
    expect((await records.next()).value?.lineNumber).toBe(1);
    const state = track(records.next());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.settled).toBe(false);
    controller.abort(new Error("enough"));
    await vi.advanceTimersByTimeAsync(100);
    expect(state).toEqual({ settled: true, error: new Error("enough") });
  });

  it("ends an upload over a Node stream that never ends with UploadAbortedError, and destroys the stream", async () => {
    vi.useFakeTimers();
    const stream = new Readable({ read() {} });
    stream.push(`${text}\n`);
    const operations = new FakeOperations();
    const controller = new AbortController();
    const state = track(uploadDataset(operations, ARN, stream, { abortSignal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.settled).toBe(false);
    controller.abort(new Error("user cancelled"));
    await vi.advanceTimersByTimeAsync(100);
    expect(state.settled).toBe(true);
    expect(isUploadAbortedError(state.error)).toBe(true);
    expect((state.error as Error).cause).toEqual(new Error("user cancelled"));
    expect(stream.destroyed).toBe(true);
    expect(operations.calls.filter((call) => call.op === "send")).toEqual([]);
  });
});

describe("upload over a FIFO", () => {
  // mkfifo and a shell writer: Linux and macOS.
  it.skipIf(process.platform === "win32")(
    "ends with UploadAbortedError when aborted while the writer holds the FIFO open without writing",
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "upload-fifo-"));
      const fifo = join(folder, "lines.fifo");
      execFileSync("mkfifo", [fifo]);
      const writer = spawn("sh", ["-c", 'exec 3>"$0"; echo opened; exec sleep 60', fifo], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      try {
        const operations = new FakeOperations();
        const controller = new AbortController();
        const uploading = uploadDataset(operations, ARN, fifo, { abortSignal: controller.signal });
        uploading.catch(() => {});
        await once(writer.stdout, "data");
        controller.abort(new Error("no lines are coming"));
        const error = await uploading.catch((caught: unknown) => caught);
        expect(isUploadAbortedError(error)).toBe(true);
        expect((error as Error).cause).toEqual(new Error("no lines are coming"));
        expect(operations.calls.filter((call) => call.op === "send")).toEqual([]);
      } finally {
        writer.kill();
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
});

describe("isRereadableSource", () => {
  it.skipIf(process.platform === "win32")("treats the path of a FIFO as one-shot", async () => {
    const folder = await mkdtemp(join(tmpdir(), "upload-source-fifo-"));
    try {
      const fifo = join(folder, "lines.fifo");
      execFileSync("mkfifo", [fifo]);
      expect(isRereadableSource(fifo)).toBe(false);
      expect(isRereadableSource(pathToFileURL(fifo))).toBe(false);
      expect(isRereadableSource(join(folder, "missing.manifest"))).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
  it("treats arrays, paths and URLs as re-readable, and other iterables and streams as one-shot", () => {
    expect(isRereadableSource([])).toBe(true);
    expect(isRereadableSource("m.jsonl")).toBe(true);
    expect(isRereadableSource(new URL("file:///m.jsonl"))).toBe(true);
    expect(isRereadableSource(new Set([text]))).toBe(false);
    expect(isRereadableSource(Readable.from([]))).toBe(false);
    expect(isRereadableSource((async function* () {})())).toBe(false);
  });
});

describe("recordFromText and recordFromLine", () => {
  it("give the same text for a compact line and its object", () => {
    expect(recordFromText(text, 1)?.text).toBe(recordFromLine(labelLine(1), 1).text);
    expect(recordFromText("   ", 1)).toBeUndefined();
  });
});

describe("readUploadSource: manifest content given as { text }", () => {
  it("reads the content as a manifest, with line numbers, and can be read twice", async () => {
    const text = `${JSON.stringify(labelLine(1))}\r\n\n${JSON.stringify(labelLine(2))}\n`;
    const records = await read({ text });
    expect(records.map((record) => [record.lineNumber, record.line?.["source-ref"]])).toEqual([
      [1, labelLine(1)["source-ref"]],
      [3, labelLine(2)["source-ref"]],
    ]);
    expect(isRereadableSource({ text })).toBe(true);
  });
});
