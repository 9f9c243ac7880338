/**
 * Waiter bench: how soon the end of an update is noticed, and how many DescribeDataset calls that costs, for
 * the default (adaptive) schedule, the SDK waiters' schedule this library used before (`minDelay` 5 s,
 * `maxDelay` 30 s, exponential, jittered) and AWS's samples' fixed 5 s poll.
 *
 * It runs in simulated time: the real DatasetClient operations (retry layer, attempt timeouts, the waiter, the
 * schedule and the per-client rate model) over a stand-in SDK client whose dataset finishes each update a
 * given time after accepting it, with `setTimeout` and `performance.now` replaced by a clock that jumps from
 * timer to timer. Hours of waiting take milliseconds; DescribeDataset answers instantly.
 */
import type { RekognitionClient } from "@aws-sdk/client-rekognition";
import { createDatasetOperations } from "../src/client/dataset-operations.js";
import { createPacer } from "../src/client/pacing.js";
import { resolveRetryOptions } from "../src/client/retry.js";
import type { WaitOptions } from "../src/client/types.js";
import type { BenchSection } from "./section.js";

const DATASET_ARN = "arn:aws:rekognition:us-east-1:123456789012:project/bench/dataset/train/1700000000000";
const PROCESSING_SECONDS = [0.05, 1, 5, 30, 120] as const;
/** Each run is one client sending this many updates of the same size in a row, as an upload does. */
const UPDATES_PER_RUN = 6;
const RUNS = 10;
/** Each update's processing time is the nominal one times a uniform factor in 1 ± this. */
const PROCESSING_JITTER = 0.1;
const BODY = new Uint8Array(1_000_000);

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly run: () => void;
}

/** `setTimeout`, `clearTimeout` and `performance.now` on a clock that jumps to the next timer. */
class SimulatedTime {
  now = 0;
  #timers: Timer[] = [];
  #nextId = 1;
  #restore: (() => void) | undefined;

  install(): void {
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    const fakeSetTimeout = (run: () => void, ms = 0) => {
      const id = this.#nextId++;
      this.#timers.push({ id, at: this.now + Math.max(0, ms), run });
      return id;
    };
    const fakeClearTimeout = (id: unknown) => {
      this.#timers = this.#timers.filter((timer) => timer.id !== id);
    };
    globalThis.setTimeout = fakeSetTimeout as unknown as typeof setTimeout;
    globalThis.clearTimeout = fakeClearTimeout as typeof clearTimeout;
    Object.defineProperty(performance, "now", { value: () => this.now, configurable: true, writable: true });
    this.#restore = () => {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      Reflect.deleteProperty(performance, "now");
    };
  }

  uninstall(): void {
    this.#restore?.();
  }

  /** Runs timers in time order until `promise` settles. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const outcome = promise.finally(() => {
      settled = true;
    });
    for (;;) {
      // Let every promise chain that can move move before time does.
      for (let i = 0; i < 2 && !settled; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return outcome;
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.#timers.shift();
      if (next === undefined) throw new Error("nothing left to run, and the wait is still pending");
      this.now = next.at;
      next.run();
    }
  }
}

/** A stand-in RekognitionClient: each accepted update ends `processingMs()` later on the simulated clock. */
function simulatedService(time: SimulatedTime, processingMs: () => number) {
  let endsAt = 0;
  let version = 0;
  let describes = 0;
  const client = {
    async send(command: { constructor: { name: string } }) {
      const operation = command.constructor.name;
      if (operation === "UpdateDatasetEntriesCommand") {
        version += 1;
        endsAt = time.now + processingMs();
        return {};
      }
      if (operation === "DescribeDatasetCommand") {
        describes += 1;
        const done = time.now >= endsAt;
        return {
          DatasetDescription: {
            Status: done ? "UPDATE_COMPLETE" : "UPDATE_IN_PROGRESS",
            LastUpdatedTimestamp: new Date(Date.UTC(2026, 0, 1) + version * 2000 + (done ? 1000 : 0)),
          },
        };
      }
      throw new Error(`not simulated: ${operation}`);
    },
  };
  return {
    client: client as unknown as RekognitionClient,
    endsAt: () => endsAt,
    describes: () => describes,
  };
}

/** A seeded uniform generator (mulberry32), so that runs are the same from one bench to the next. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Measure {
  /** Seconds from the end of processing to the end of the wait. */
  readonly latency: number;
  /** DescribeDataset calls during the wait. */
  readonly calls: number;
  /** Seconds from acceptance to the end of the wait. */
  readonly waited: number;
  /** Whether it was the first update of its client (nothing learned yet). */
  readonly first: boolean;
}

