/**
 * Child process of the sync bench (bench/sync.bench.ts): diffs a dataset of N entries against a manifest
 * file, then prints one JSON line with its peak resident memory and time. A separate process, so that the
 * peak belongs to this run alone.
 *
 * The dataset is a RekognitionClient whose `send` answers ListDatasetEntries pages computed on the fly
 * (100 entries each, as the service pages them): the whole DatasetClient path (pacing, retries, paging)
 * runs, without a server whose own memory would count, and without holding the dataset in memory.
 *
 * The bench compiles it with esbuild and runs it on plain Node. Usage: `node <compiled child> <mode> <entries>
 * <manifest file>`, where mode is
 * `diff` (diffDataset) or `baseline` (the same listing and file read, each line only JSON.parse'd), or
 * `--loader` (imports only).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { DatasetClient } from "../src/client/dataset-client.js";
import { diffDataset } from "../src/dataset-sync/diff.js";
import { datasetEntryText } from "./sync-lines.js";

const ARN = "arn:aws:rekognition:us-east-1:123456789012:project/bench/dataset/train/1";
const PAGE = 100;

/** A client whose ListDatasetEntries pages are made on demand: entry `n` is `datasetEntryText(n)`. */
function pagingClient(entries: number): RekognitionClient {
  const client = new RekognitionClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
  });
  client.send = (async (command: { input: { NextToken?: string } }) => {
    const start = Number(command.input.NextToken ?? "0");
    const end = Math.min(entries, start + PAGE);
    const page: string[] = [];
    for (let n = start; n < end; n++) page.push(datasetEntryText(n));
    return { DatasetEntries: page, ...(end < entries ? { NextToken: String(end) } : {}) };
  }) as never;
  return client;
}

const [mode, entriesArgument, file] = process.argv.slice(2);
const started = performance.now();
let summary: Record<string, number> = {};
if (mode !== "--loader") {
  const entries = Number(entriesArgument);
  const datasets = new DatasetClient({ client: pagingClient(entries) });
  if (mode === "diff") {
    const diff = await diffDataset(datasets, ARN, file!);
    summary = {
      added: diff.added,
      changed: diff.changed,
      unchanged: diff.unchanged,
      onlyInDataset: diff.onlyInDataset,
    };
  } else {
    // The least any diff must do: read both sides and parse every line, keeping nothing.
    let parsed = 0;
    for await (const text of datasets.listEntries(ARN)) if (JSON.parse(text)) parsed++;
    for await (const line of createInterface({
      input: createReadStream(file!),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line !== "" && JSON.parse(line)) parsed++;
    }
    summary = { parsed };
  }
}
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    // Linux reports maxRSS in kilobytes.
    maxRssBytes: usage.maxRSS * 1024,
    seconds: (performance.now() - started) / 1000,
    ...summary,
  }),
);
