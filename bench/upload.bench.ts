import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type PackItem, packRequests } from "../src/client/upload/pack.js";
import { MAX_GROUND_TRUTH_BYTES } from "../src/limits.js";
import type { BenchSection } from "./section.js";
import { linesUpTo, objectLocalizationLine, runJsonChild, writeLines } from "./support.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const PACK_LINES = 200_000;
const ROUNDS = 5;
const MEMORY_TARGET_BYTES = 200 * 2 ** 20;
const MB = 2 ** 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function packOurs(items: readonly PackItem[]): Promise<{ requests: number; bytes: number }> {
  let requests = 0;
  let bytes = 0;
  for await (const request of packRequests(items)) {
    requests++;
    bytes += request.body.byteLength;
  }
  return { requests, bytes };
}

/** The baseline: one `Buffer.from` per line, one `Buffer.concat` per request, same request boundaries. */
function packBaseline(texts: readonly string[]): { requests: number; bytes: number } {
  const newline = Buffer.from("\n");
  let parts: Buffer[] = [];
  let size = 0;
  let requests = 0;
  let bytes = 0;
  const flush = () => {
    bytes += Buffer.concat(parts, size).byteLength;
    requests++;
    parts = [];
    size = 0;
  };
  for (const text of texts) {
    const buffer = Buffer.from(text, "utf8");
    if (parts.length > 0 && size + 1 + buffer.byteLength >= MAX_GROUND_TRUTH_BYTES) flush();
    if (parts.length > 0) {
      parts.push(newline);
      size++;
    }
    parts.push(buffer);
    size += buffer.byteLength;
  }
  if (parts.length > 0) flush();
  return { requests, bytes };
}

async function time(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function packingSection(): Promise<string> {
  const texts = Array.from({ length: PACK_LINES }, (_, i) => objectLocalizationLine(i + 1));
  // Records reach the packer with their byte length already known (the reader measures every line).
  const items: PackItem[] = texts.map((text, i) => ({
    lineNumber: i + 1,
    text,
    byteLength: Buffer.byteLength(text),
    sourceRef: `s3://bench-bucket/images/${i + 1}.jpg`,
    send: true,
  }));
  const lineBytes = items.reduce((sum, item) => sum + item.byteLength, 0);

  const ours = await packOurs(items);
  const baseline = packBaseline(texts);
  const timesOurs: number[] = [];
  const timesBaseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    timesBaseline.push(await time(() => packBaseline(texts)));
    timesOurs.push(await time(() => packOurs(items)));
  }
  const rate = (seconds: number) =>
    `${(lineBytes / MB / seconds).toFixed(0)} MB/s, ${Math.round(PACK_LINES / seconds).toLocaleString("en-US")} lines/s`;
  const tBaseline = median(timesBaseline);
  const tOurs = median(timesOurs);
  const joinedBytes = ours.bytes + ours.requests - 1;
  const minimum = Math.ceil(joinedBytes / MAX_GROUND_TRUTH_BYTES);
  return [
    `${PACK_LINES.toLocaleString("en-US")} object-localization lines (1-5 boxes, ${(lineBytes / MB).toFixed(1)} MB of text, byte lengths known as the reader gives them) packed into bodies under ${MAX_GROUND_TRUTH_BYTES.toLocaleString("en-US")} bytes; median of ${ROUNDS} alternating rounds after a warm-up.`,
    "",
    "| packer | median time | throughput | ratio to baseline |",
    "|---|---|---|---|",
    `| baseline: \`Buffer.from\` per line + \`Buffer.concat\` per request | ${(tBaseline * 1000).toFixed(0)} ms | ${rate(tBaseline)} | 1.00 |`,
    `| \`packRequests\`, a fresh buffer per body (as the upload runs it) | ${(tOurs * 1000).toFixed(0)} ms | ${rate(tOurs)} | ${(tBaseline / tOurs).toFixed(2)} |`,
    "",
    `Requests made: ${ours.requests} (baseline with the same boundaries: ${baseline.requests}); minimum possible ceil(${joinedBytes.toLocaleString("en-US")} bytes / ${MAX_GROUND_TRUTH_BYTES.toLocaleString("en-US")}) = ${minimum}. Every body is under the limit (the packer never makes one of exactly the limit).`,
  ].join("\n");
}

function writeManifest(file: string, targetBytes: number): Promise<number> {
  return writeLines(file, linesUpTo(targetBytes, objectLocalizationLine));
}

interface ChildReport {
  readonly maxRssBytes: number;
  readonly lines: number;
  readonly requests: number;
  readonly bytesSent: number;
  readonly seconds: number;
}

function runChild(argument: string): Promise<ChildReport> {
  return runJsonChild<ChildReport>(
    ["--import", "tsx", join(benchDir, "upload-memory-child.ts"), argument],
    "upload-memory-child",
    { cwd: join(benchDir, "..") },
  );
}

async function memorySection(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "upload-bench-"));
  try {
    const baseline = await runChild("--baseline");
    const rows: string[] = [];
    let allUnder = true;
    for (const size of [100 * 1_000_000, 1_000_000_000]) {
      const file = join(folder, `manifest-${size}.jsonl`);
      const written = await writeManifest(file, size);
      const report = await runChild(file);
      await rm(file, { force: true });
      if (report.maxRssBytes >= MEMORY_TARGET_BYTES) allUnder = false;
      rows.push(
        `| ${(written / 1e6).toFixed(0)} MB | ${report.lines.toLocaleString("en-US")} | ${report.requests} | ` +
          `${(report.maxRssBytes / MB).toFixed(0)} MB | ${report.seconds.toFixed(1)} s | ${((2 * written) / MB / report.seconds).toFixed(0)} MB/s |`,
      );
    }
    return [
      "A manifest file generated on disk is uploaded by path through the whole pipeline (read, parse, validate, fingerprint, pack, send, wait) in a child process, against operations that discard each body. A file path is read twice: a validation and planning pre-pass, then the upload, which splits, fingerprints and packs the lines with the pre-pass's verdicts instead of parsing them again. Peak resident memory is the child's `process.resourceUsage().maxRSS`.",
      "",
      "| file | lines | requests | peak RSS | time | read rate (both passes) |",
      "|---|---|---|---|---|---|",
      `| (none: the same child, loader and imports only) | - | - | ${(baseline.maxRssBytes / MB).toFixed(0)} MB | - | - |`,
      ...rows,
      "",
      `Target: peak RSS under 200 MB whatever the file's size: ${allUnder ? "met" : "NOT met"}.`,
    ].join("\n");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs both measurements. */
export async function run(): Promise<BenchSection> {
  const packing = await packingSection();
  const memory = await memorySection();
  return {
    title: "Upload: request packing and streaming memory",
    markdown: [
      "### Packing throughput",
      "",
      packing,
      "",
      "### Memory while streaming a manifest file",
      "",
      memory,
    ].join("\n"),
  };
}
