/**
 * Child process of the upload bench (bench/upload.bench.ts): streams one manifest file through the whole
 * upload pipeline (read, parse, validate, fingerprint, pack, send, wait) against operations that discard
 * the bodies, then prints one JSON line with its peak resident memory. A separate process, so that the peak
 * belongs to this run alone.
 *
 * Usage: `node --import tsx bench/upload-memory-child.ts <manifest file> | --baseline`
 */
import type { DatasetOperations } from "../src/client/operations.js";
import type { DatasetDescription } from "../src/client/types.js";
import { uploadDataset } from "../src/client/upload/upload.js";

const ARN = "arn:aws:rekognition:us-east-1:123456789012:project/bench/dataset/train/1";

/** Operations that accept every body at once and throw it away: only the pipeline's own memory counts. */
function discardingOperations(): DatasetOperations & { bodies: number; bytes: number } {
  let clock = 0;
  const description = (): DatasetDescription => ({
    datasetArn: ARN,
    status: "UPDATE_COMPLETE",
    lastUpdatedTimestamp: new Date(++clock * 1000),
    statistics: {},
  });
  return {
    bodies: 0,
    bytes: 0,
    async describe() {
      return description();
    },
    async sendUpdate(_arn, body) {
      this.bodies++;
      this.bytes += body.byteLength;
    },
    async waitUntilUpdated() {
      return description();
    },
    async *listEntries() {
      // Nothing flagged.
    },
  };
}

const file = process.argv[2];
if (file === undefined) throw new Error("usage: upload-memory-child.ts <manifest file> | --baseline");
const started = performance.now();
const operations = discardingOperations();
let lines = 0;
let requests = 0;
if (file !== "--baseline") {
  const result = await uploadDataset(operations, ARN, file, {});
  lines = result.appliedRequestLines;
  requests = result.requests.length;
}
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    // Linux reports maxRSS in kilobytes.
    maxRssBytes: usage.maxRSS * 1024,
    lines,
    requests,
    bytesSent: operations.bytes,
    seconds: (performance.now() - started) / 1000,
  }),
);
