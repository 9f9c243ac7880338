import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PrefixFingerprint } from "../../src/client/upload/fingerprint.js";
import { type ResumeListener, ResumeMismatch, resumeAfter } from "../../src/client/upload/resume.js";
import type { UploadRecord } from "../../src/client/upload/source.js";
import { collect } from "../support/async.js";

/** Records of `texts`, numbered as a file's lines: an empty text is a blank line, never yielded. */
function records(texts: string[]): AsyncGenerator<UploadRecord> {
  return (async function* () {
    for (const [i, text] of texts.entries())
      if (text !== "") yield { lineNumber: i + 1, text, byteLength: text.length, problems: [] };
  })();
}

/** A listener that writes down what it is told. */
function listener(): ResumeListener & { readonly heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    passed: (point, lastLineDone) => void heard.push(`${point}@${lastLineDone}`),
    pendingDiffers: () => void heard.push("pending differs"),
  };
}

function digest(texts: string[]): string {
  return createHash("sha256")
    .update(texts.map((text) => `${text}\n`).join(""))
    .digest("hex");
}

/** The text of every record, in order. */
async function textsOf(records: AsyncIterable<UploadRecord>): Promise<string[]> {
  return (await collect(records)).map((record) => record.text);
}

describe("resumeAfter", () => {
  it("drops the applied lines, then yields the rest with the fingerprint still running", async () => {
    const fingerprint = new PrefixFingerprint();
    const rest = await textsOf(
      resumeAfter(
        records(["a", "b", "c", "d"]),
        { inputLinesDone: 2, fingerprint: digest(["a", "b"]) },
        fingerprint,
        listener(),
      ),
    );
    expect(rest).toEqual(["c", "d"]);
    expect(fingerprint.lines).toBe(2);
    fingerprint.update("c");
    expect(fingerprint.digest()).toBe(digest(["a", "b", "c"]));
  });

  it("refuses input whose first lines differ, before yielding anything", async () => {
    const yielded: string[] = [];
    const error = await (async () => {
      for await (const record of resumeAfter(
        records(["a", "X", "c"]),
        { inputLinesDone: 2, fingerprint: digest(["a", "b"]) },
        new PrefixFingerprint(),
        listener(),
      )) {
        yielded.push(record.text);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResumeMismatch);
    expect((error as ResumeMismatch).reason).toBe("fingerprint");
    expect(yielded).toEqual([]);
  });

  it("refuses input shorter than the applied lines", async () => {
    const error = await textsOf(
      resumeAfter(
        records(["a"]),
        { inputLinesDone: 2, fingerprint: digest(["a", "b"]) },
        new PrefixFingerprint(),
        listener(),
      ),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "input-too-short" });
  });

  it("accepts input that ends right after the applied lines", async () => {
    await expect(
      textsOf(
        resumeAfter(
          records(["a", "b"]),
          { inputLinesDone: 2, fingerprint: digest(["a", "b"]) },
          new PrefixFingerprint(),
          listener(),
        ),
      ),
    ).resolves.toEqual([]);
  });

  it("names the physical line of the last line done, blank lines inserted before it included", async () => {
    const heard = listener();
    const rest = await textsOf(
      resumeAfter(
        records(["a", "", "", "b", "c"]),
        { inputLinesDone: 2, fingerprint: digest(["a", "b"]) },
        new PrefixFingerprint(),
        heard,
      ),
    );
    expect(rest).toEqual(["c"]);
    expect(heard.heard).toEqual(["checkpoint@4"]);
  });

  it("drops a pending request's lines too when the input still holds them", async () => {
    const heard = listener();
    const fingerprint = new PrefixFingerprint();
    const rest = await textsOf(
      resumeAfter(
        records(["a", "b", "", "c", "d", "e"]),
        { inputLinesDone: 1, fingerprint: digest(["a"]) },
        fingerprint,
        heard,
        { inputLinesDone: 4, fingerprint: digest(["a", "b", "c", "d"]) },
      ),
    );
    expect(rest).toEqual(["e"]);
    expect(heard.heard).toEqual(["checkpoint@1", "pending@5"]);
    expect(fingerprint.digest()).toBe(digest(["a", "b", "c", "d"]));
  });

  it("yields a pending request's lines after all when they changed, or when the input ends inside them", async () => {
    for (const [texts, expected] of [
      [
        ["a", "b", "X", "d", "e"],
        ["b", "X", "d", "e"],
      ],
      [
        ["a", "b", "c"],
        ["b", "c"],
      ],
    ] as const) {
      const heard = listener();
      const fingerprint = new PrefixFingerprint();
      const rest = await textsOf(
        resumeAfter(
          records([...texts]),
          { inputLinesDone: 1, fingerprint: digest(["a"]) },
          fingerprint,
          heard,
          { inputLinesDone: 4, fingerprint: digest(["a", "b", "c", "d"]) },
        ),
      );
      expect(rest).toEqual(expected);
      expect(heard.heard).toEqual(["checkpoint@1", "pending differs"]);
      // The held lines were not hashed: the packer hashes them as it consumes them.
      expect(fingerprint.lines).toBe(1);
    }
  });
});

describe("PrefixFingerprint", () => {
  it("tells line boundaries apart", () => {
    const one = new PrefixFingerprint();
    one.update("ab");
    one.update("c");
    const other = new PrefixFingerprint();
    other.update("a");
    other.update("bc");
    expect(one.digest()).not.toBe(other.digest());
    expect(one.digest()).toBe(digest(["ab", "c"]));
  });
});
