/**
 * Manifest model throughput: build + validate + serialize of object-localization lines against plain
 * `JSON.stringify` of the same (prebuilt) objects, in the same run. Also, for scale, parse + validate of the
 * same text against plain `JSON.parse`.
 */
import { objectLocalization } from "../src/manifest/builders/object-localization.js";
import { parseManifestLine } from "../src/manifest/parse.js";
import { toJsonLine } from "../src/manifest/serialize.js";
import type { ManifestLine } from "../src/manifest/types.js";
import type { BenchSection } from "./section.js";

const LINES = 200_000;
const ROUNDS = 5;
const TARGET_RATIO = 0.5;
const LABELS = [
  "person",
  "car",
  "bicycle",
  "traffic light",
  "dog",
  "Echo Dot",
  "stop sign",
  "bus",
  "truck",
  "bench",
];

type Input = Parameters<typeof objectLocalization>[0];

/** A small deterministic PRNG (mulberry32), so every run measures the same lines. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Realistic inputs: camera-sized images, 1-5 boxes each, labels from a small set, a job name. */
function makeInputs(count: number): Input[] {
  const random = prng(42);
  const sizes = [
    [640, 480],
    [1280, 720],
    [1920, 1080],
    [4032, 3024],
    [1024, 768],
  ] as const;
  const inputs: Input[] = [];
  for (let i = 0; i < count; i++) {
    const [width, height] = sizes[Math.floor(random() * sizes.length)]!;
    const boxes = [];
    const n = 1 + Math.floor(random() * 5);
    for (let b = 0; b < n; b++) {
      const boxWidth = 20 + Math.floor(random() * (width / 3));
      const boxHeight = 20 + Math.floor(random() * (height / 3));
      boxes.push({
        label: LABELS[Math.floor(random() * LABELS.length)]!,
        left: Math.floor(random() * (width - boxWidth)),
        top: Math.floor(random() * (height - boxHeight)),
        width: boxWidth,
        height: boxHeight,
      });
    }
    inputs.push({
      sourceRef: `s3://my-training-bucket/images/batch-${Math.floor(i / 1000)}/img-${String(i).padStart(7, "0")}.jpg`,
      imageSize: { width, height, depth: 3 },
      boxes,
      jobName: "warehouse-labelling-2026",
    });
  }
  return inputs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Lines per second of `work` over `count` items; `sink` keeps the results alive so nothing is optimised away. */
function rate(count: number, work: (i: number) => number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += work(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink === -1) console.log("impossible");
  return count / seconds;
}

function format(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Runs the comparison and returns the section for docs/BENCHMARKS.md. */
export async function run(): Promise<BenchSection> {
  const inputs = makeInputs(LINES);
  const prebuilt: ManifestLine[] = inputs.map((input) => objectLocalization(input));
  const texts = prebuilt.map((line) => JSON.stringify(line));
  const bytes = texts.reduce((sum, text) => sum + text.length, 0);

  const baseline = () => rate(LINES, (i) => JSON.stringify(prebuilt[i]).length);
  const ours = () => rate(LINES, (i) => toJsonLine(objectLocalization(inputs[i]!)).length);
  const parseBaseline = () => rate(LINES, (i) => (JSON.parse(texts[i]!) === null ? 0 : 1));
  const parseOurs = () => rate(LINES, (i) => parseManifestLine(texts[i]!).problems.length);

  // Warm-up: let the JIT settle on both paths before anything is measured.
  baseline();
  ours();
  parseBaseline();
  parseOurs();

  const results = {
    baseline: [] as number[],
    ours: [] as number[],
    parseBaseline: [] as number[],
    parseOurs: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs on a warmer (or more fragmented) heap.
    if (round % 2 === 0) {
      results.baseline.push(baseline());
      results.ours.push(ours());
    } else {
      results.ours.push(ours());
      results.baseline.push(baseline());
    }
    results.parseBaseline.push(parseBaseline());
    results.parseOurs.push(parseOurs());
  }
  const base = median(results.baseline);
  const mine = median(results.ours);
  const ratio = mine / base;
  const parseRatio = median(results.parseOurs) / median(results.parseBaseline);
  const met = ratio >= TARGET_RATIO;

  const markdown = [
    `${format(LINES)} object-localization lines (1-5 boxes each, ${format(bytes / LINES)} bytes per line on average),`,
    `median of ${ROUNDS} alternating rounds after a warm-up, in one process.`,
    "",
    "| path | lines/s | ratio to its baseline |",
    "|---|---:|---:|",
    `| baseline: \`JSON.stringify\` of the prebuilt lines | ${format(base)} | 1.00 |`,
    `| \`objectLocalization()\` (build + validate) + \`toJsonLine()\` | ${format(mine)} | ${ratio.toFixed(2)} |`,
    `| baseline: \`JSON.parse\` of the same text | ${format(median(results.parseBaseline))} | 1.00 |`,
    `| \`parseManifestLine()\` (parse + validate) | ${format(median(results.parseOurs))} | ${parseRatio.toFixed(2)} |`,
    "",
    `Target: build + validate + serialize at least ${TARGET_RATIO} of the \`JSON.stringify\` baseline's lines/s: ` +
      `**${met ? "met" : "not met"}** (${ratio.toFixed(2)}).`,
  ].join("\n");
  return { title: "Manifest model: build + validate + serialize", markdown };
}
