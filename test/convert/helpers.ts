import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { expect } from "vitest";
import { validateLine } from "../../src/manifest/validate.js";

export const FIXTURES = join(import.meta.dirname, "../fixtures/convert");

/** A fixed date, so golden files do not depend on the clock. */
export const FIXED_DATE = "2026-01-01T00:00:00.000Z";

/** A writable stream that keeps what it gets. */
export function collectingStream(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Every line parses and passes the library's validator with no error. */
export function expectValidManifest(text: string): Record<string, unknown>[] {
  const lines = text.split("\n").filter((line) => line !== "");
  return lines.map((text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    const errors = validateLine(line).filter((problem) => problem.severity === "error");
    expect(errors, text).toEqual([]);
    return line;
  });
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "convert-test-"));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function golden(name: string): Promise<string> {
  return readFile(join(FIXTURES, name), "utf8");
}
