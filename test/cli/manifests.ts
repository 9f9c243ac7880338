/** Manifests for the CLI tests, written to a temporary folder. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { imageLabels, type ManifestLine, toJsonLine } from "../../src/index.js";

/** A fixed date, so that a manifest's text is the same on every run (a checkpoint's fingerprint needs it). */
const CREATION_DATE = "2026-11-22T12:00:00.000";

/** `count` image-classification lines, `s3://cli-bucket/img-<i>.jpg`, alternating two labels. */
export function classificationLines(
  count: number,
  labels: readonly string[] = ["cat", "dog"],
): ManifestLine[] {
  return Array.from({ length: count }, (_, index) =>
    imageLabels({
      sourceRef: `s3://cli-bucket/img-${String(index).padStart(4, "0")}.jpg`,
      labels: [labels[index % labels.length] ?? "cat"],
      creationDate: CREATION_DATE,
    }),
  );
}

/** Lines as manifest text. */
export function manifestText(lines: readonly (ManifestLine | string)[]): string {
  return `${lines.map((line) => (typeof line === "string" ? line : toJsonLine(line))).join("\n")}\n`;
}

/** A temporary folder, removed by `remove()`. */
export interface Scratch {
  readonly folder: string;
  /** Writes `name` in the folder and returns its path. */
  write(name: string, lines: readonly (ManifestLine | string)[]): Promise<string>;
  remove(): Promise<void>;
}

/** Creates a temporary folder. */
export async function scratch(): Promise<Scratch> {
  const folder = await mkdtemp(join(tmpdir(), "rekognition-datasets-cli-"));
  return {
    folder,
    async write(name, lines) {
      const path = join(folder, name);
      await writeFile(path, manifestText(lines));
      return path;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
