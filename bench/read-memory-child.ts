/**
 * Child process of the read bench (bench/read.bench.ts): reads one manifest file made of a single 20 MB
 * line with no newline through `readManifest`, collecting garbage as it goes, and prints one JSON line with
 * what the reader held: the peak of `arrayBuffers` above the start, and what stayed after the read. A
 * process of its own (started with `--expose-gc`), so that no other work's heap is counted.
 *
 * Usage: `node --expose-gc --import tsx bench/read-memory-child.ts <file>`
 */
import { readManifest } from "../src/manifest/reader.js";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: read-memory-child.ts <file>");
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

gc();
const before = process.memoryUsage();
let peakArrayBuffers = 0;
const sample = () => {
  gc();
  peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers - before.arrayBuffers);
};
// Chunks already read are garbage, not retained: collecting before each sample measures what the reader holds.
const sampler = setInterval(sample, 1);
const records = [];
try {
  for await (const record of readManifest(file, { highWaterMark: 256 * 1024 })) {
    records.push({ byteLength: record.byteLength, codes: record.problems.map((problem) => problem.code) });
  }
} finally {
  clearInterval(sampler);
}
sample();
gc();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    records,
    retainedArrayBuffers: after.arrayBuffers - before.arrayBuffers,
    retainedHeap: after.heapUsed - before.heapUsed,
    peakArrayBuffers,
  }),
);
