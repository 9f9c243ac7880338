/**
 * The send pass of a text input (a path, a file URL, `{ text }`) does not parse or validate its lines
 * again: it replays what the pre-pass found. These tests hold it to the same result as the full checks,
 * and show that an input that changed between the two passes is refused before any line of the change is
 * sent.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UploadProgressEvent, UploadResult } from "../../src/client/upload/types.js";
import { uploadDataset } from "../../src/client/upload/upload.js";
import { isManifestChangedError } from "../../src/errors/manifest-changed-error.js";
import { isUploadFailedError } from "../../src/errors/upload-failed-error.js";
import { labelLine } from "../support/lines.js";
import { ARN, FakeOperations } from "./fake-operations.js";

/** Two label lines (about 240 bytes each) fit under 500 bytes; three do not. */
const TWO_PER_REQUEST = 500;

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "checked-send-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function text(n: number, label = "Sunrise"): string {
  return JSON.stringify(labelLine(n, label));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the upload to fail");
    },
    (error: unknown) => error,
  );
}

/** What an upload did, without its duration. */
async function outcome(source: Parameters<typeof uploadDataset>[2], options: { maxRequestBytes: number }) {
  const operations = new FakeOperations();
  const events: UploadProgressEvent[] = [];
  let settled: { result: UploadResult } | { error: unknown };
  try {
    settled = {
      result: await uploadDataset(operations, ARN, source, {
        ...options,
        onInvalidLine: "skip",
        onProgress: (event) => {
          events.push(event);
        },
      }),
    };
  } catch (error) {
    settled = { error };
  }
  const { durationMs: _duration, ...result } =
    "result" in settled ? settled.result : (settled.error as { result: UploadResult }).result;
  return {
    failed: "error" in settled ? (settled.error as Error).name : undefined,
    result,
    events,
    bodies: operations.bodies,
  };
}

