import { UpdateDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import { afterEach, describe, expect, it } from "vitest";
import { isInvalidOptionsError } from "../../src/index.js";
import type { LocalRekognition } from "../../src/local/index.js";
import { startLocalRekognition } from "../../src/local/index.js";
import { rejectionOf } from "../support/async.js";
import { emulatorClient, startLoopbackEmulator } from "../support/emulator.js";

let local: LocalRekognition | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

describe("the emulator's answers to the undocumented behaviours", () => {
  it.each([
    ["payloadLimit", "bytes"],
    ["oversizeError", "ResourceInUseException"],
    ["concurrentUpdate", "wait"],
    ["floatCoordinates", "round"],
    ["stringClassIndex", "keep"],
    ["sourceRefOnlyLine", "ignore"],
  ])("refuses %s: %s, naming the option", async (option, value) => {
    const error = await rejectionOf(startLocalRekognition({ [option]: value }));
    expect(isInvalidOptionsError(error) && error.option).toBe(option);
  });

  it.each([
    ["raw", 6_000, undefined],
    ["base64", 6_000, "InvalidParameterException"],
    ["base64", 4_000, undefined],
  ] as const)(
    "payloadLimit %s: %i raw bytes against a 6000-byte limit",
    async (payloadLimit, bytes, refusal) => {
      local = await startLoopbackEmulator({ payloadLimit, maxGroundTruthBytes: 6_000 });
      const { datasetArn } = local.createDataset();
      const body = new Uint8Array(bytes).fill(0x0a);
      body.set(new TextEncoder().encode('{"source-ref":"s3://b/1.jpg"}'));
      const client = emulatorClient(local, { maxAttempts: 1 });
      const error = await client
        .send(new UpdateDatasetEntriesCommand({ DatasetArn: datasetArn, Changes: { GroundTruth: body } }))
        .then(
          () => undefined,
          (refused: unknown) => refused,
        );
      client.destroy();
      expect((error as { name?: string } | undefined)?.name).toBe(refusal);
    },
  );
});
