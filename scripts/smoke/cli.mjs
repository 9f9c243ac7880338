// The built command-line tool on the Node running this script: --version, validate on a small manifest
// (exit 0 and its JSON document), and the exit code of a manifest with an error (1). Needs `npm run build`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = new URL("../../dist/cli/main.js", import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

function cli(...args) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

const line = (ref, label) =>
  JSON.stringify({
    "source-ref": ref,
    shelf: 1,
    "shelf-metadata": {
      "class-name": label,
      confidence: 1,
      type: "groundtruth/image-classification",
      "job-name": "smoke",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000",
    },
  });

const folder = mkdtempSync(join(tmpdir(), "rekognition-datasets-smoke-"));
try {
  const good = join(folder, "good.manifest");
  writeFileSync(good, `${line("s3://smoke/a.jpg", "cat")}\n${line("s3://smoke/b.jpg", "dog")}\n`);
  const bad = join(folder, "bad.manifest");
  writeFileSync(bad, `${line("s3://smoke/a.jpg", "cat")}\n{"source-ref":"s3://smoke/b.jpg"}\n`);

  const versionRun = cli("--version");
  assert.equal(versionRun.status, 0, versionRun.stderr);
  assert.equal(versionRun.stdout.trim(), version);

  const valid = cli("validate", good, "--json");
  assert.equal(valid.status, 0, valid.stderr);
  assert.deepEqual(JSON.parse(valid.stdout), { lines: 2, errors: 0, warnings: 0, problems: [] });

  const invalid = cli("validate", bad);
  assert.equal(invalid.status, 1, invalid.stderr);
  assert.match(invalid.stdout, /ERROR_NO_LABEL_ATTRIBUTES/);
  console.log(`smoke cli on Node ${process.version}: ok`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
