/**
 * The probe against the emulator on loopback, with one manual clock shared by both: the probe's sleeps move
 * the emulator's time, so no test waits for real time and every figure is exact.
 */
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  type RekognitionClient,
} from "@aws-sdk/client-rekognition";
import type { ProbeClock, ProbeOptions } from "../../src/index.js";
import type { LocalRekognition, LocalRekognitionOptions } from "../../src/local/index.js";
import { emulatorClient, startLoopbackEmulator } from "../support/emulator.js";

/** A clock both sides read: the emulator's epoch ms and the probe's elapsed ms, moved only by `sleep`. */
export function manualClock(): { readonly emulator: () => number; readonly probe: ProbeClock } {
  const start = Date.UTC(2026, 11, 3, 12, 0, 0);
  let elapsed = 0;
  return {
    emulator: () => start + elapsed,
    probe: {
      now: () => elapsed,
      sleep: async (ms, signal) => {
        signal?.throwIfAborted();
        elapsed += ms;
      },
    },
  };
}

/** A running emulator, a client for it and an empty project; `probeOptions` fills in what runProbe needs. */
export interface ProbeBench {
  readonly local: LocalRekognition;
  readonly client: RekognitionClient;
  readonly projectArn: string;
  readonly clock: ProbeClock;
  probeOptions(extra?: Partial<ProbeOptions>): ProbeOptions;
  /** Creates a dataset of `type` in the project, as a user's own. */
  createOwnDataset(type: "TRAIN" | "TEST"): Promise<string>;
  close(): Promise<void>;
}

/** Starts the emulator with `options` (its clock is the manual one) and creates a project. */
export async function startProbeBench(options: LocalRekognitionOptions = {}): Promise<ProbeBench> {
  const clock = manualClock();
  const local = await startLoopbackEmulator({ ...options, clock: clock.emulator });
  const client = emulatorClient(local);
  const { ProjectArn } = await client.send(new CreateProjectCommand({ ProjectName: "probe-project" }));
  const projectArn = ProjectArn!;
  return {
    local,
    client,
    projectArn,
    clock: clock.probe,
    probeOptions: (extra = {}) => ({ projectArn, confirm: true, client, clock: clock.probe, ...extra }),
    createOwnDataset: async (type) => {
      const { DatasetArn } = await client.send(
        new CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: type }),
      );
      return DatasetArn!;
    },
    close: async () => {
      client.destroy();
      await local.close();
    },
  };
}
