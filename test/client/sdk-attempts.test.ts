import type { RekognitionClient } from "@aws-sdk/client-rekognition";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import type { LocalRekognition } from "../../src/local/index.js";
import { emulatorClient, emulatorConnection, startLoopbackEmulator } from "../support/emulator.js";

// aws-sdk-client-mock skips the SDK's middleware, so its own retries only show over real HTTP: the emulator
// on loopback answers every request with InternalServerError (a retryable 500 for both the SDK and us).
let local: LocalRekognition;
let datasetArn: string;
const clients: RekognitionClient[] = [];

beforeAll(async () => {
  local = await startLoopbackEmulator();
  datasetArn = local.createDataset().datasetArn;
  local.setFaults({ internalErrorRate: 1 });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await local.close();
});

beforeEach(() => {
  local.resetRequestCounts();
});

/** The requests the emulator received. */
const hits = () => local.requestCounts().DescribeDataset ?? 0;
const noDelay = { minDelayMs: 0, maxDelayMs: 0 };

describe("the attempt budget over real HTTP", () => {
  it("makes exactly `retry.attempts` requests with a client it builds (SDK retries off)", async () => {
    const datasets = new DatasetClient({
      clientConfig: emulatorConnection(local),
      retry: { ...noDelay, attempts: 3 },
    });
    clients.push(datasets.client);
    const error = await datasets.describe(datasetArn).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "RequestFailedError",
      attempts: 3,
      awsErrorName: "InternalServerError",
    });
    expect(hits()).toBe(3);
  });

  it("counts the SDK's own attempts of a client you pass in toward the same budget", async () => {
    const withEndpoint = emulatorClient(local, { maxAttempts: 2 });
    clients.push(withEndpoint);
    const datasets = new DatasetClient({ client: withEndpoint, retry: { ...noDelay, attempts: 5 } });
    const error = await datasets.describe(datasetArn).catch((caught: unknown) => caught);
    // 2 + 2 = 4 < 5, so one more call, whose 2 SDK attempts overshoot to 6: documented in docs/RETRIES.md.
    expect(error).toMatchObject({ name: "RequestFailedError", attempts: 6 });
    expect(hits()).toBe(6);
    expect(await withEndpoint.config.maxAttempts()).toBe(2);
  });
});
