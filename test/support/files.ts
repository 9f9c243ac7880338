/**
 * Temporary folders for the tests that write files.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach } from "vitest";

/**
 * A fresh empty folder under the system's temporary folder for each test, removed after it. Call it at the
 * top level of a file or a `describe`; the returned function gives the current test's folder.
 */
export function folderPerTest(prefix: string): () => string {
  let folder: string | undefined;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    folder = undefined;
  });
  return () => {
    if (folder === undefined) throw new Error("The test folder exists only while a test runs.");
    return folder;
  };
}

/**
 * Writes files under `folder`, creating their folders: `{ "images/a.png": bytes, "labels/a.txt": "0 0.5 ..." }`.
 * Names use `/` whatever the platform.
 */
export async function writeTree(
  folder: string,
  files: Readonly<Record<string, string | Buffer>>,
): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, ...name.split("/"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}
