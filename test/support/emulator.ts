/**
 * The emulator as the tests of every area start it: on 127.0.0.1 only (no test reaches past loopback), with
 * real `RekognitionClient`s pointed at it and datasets created through the SDK.
 */
import {
  CreateDatasetCommand,
  CreateProjectCommand,
  RekognitionClient,
  type RekognitionClientConfig,
} from "@aws-sdk/client-rekognition";
import {
  type LocalRekognition,
  type LocalRekognitionOptions,
  startLocalRekognition,
} from "../../src/local/index.js";

/** Starts the emulator and refuses it (closed again) unless it listens on 127.0.0.1. */
export async function startLoopbackEmulator(
  options: LocalRekognitionOptions = {},
): Promise<LocalRekognition> {
  const local = await startLocalRekognition(options);
  if (!local.endpoint.startsWith("http://127.0.0.1:")) {
    await local.close();
    throw new Error(`The emulator must listen on loopback only, got ${local.endpoint}.`);
  }
  return local;
}

/** What a client needs to reach the emulator: its endpoint, its region and dummy credentials. */
export function emulatorConnection(local: LocalRekognition) {
  return { endpoint: local.endpoint, region: local.region, credentials: local.credentials };
}

/** A real RekognitionClient for the emulator, with `config` on top (e.g. `maxAttempts`). */
export function emulatorClient(
  local: LocalRekognition,
  config: Omit<RekognitionClientConfig, "endpoint" | "region" | "credentials"> = {},
): RekognitionClient {
  return new RekognitionClient({ ...emulatorConnection(local), ...config });
}

/** Creates a project and a TRAIN dataset through the SDK; returns the dataset's ARN. */
export async function createDatasetThroughSdk(
  client: RekognitionClient,
  projectName = "project",
): Promise<string> {
  const { ProjectArn } = await client.send(new CreateProjectCommand({ ProjectName: projectName }));
  const { DatasetArn } = await client.send(
    new CreateDatasetCommand({ ProjectArn: ProjectArn!, DatasetType: "TRAIN" }),
  );
  return DatasetArn!;
}
