/**
 * The end-to-end harness: the emulator on 127.0.0.1 with a clock that ticks once per request, a real
 * RekognitionClient (built by DatasetClient from `clientConfig`, so DatasetClient's retry layer is the only
 * one) and a dataset created through the SDK.
 *
 * Why a ticking clock: the emulator settles its state against its clock on every request, so a clock that
 * moves a fixed step per reading makes an update last a fixed number of requests whatever the machine's
 * speed. With the fault seed fixed, a run's sequence of requests and faults is then the same on every run,
 * and no test waits for real time to pass (the library's own waits are configured down to milliseconds).
 */
import { type RekognitionClient, UpdateDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import { DatasetClient, type RetryOptions, toJsonLine, type UploadOptions } from "../../src/index.js";
import type { FaultOptions, LocalRekognition, ProcessingOptions } from "../../src/local/index.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { createDatasetThroughSdk, emulatorConnection, startLoopbackEmulator } from "../support/emulator.js";

/** Emulator milliseconds per clock reading (one per request the emulator handles). */
export const TICK_MS = 10;

/** A clock that moves `step` milliseconds each time it is read. */
export function tickingClock(step = TICK_MS, start = Date.UTC(2026, 10, 22, 12, 0, 0)): () => number {
  let now = start;
  return () => {
    now += step;
    return now;
  };
}

/**
 * Retries fast enough for tests (1..4 ms apart) and patient enough for the storms the tests inject.
 */
export const FAST_RETRY: RetryOptions = {
  attempts: 25,
  minDelayMs: 1,
  maxDelayMs: 4,
  maxRetryTimeMs: 10_000,
};

/**
 * Waits polled every 1..4 ms. The library's own bounds (10 s here and in FAST_RETRY) trip before vitest's
 * 20 s test timeout, so a hang shows as a typed error rather than a timeout.
 */
export const FAST_WAIT: NonNullable<UploadOptions["wait"]> = {
  minDelay: 0.001,
  maxDelay: 0.004,
  maxWaitTime: 10,
};

/** Processing times (emulator ms): an update of 256 KiB lasts 4 + 5 = 9 ticks. */
export const PROCESSING: ProcessingOptions = { baseMs: 40, perMegabyteMs: 200 };

/** Options of {@link startE2E}. */
export interface E2EOptions {
  /** Seed of the emulator's fault decisions. */
  readonly seed?: number;
  /** Faults switched on once the dataset exists (creating it is not under test). */
  readonly faults?: FaultOptions;
  /** The DatasetClient's retry options. */
  readonly retry?: RetryOptions;
}

/** A running emulator, a DatasetClient for it, and one empty TRAIN dataset. */
export interface E2E {
  /** The emulator. */
  readonly local: LocalRekognition;
  /** The client under test. */
  readonly datasets: DatasetClient;
  /** The dataset's ARN. */
  readonly datasetArn: string;
  /** Another DatasetClient on the same emulator (its own RekognitionClient), e.g. for a concurrent writer. */
  secondClient(): DatasetClient;
  /** Closes every client and the emulator. */
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1, a DatasetClient for it, and creates an empty dataset. */
export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const local = await startLoopbackEmulator({
    clock: tickingClock(),
    processing: PROCESSING,
    seed: options.seed ?? 1,
  });
  const clients: DatasetClient[] = [];
  const newClient = () => {
    const client = new DatasetClient({
      clientConfig: emulatorConnection(local),
      retry: options.retry ?? FAST_RETRY,
    });
    clients.push(client);
    return client;
  };
  const close = async () => {
    for (const client of clients) client.client.destroy();
    await local.close();
  };
  try {
    const datasets = newClient();
    const datasetArn = await createDatasetThroughSdk(datasets.client, "e2e");
    if (options.faults !== undefined) local.setFaults(options.faults);
    return { local, datasets, datasetArn, secondClient: newClient, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Sends one UpdateDatasetEntries straight through the SDK, as another program writing the dataset would. */
export async function sendRawUpdate(
  client: RekognitionClient,
  datasetArn: string,
  lines: readonly (ManifestLine | string)[],
): Promise<void> {
  const text = lines.map((line) => (typeof line === "string" ? line : toJsonLine(line))).join("\n");
  await client.send(
    new UpdateDatasetEntriesCommand({
      DatasetArn: datasetArn,
      Changes: { GroundTruth: new TextEncoder().encode(text) },
    }),
  );
}