async function measure(
  time: SimulatedTime,
  processingSeconds: number,
  wait: WaitOptions,
  seed: number,
): Promise<Measure[]> {
  const random = seeded(seed);
  const service = simulatedService(
    time,
    () => processingSeconds * 1000 * (1 + PROCESSING_JITTER * (2 * random() - 1)),
  );
  const operations = createDatasetOperations({
    client: service.client,
    retry: resolveRetryOptions(undefined),
    pace: createPacer(),
    random,
    requestTimeoutMs: 60_000,
  });
  const measures: Measure[] = [];
  for (let update = 0; update < UPDATES_PER_RUN; update++) {
    const baseline = await time.run(operations.describe(DATASET_ARN));
    await time.run(operations.sendUpdate(DATASET_ARN, BODY));
    const acceptedAt = time.now;
    const before = service.describes();
    await time.run(operations.waitUntilUpdated(DATASET_ARN, { ...wait, baseline }));
    measures.push({
      latency: (time.now - service.endsAt()) / 1000,
      calls: service.describes() - before,
      waited: (time.now - acceptedAt) / 1000,
      first: update === 0,
    });
    // Some client-side work between two requests (reading and packing the next one).
    time.now += 100;
  }
  return measures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const format = (seconds: number) => (seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));

interface Row {
  readonly schedule: string;
  readonly processing: number;
  readonly medianLatency: number;
  readonly worstLatency: number;
  readonly callsPerUpdate: number;
  readonly callsPerSecond: number;
}

function row(schedule: string, processing: number, measures: readonly Measure[]): Row {
  const calls = measures.reduce((sum, m) => sum + m.calls, 0);
  const waited = measures.reduce((sum, m) => sum + m.waited, 0);
  return {
    schedule,
    processing,
    medianLatency: median(measures.map((m) => m.latency)),
    worstLatency: Math.max(...measures.map((m) => m.latency)),
    callsPerUpdate: calls / measures.length,
    callsPerSecond: calls / waited,
  };
}

/** Runs the bench and returns its section of docs/BENCHMARKS.md. */
export async function run(): Promise<BenchSection> {
  const time = new SimulatedTime();
  const rows: Row[] = [];
  const misses: string[] = [];
  time.install();
  try {
    for (const processing of PROCESSING_SECONDS) {
      const adaptive: Measure[] = [];
      const old: Measure[] = [];
      const fixed: Measure[] = [];
      for (let runIndex = 0; runIndex < RUNS; runIndex++) {
        const seed = 1000 * processing + runIndex + 1;
        adaptive.push(...(await measure(time, processing, {}, seed)));
        old.push(...(await measure(time, processing, { minDelay: 5, maxDelay: 30 }, seed)));
        fixed.push(...(await measure(time, processing, { minDelay: 5, maxDelay: 5 }, seed)));
      }
      const cold = row(
        "default, first update of a client",
        processing,
        adaptive.filter((m) => m.first),
      );
      const warm = row(
        "default, later updates (rate learned)",
        processing,
        adaptive.filter((m) => !m.first),
      );
      rows.push(
        cold,
        warm,
        row("old default (minDelay 5, maxDelay 30)", processing, old),
        row("fixed 5 s poll (AWS's samples)", processing, fixed),
      );
      const all = row("default", processing, adaptive);
      if (all.medianLatency > Math.max(1, 0.1 * processing)) misses.push(`median at ${processing} s`);
      if (all.worstLatency > Math.max(2, 0.2 * processing)) misses.push(`worst at ${processing} s`);
      // An update shorter than the early first poll plus one gap cannot cost fewer than one or two polls.
      if (processing >= 5 ? all.callsPerSecond > 1 : all.callsPerUpdate > 2) {
        misses.push(`${all.callsPerSecond.toFixed(2)} calls/s at ${processing} s`);
      }
    }
  } finally {
    time.uninstall();
  }
  const lines = [
    `Each run: one client sends ${UPDATES_PER_RUN} updates of 1 MB in a row and waits for each; the simulated service ` +
      `finishes each update after the nominal processing time ±${PROCESSING_JITTER * 100}% (uniform, seeded); ` +
      `${RUNS} runs per processing time and schedule. Simulated time over the real operations, waiter and ` +
      "schedule; DescribeDataset answers instantly. Latency: from the end of processing to the end of the wait.",
    "",
    "| processing | schedule | latency, median | latency, worst | DescribeDataset calls per update | calls per second waited |",
    "|---:|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.processing} s | ${r.schedule} | ${format(r.medianLatency)} s | ${format(r.worstLatency)} s | ` +
        `${r.callsPerUpdate.toFixed(1)} | ${r.callsPerSecond.toFixed(2)} |`,
    ),
    "",
    "Target (default options, every update): latency within max(1 s, 10 %) of the processing time at the median " +
      "and max(2 s, 20 %) at worst; at most one DescribeDataset call per second waited for updates of 5 s and " +
      "more, and at most two calls per update below (one poll soon after acceptance, one a gap later: over a wait " +
      "of under 2 s that is more than one call per second, the price of noticing a 0.05 s update in 0.25 s): " +
      (misses.length === 0 ? "**met**." : `**not met** (${misses.join("; ")}).`),
  ];
  return { title: "Waiter: noticing the end of an update", markdown: lines.join("\n") };
}
