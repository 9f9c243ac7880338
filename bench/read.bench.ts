import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { DatasetOperations } from "../src/client/operations.js";
import type { DatasetDescription } from "../src/client/types.js";
import { readUploadSource } from "../src/client/upload/source.js";
import { uploadDataset } from "../src/client/upload/upload.js";
import { readManifest } from "../src/manifest/reader.js";
import type { BenchSection } from "./section.js";
import { linesUpTo, objectLocalizationLine, runJsonChild, writeLines } from "./support.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const FILE_BYTES = 100 * 1_000_000;
const ROUNDS = 3;
const TARGET_RATIO = 0.4;
const MB = 2 ** 20;
const ARN = "arn:aws:rekognition:us-east-1:123456789012:project/bench/dataset/train/1";

function writeManifest(file: string): Promise<number> {
  return writeLines(file, linesUpTo(FILE_BYTES, objectLocalizationLine));
}

/** Operations that accept every body at once and discard it: only the client-side path is measured. */
function discardingOperations(): DatasetOperations {
  let clock = 0;
  const description = (): DatasetDescription => ({
    datasetArn: ARN,
    status: "UPDATE_COMPLETE",
    lastUpdatedTimestamp: new Date(++clock * 1000),
    statistics: {},
  });
  return {
    async describe() {
      return description();
    },
    async sendUpdate() {},
    async waitUntilUpdated() {
      return description();
    },
    async *listEntries() {
      // Nothing flagged.
    },
  };
}

/** Processor time (user + system) of `run`, in seconds: steadier than wall time on a shared machine. */
async function cpuSeconds(run: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpuBefore);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - started) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function throughputSection(folder: string): Promise<string> {
  const file = join(folder, "manifest-100mb.jsonl");
  const bytes = await writeManifest(file);
  const cases: [string, () => Promise<unknown>][] = [
    [
      "floor: `readline` + `JSON.parse` per line",
      async () => {
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
          if (line !== "") JSON.parse(line);
        }
      },
    ],
    [
      "`readManifest` (split, decode, parse, validate): one pass",
      async () => {
        for await (const _record of readManifest(file)) {
          // Only the reading is measured.
        }
      },
    ],
    [
      "`readUploadSource` (the upload's source stage): one pass",
      async () => {
        for await (const _record of readUploadSource(file)) {
          // Only the reading is measured.
        }
      },
    ],
    [
      "`upload` by path, client side only: pre-pass (read, parse, validate, bucket, fingerprint, plan) + send pass (split, fingerprint, pack, with the pre-pass's verdicts)",
      () => uploadDataset(discardingOperations(), ARN, file, {}),
    ],
  ];
  const cpu: number[][] = cases.map(() => []);
  const wall: number[][] = cases.map(() => []);
  // Interleaved rounds, so that a burst of load on the shared machine hits every case alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, [, run]] of cases.entries()) {
      const measured = await cpuSeconds(run);
      cpu[index]!.push(measured.cpu);
      wall[index]!.push(measured.wall);
    }
  }
  const floor = median(cpu[0]!);
  const rows = cases.map(([name], index) => {
    const seconds = median(cpu[index]!);
    return `| ${name} | ${seconds.toFixed(2)} s | ${median(wall[index]!).toFixed(2)} s | ${(bytes / MB / seconds).toFixed(0)} MB/s | ${(floor / seconds).toFixed(2)} |`;
  });
  const uploadRatio = floor / median(cpu[cases.length - 1]!);
  return [
    `A ${(bytes / 1e6).toFixed(0)} MB manifest of object-localization lines (about 570 bytes each) is generated on disk. Each case reads the whole file; medians of ${ROUNDS} interleaved rounds of processor time (user + system: steadier than wall time on a shared machine; wall time for scale). Rate = file size / time, so the upload's two passes count once. Ratio = the floor's time / the case's time (1 = as fast as the floor).`,
    "",
    "| case | processor time | wall time | rate | ratio to floor |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `Target: the upload's two passes together at least ${TARGET_RATIO} of the floor: ${uploadRatio >= TARGET_RATIO ? "met" : "NOT met"} (${uploadRatio.toFixed(2)}).`,
  ].join("\n");
}

interface MemoryReport {
  readonly records: readonly { readonly byteLength: number; readonly codes: readonly string[] }[];
  readonly retainedArrayBuffers: number;
  readonly retainedHeap: number;
  readonly peakArrayBuffers: number;
}

function runMemoryChild(file: string): Promise<MemoryReport> {
  return runJsonChild<MemoryReport>(
    ["--expose-gc", "--import", "tsx", join(benchDir, "read-memory-child.ts"), file],
    "read-memory-child",
    { cwd: join(benchDir, "..") },
  );
}

async function memorySection(folder: string): Promise<string> {
  const lineBytes = 20 * MB;
  const file = join(folder, "no-newline.manifest");
  await writeFile(file, Buffer.alloc(lineBytes, 0x61));
  const report = await runMemoryChild(file);
  const [record] = report.records;
  const readRight =
    report.records.length === 1 && record?.byteLength === lineBytes && record.codes[0] === "LINE_TOO_LONG";
  const bounds = [
    ["peak `arrayBuffers` while reading", report.peakArrayBuffers, 8 * MB],
    ["`arrayBuffers` retained after", report.retainedArrayBuffers, 2 * MB],
    ["heap retained after", report.retainedHeap, 16 * MB],
  ] as const;
  const met = readRight && bounds.every(([, value, bound]) => value < bound);
  return [
    "A file of one 20 MB line with no newline is read by `readManifest` (256 KiB chunks) in a child process started with `--expose-gc`, collecting garbage before each sample (every millisecond), so only what the reader holds is counted. Holding the line would take 20 MB; the reader keeps at most 3 x 100,000 bytes of a line, plus the chunk being read.",
    "",
    "| measure | value | bound |",
    "|---|---|---|",
    ...bounds.map(([name, value, bound]) => `| ${name} | ${(value / MB).toFixed(2)} MB | ${bound / MB} MB |`),
    "",
    `Read as one LINE_TOO_LONG record of its real byte length: ${readRight ? "yes" : "NO"}. Target: every value under its bound: ${met ? "met" : "NOT met"}.`,
  ].join("\n");
}

/** Runs both measurements. */
export async function run(): Promise<BenchSection> {
  const folder = await mkdtemp(join(tmpdir(), "read-bench-"));
  try {
    const throughput = await throughputSection(folder);
    const memory = await memorySection(folder);
    return {
      title: "Reading: the client-side path against readline + JSON.parse, and a line with no end",
      markdown: [
        "### Throughput of the client-side path",
        "",
        throughput,
        "",
        "### Memory while reading a 20 MB line",
        "",
        memory,
      ].join("\n"),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
