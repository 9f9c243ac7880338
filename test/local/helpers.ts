/**
 * Shared set-up for the emulator's tests: an emulator on loopback driven by a manual clock, a real
 * RekognitionClient pointed at it (one attempt, so faults are not hidden by SDK retries), and calls through it.
 */
import {
  type DatasetDescription,
  DescribeDatasetCommand,
  type RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { afterEach } from "vitest";
import type { LocalRekognition, LocalRekognitionOptions } from "../../src/local/index.js";
import { emulatorClient, startLoopbackEmulator } from "../support/emulator.js";

/** A clock the test moves by hand. */
export interface ManualClock {
  (): number;
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
}

/** A manual clock starting at a fixed instant. */
export function manualClock(start = Date.UTC(2026, 10, 22, 12, 0, 0)): ManualClock {
  let now = start;
  const clock = (() => now) as ManualClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** A running emulator, its clock, and a client for it. */
export interface Harness {
  readonly local: LocalRekognition;
  readonly clock: ManualClock;
  readonly client: RekognitionClient;
  /** Destroys the client and closes the emulator. */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 with a manual clock and a real client with `maxAttempts: 1`. */
export async function startHarness(options: LocalRekognitionOptions = {}): Promise<Harness> {
  const clock = manualClock();
  const local = await startLoopbackEmulator({
    clock,
    processing: { baseMs: 1000, perMegabyteMs: 1000 },
    ...options,
  });
  const client = emulatorClient(local, { maxAttempts: 1 });
  return {
    local,
    clock,
    client,
    close: async () => {
      client.destroy();
      await local.close();
    },
  };
}

/**
 * Returns a `start` that starts a harness and closes it (and any other started in the same test) after each
 * test. Call it at the top level of a test file or a `describe`.
 */
export function harnessPerTest(): (...args: Parameters<typeof startHarness>) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((harness) => harness.close()));
  });
  return async (...args) => {
    const harness = await startHarness(...args);
    started.push(harness);
    return harness;
  };
}

/** Encodes manifest lines (objects or raw text) as one GroundTruth blob. */
export function groundTruth(lines: readonly (string | object)[]): Uint8Array {
  return new TextEncoder().encode(
    lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"),
  );
}

/** Sends one update. */
export async function update(
  client: RekognitionClient,
  arn: string,
  lines: readonly (string | object)[],
): Promise<void> {
  await client.send(
    new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: groundTruth(lines) } }),
  );
}

/** Sends one update and moves the clock past its processing time. */
export async function applyUpdate(
  harness: Harness,
  arn: string,
  lines: readonly (string | object)[],
): Promise<void> {
  await update(harness.client, arn, lines);
  harness.clock.advance(60_000);
}

/** DescribeDataset's description. */
export async function describe(client: RekognitionClient, arn: string): Promise<DatasetDescription> {
  const { DatasetDescription } = await client.send(new DescribeDatasetCommand({ DatasetArn: arn }));
  return DatasetDescription!;
}