describe("the send pass of a checked text input", () => {
  /** Lines of every kind the checks tell apart: valid, broken, elsewhere, repeated, blank. */
  const lineArbitrary = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom("Cat", "Dog")) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", "  ", '{"source-ref":', '{"source-ref":"s3://bucket/x.jpg"}'),
    },
    { weight: 1, arbitrary: fc.constant("elsewhere") },
  );
  const inputArbitrary = fc.array(lineArbitrary, { maxLength: 30 }).map((items) =>
    items.map((item) => {
      if (typeof item === "string") {
        return item === "elsewhere" ? text(99).replace("s3://bucket/", "s3://other-bucket/") : item;
      }
      return text(item[0], item[1]);
    }),
  );

  it("sends and reports from a file exactly what the full checks do from the same lines as strings", async () => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary, fc.integer({ min: 260, max: 1500 }), async (input, ceiling) => {
        const file = join(folder, "manifest.jsonl");
        await writeFile(file, `${input.join("\n")}\n`);
        // Strings are read item by item with the full checks in both passes; blank ones keep the numbering.
        const expected = await outcome(input, { maxRequestBytes: ceiling });
        expect(await outcome(file, { maxRequestBytes: ceiling })).toEqual(expected);
        expect(await outcome({ text: input.join("\r\n") }, { maxRequestBytes: ceiling })).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  /** An upload stopped after request `stopAfter`, then resumed from its checkpoint: what each run did. */
  async function stoppedAndResumed(source: Parameters<typeof uploadDataset>[2], stopAfter: number) {
    const checkpoint = { file: join(folder, `checkpoint-${Math.random()}.json`) };
    const operations = new FakeOperations();
    const controller = new AbortController();
    const options = { maxRequestBytes: TWO_PER_REQUEST, onInvalidLine: "skip", checkpoint } as const;
    const without = ({ durationMs: _duration, ...rest }: UploadResult) => rest;
    const first = await uploadDataset(operations, ARN, source, {
      ...options,
      abortSignal: controller.signal,
      onProgress: (event) => {
        if (event.type === "applied" && event.requestIndex === stopAfter) controller.abort();
      },
    }).catch((error: unknown) => (error as { result: UploadResult }).result);
    const resumed = await uploadDataset(operations, ARN, source, options);
    return { first: without(first), resumed: without(resumed), bodies: operations.bodies };
  }

  it("resumes from a checkpoint exactly as the full checks do", async () => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary, fc.integer({ min: 0, max: 6 }), async (input, stopAfter) => {
        const file = join(folder, "manifest.jsonl");
        await writeFile(file, `${input.join("\n")}\n`);
        expect(await stoppedAndResumed(file, stopAfter)).toEqual(await stoppedAndResumed(input, stopAfter));
      }),
      { numRuns: 40 },
    );
  });

  /** Uploads `before`, which becomes `after` once the pre-pass has read it (at the first DescribeDataset). */
  async function changedBetweenPasses(before: string, after: string) {
    const file = join(folder, "manifest.jsonl");
    await writeFile(file, before);
    const operations = new FakeOperations();
    operations.describeScript.set(0, async () => {
      await writeFile(file, after);
      return operations.description();
    });
    const error = await rejection(
      uploadDataset(operations, ARN, file, { maxRequestBytes: TWO_PER_REQUEST, onInvalidLine: "skip" }),
    );
    return { error, operations };
  }

  const six = [1, 2, 3, 4, 5, 6].map((n) => text(n));

  it("refuses the first request whose lines changed after the check, having sent only unchanged ones", async () => {
    const changed = [...six];
    changed[3] = text(4, "Changed");
    const { error, operations } = await changedBetweenPasses(
      `${six.join("\n")}\n`,
      `${changed.join("\n")}\n`,
    );
    expect(isUploadFailedError(error)).toBe(true);
    expect(error).toMatchObject({
      stage: "read",
      requestIndex: 1,
      firstLine: 3,
      lastLine: 4,
      result: { inputLinesDone: 2, lastLineDone: 2, appliedRequestLines: 2 },
    });
    expect((error as Error).message).toContain("The input changed after it was checked");
    // The cause is typed, so a program can tell a changed input from a missing file at the same stage.
    expect(isManifestChangedError((error as Error).cause)).toBe(true);
    expect((error as Error).cause).toMatchObject({ lineNumber: 4 });
    expect(operations.bodies).toEqual([six.slice(0, 2).join("\n")]);
  });

  it("never sends a line that became invalid after the check", async () => {
    const changed = [...six];
    changed[0] = '{"source-ref":"s3://bucket/images/1.jpg"}';
    const { error, operations } = await changedBetweenPasses(
      `${six.join("\n")}\n`,
      `${changed.join("\n")}\n`,
    );
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "read", requestIndex: 0 });
    expect(operations.bodies).toEqual([]);
  });

  it("refuses lines that kept their text but moved to other line numbers (a blank line inserted)", async () => {
    const moved = [...six.slice(0, 3), "", ...six.slice(3)];
    const { error, operations } = await changedBetweenPasses(`${six.join("\n")}\n`, `${moved.join("\n")}\n`);
    expect(error).toMatchObject({ stage: "read", requestIndex: 1 });
    expect(operations.bodies).toEqual([six.slice(0, 2).join("\n")]);
  });

  it("refuses an input that grew or shrank after the check", async () => {
    const grown = await changedBetweenPasses(`${six.join("\n")}\n`, `${[...six, text(7)].join("\n")}\n`);
    // The three checked requests are sent as they were; the new line's request is not.
    expect(grown.error).toMatchObject({ stage: "read", requestIndex: 3, firstLine: 7 });
    expect(grown.operations.bodies).toHaveLength(3);

    const shrunk = await changedBetweenPasses(`${six.join("\n")}\n`, `${six.slice(0, 5).join("\n")}\n`);
    expect(shrunk.error).toMatchObject({ stage: "read", requestIndex: 2 });
    expect(shrunk.operations.bodies).toHaveLength(2);
  });

  it("refuses the last request when an invalid line it accounts for changed", async () => {
    const { error, operations } = await changedBetweenPasses(
      `${six.join("\n")}\nnot json\n`,
      `${six.join("\n")}\nnot json either\n`,
    );
    expect(error).toMatchObject({ name: "UploadFailedError", stage: "read", requestIndex: 2 });
    expect(operations.bodies).toHaveLength(2);
  });
});
