import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PrefixFingerprint } from "../../src/client/upload/fingerprint.js";
import { ResumeMismatch, resumeAfter } from "../../src/client/upload/resume.js";
import type { UploadRecord } from "../../src/client/upload/source.js";

function records(texts: string[]): AsyncGenerator<UploadRecord> {
  return (async function* () {
    for (const [i, text] of texts.entries())
      yield { lineNumber: i + 1, text, byteLength: text.length, problems: [] };
  })();
}

function digest(texts: string[]): string {
  return createHash("sha256")
    .update(texts.map((text) => `${text}\n`).join(""))
    .digest("hex");
}

async function collect(generator: AsyncIterable<UploadRecord>): Promise<string[]> {
  const out: string[] = [];
  for await (const record of generator) out.push(record.text);
  return out;
}

describe("resumeAfter", () => {
  it("drops the applied lines, then yields the rest with the fingerprint still running", async () => {
    const fingerprint = new PrefixFingerprint();
    const rest = await collect(
      resumeAfter(
        records(["a", "b", "c", "d"]),
        { appliedLines: 2, fingerprint: digest(["a", "b"]) },
        fingerprint,
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
        { appliedLines: 2, fingerprint: digest(["a", "b"]) },
        new PrefixFingerprint(),
      )) {
        yielded.push(record.text);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResumeMismatch);
    expect((error as ResumeMismatch).reason).toBe("fingerprint");
    expect(yielded).toEqual([]);
  });

  it("refuses input shorter than the applied lines", async () => {
    const error = await collect(
      resumeAfter(
        records(["a"]),
        { appliedLines: 2, fingerprint: digest(["a", "b"]) },
        new PrefixFingerprint(),
      ),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "input-too-short" });
  });

  it("accepts input that ends right after the applied lines", async () => {
    await expect(
      collect(
        resumeAfter(
          records(["a", "b"]),
          { appliedLines: 2, fingerprint: digest(["a", "b"]) },
          new PrefixFingerprint(),
        ),
      ),
    ).resolves.toEqual([]);
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
