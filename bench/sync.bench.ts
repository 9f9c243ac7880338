import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ListDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import { build } from "esbuild";
import { DatasetClient } from "../src/client/dataset-client.js";
import { pullDataset } from "../src/dataset-sync/pull.js";
import { startLocalRekognition } from "../src/local/index.js";
import type { BenchSection } from "./section.js";
import { runJsonChild, writeLines } from "./support.js";
import { manifestLineText } from "./sync-lines.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const DIFF_ENTRIES = 250_000;
/** The manifest leaves out the dataset's first 1,000 entries and adds 1,000 new ones. */
const SHIFT = 1_000;
const PULL_ENTRIES = 20_000;
const PULL_ROUNDS = 3;
const MEMORY_TARGET_BYTES = 200 * 2 ** 20;
const MB = 2 ** 20;

interface ChildReport {
  readonly maxRssBytes: number;
  readonly seconds: number;
  readonly added?: number;
  readonly changed?: number;
  readonly unchanged?: number;
  readonly onlyInDataset?: number;
}

/**
 * The child compiled to one JavaScript file (dependencies left to node_modules), so that it runs on plain
 * Node as the built package does: a TypeScript loader in the child would add its own memory to the peak.
 */
async function buildChild(): Promise<string> {
  const outfile = join(benchDir, "..", ".bench-tmp", "sync-memory-child.mjs");
  await build({
    entryPoints: [join(benchDir, "sync-memory-child.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

function runChild(script: string, args: readonly string[]): Promise<ChildReport> {
  return runJsonChild<ChildReport>([script, ...args], "sync-memory-child");
}

function* manifestLines(): Generator<string> {
  for (let n = SHIFT; n < DIFF_ENTRIES + SHIFT; n++) yield manifestLineText(n);
}

function writeManifest(file: string): Promise<number> {
  return writeLines(file, manifestLines());
}

async function diffSection(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "sync-bench-"));
  try {
    const file = join(folder, "manifest.jsonl");
    const written = await writeManifest(file);
    const script = await buildChild();
    const loader = await runChild(script, ["--loader"]);
    const baseline = await runChild(script, ["baseline", String(DIFF_ENTRIES), file]);
    const diff = await runChild(script, ["diff", String(DIFF_ENTRIES), file]);
    const row = (name: string, report: ChildReport) =>
      `| ${name} | ${(report.maxRssBytes / MB).toFixed(0)} MB | ${report.seconds.toFixed(1)} s | ${(report.seconds / baseline.seconds).toFixed(2)}x |`;
    const under = diff.maxRssBytes < MEMORY_TARGET_BYTES;
    return [
      `A dataset of ${DIFF_ENTRIES.toLocaleString("en-US")} entries (about 600 bytes each, with \`cl-metadata\`) is diffed by meaning against a manifest file of ${DIFF_ENTRIES.toLocaleString("en-US")} lines (${(written / 1e6).toFixed(0)} MB) that writes the same boxes otherwise (other attribute name, class ids and key order), with ${diff.changed?.toLocaleString("en-US")} boxes moved, ${diff.added?.toLocaleString("en-US")} lines added and ${diff.onlyInDataset?.toLocaleString("en-US")} entries left out. The dataset is listed through DatasetClient (paging, pacing, retries) from a client that makes each 100-entry page on demand, so no server's memory counts. Each run is a child process on plain Node (the child compiled by esbuild, as the built package runs); peak resident memory is its \`process.resourceUsage().maxRSS\`. Baseline: the same listing and file read with each line only \`JSON.parse\`d, keeping nothing.`,
      "",
      "| run | peak RSS | time | time vs baseline |",
      "|---|---|---|---|",
      `| (imports only: Node, the SDK, the library) | ${(loader.maxRssBytes / MB).toFixed(0)} MB | - | - |`,
      row("baseline: list and parse both sides", baseline),
      row("diffDataset (meaning)", diff),
      "",
      `Target: peak RSS well under 200 MB: ${under ? "met" : "NOT met"} (${(diff.maxRssBytes / MB).toFixed(0)} MB; ${((diff.maxRssBytes - loader.maxRssBytes) / DIFF_ENTRIES).toFixed(0)} bytes per entry above the imports alone).`,
    ].join("\n");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function pullSection(): Promise<string> {
  const local = await startLocalRekognition({ processing: { baseMs: 0, perMegabyteMs: 0 } });
  const folder = await mkdtemp(join(tmpdir(), "sync-bench-"));
  const datasets = new DatasetClient({
    clientConfig: { endpoint: local.endpoint, region: local.region, credentials: local.credentials },
  });
  try {
    const { datasetArn } = local.createDataset();
    const lines = Array.from({ length: PULL_ENTRIES }, (_, n) => manifestLineText(n));
    await datasets.upload(datasetArn, lines, { wait: { minDelay: 0.001, maxDelay: 0.01 } });
    const sdkLoop = async () => {
      let count = 0;
      let token: string | undefined;
      do {
        const page = await datasets.client.send(
          new ListDatasetEntriesCommand({ DatasetArn: datasetArn, MaxResults: 100, NextToken: token }),
        );
        for (const text of page.DatasetEntries ?? []) if (JSON.parse(text)) count++;
        token = page.NextToken;
      } while (token !== undefined);
      return count;
    };
    const pull = async () =>
      (await pullDataset(datasets, datasetArn, { file: join(folder, "pulled.manifest") })).entries;
    let bestBaseline = Number.POSITIVE_INFINITY;
    let bestPull = Number.POSITIVE_INFINITY;
    for (let round = 0; round < PULL_ROUNDS; round++) {
      let started = performance.now();
      if ((await sdkLoop()) !== PULL_ENTRIES) throw new Error("the SDK loop missed entries");
      bestBaseline = Math.min(bestBaseline, performance.now() - started);
      started = performance.now();
      if ((await pull()) !== PULL_ENTRIES) throw new Error("the pull missed entries");
      bestPull = Math.min(bestPull, performance.now() - started);
    }
    const rate = (ms: number) => Math.round(PULL_ENTRIES / (ms / 1000)).toLocaleString("en-US");
    return [
      `The emulator holds ${PULL_ENTRIES.toLocaleString("en-US")} entries; each run reads all of them in pages of 100 over loopback HTTP (best of ${PULL_ROUNDS}). Baseline: the plain SDK loop (ListDatasetEntries with NextToken, \`JSON.parse\` of each entry, nothing written). pullDataset adds the client's pacing and retry layer, parsing, flagged-entry counting and writing the file atomically.`,
      "",
      "| run | lines/s | time vs baseline |",
      "|---|---|---|",
      `| baseline: SDK paging loop | ${rate(bestBaseline)} | 1.00x |`,
      `| pullDataset to a file | ${rate(bestPull)} | ${(bestPull / bestBaseline).toFixed(2)}x |`,
    ].join("\n");
  } finally {
    datasets.client.destroy();
    await local.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs both measurements. */
export async function run(): Promise<BenchSection> {
  const diff = await diffSection();
  const pull = await pullSection();
  return {
    title: "Sync: diff memory and pull throughput",
    markdown: ["### Diff of 250,000 entries", "", diff, "", "### Pull throughput", "", pull].join("\n"),
  };
}
