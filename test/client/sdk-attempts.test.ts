import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { DATASET_ARN } from "../support/rekognition.js";

// aws-sdk-client-mock skips the SDK's middleware, so its own retries only show over real HTTP: a loopback
// server that answers every request with InternalServerError (a retryable 500 for both the SDK and us).
let server: Server;
let endpoint: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      hits += 1;
      response.writeHead(500, { "content-type": "application/x-amz-json-1.1" });
      response.end(JSON.stringify({ __type: "InternalServerError", message: "Try again" }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

beforeEach(() => {
  hits = 0;
});

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" };
const noDelay = { minDelayMs: 0, maxDelayMs: 0 };

describe("the attempt budget over real HTTP", () => {
  it("makes exactly `retry.attempts` requests with a client it builds (SDK retries off)", async () => {
    const datasets = new DatasetClient({
      clientConfig: { endpoint, region: "us-east-1", credentials },
      retry: { ...noDelay, attempts: 3 },
    });
    const error = await datasets.describe(DATASET_ARN).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "RequestFailedError",
      attempts: 3,
      awsErrorName: "InternalServerError",
    });
    expect(hits).toBe(3);
  });

  it("counts the SDK's own attempts of a client you pass in toward the same budget", async () => {
    const withEndpoint = new RekognitionClient({
      endpoint,
      region: "us-east-1",
      credentials,
      maxAttempts: 2,
    });
    const datasets = new DatasetClient({ client: withEndpoint, retry: { ...noDelay, attempts: 5 } });
    const error = await datasets.describe(DATASET_ARN).catch((caught: unknown) => caught);
    // 2 + 2 = 4 < 5, so one more call, whose 2 SDK attempts overshoot to 6: documented in docs/RETRIES.md.
    expect(error).toMatchObject({ name: "RequestFailedError", attempts: 6 });
    expect(hits).toBe(6);
    expect(await withEndpoint.config.maxAttempts()).toBe(2);
  });
});
