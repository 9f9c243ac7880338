/**
 * Child process of the convert bench (bench/convert.bench.ts): converts one COCO file to a manifest file
 * with `convertCoco` and prints one JSON line with the time taken, the peak resident set size of this
 * process and what `JSON.parse` of the same file does (it cannot even be read as one string past V8's
 * longest string). A process of its own, so that no other work's memory is counted.
 *
 * Usage: `node --import tsx bench/convert-memory-child.ts <coco.json> <out.manifest>`
 */
import { readFile } from "node:fs/promises";
import { convertCoco } from "../src/convert/index.js";

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined)
  throw new Error("usage: convert-memory-child.ts <coco> <out>");
const started = performance.now();
const report = await convertCoco(input, { images: "s3://bench-bucket/images/", output });
const seconds = (performance.now() - started) / 1000;
const peakRssAfterConvert = process.resourceUsage().maxRSS * 1024;
let jsonParse: string;
try {
  JSON.parse(await readFile(input, "utf8"));
  jsonParse = "parsed";
} catch (error) {
  jsonParse = `${(error as NodeJS.ErrnoException).code ?? (error as Error).name}: ${(error as Error).message.slice(0, 80)}`;
}
console.log(JSON.stringify({ seconds, peakRss: peakRssAfterConvert, linesOut: report.linesOut, jsonParse }));
