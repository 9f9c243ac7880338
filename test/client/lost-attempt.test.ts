/**
 * An attempt lost on the way back (the service applied the update, the response never arrived) must never
 * be reported as "not applied". Real SDK over HTTP against the emulator on 127.0.0.1, which drops the
 * response of every UpdateDatasetEntries after running it; the retry then meets ResourceInUse.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { isUploadFailedError } from "../../src/errors/upload-failed-error.js";
import type { LocalRekognition } from "../../src/local/index.js";
import { emulatorConnection, startLoopbackEmulator } from "../support/emulator.js";
import { labelLine } from "../support/lines.js";

const FAST_RETRY = { attempts: 3, minDelayMs: 1, maxDelayMs: 5, maxRetryTimeMs: 5_000 };
let local: LocalRekognition | undefined;

afterEach(async () => {
  await local?.close();
  local = undefined;
});

async function start() {
  local = await startLoopbackEmulator({
    processing: { baseMs: 60_000, perMegabyteMs: 0 }, // stays UPDATE_IN_PROGRESS for the whole test
    faults: { operations: { UpdateDatasetEntries: { dropResponseRate: 1 } } },
  });
  const { datasetArn } = local.createDataset();
  const datasets = new DatasetClient({
    clientConfig: emulatorConnection(local),
    retry: FAST_RETRY,
  });
  return { local, datasetArn, datasets };
}

describe("a request whose response was lost", () => {
  it("updateEntries: the busy error says the update may have been applied, and it was", async () => {
    const { local, datasetArn, datasets } = await start();
    const error = await datasets.updateEntries(datasetArn, [labelLine(1), labelLine(2)]).catch((e) => e);

    expect(isDatasetBusyError(error)).toBe(true);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toMatch(/may have reached the service/);
    expect(local.datasets()[0]?.status).toBe("UPDATE_IN_PROGRESS"); // our own lost attempt is running
  });

  it("upload: the error's result names the request as unconfirmed, not as unapplied", async () => {
    const { datasetArn, datasets } = await start();
    const error = await datasets
      .upload(datasetArn, [labelLine(1), labelLine(2), labelLine(3)], { maxBusyResends: 0 })
      .catch((e) => e);

    expect(isUploadFailedError(error)).toBe(true);
    expect(error.result.inputLinesDone).toBe(0);
    expect(error.result.unconfirmedRequest).toMatchObject({ index: 0, firstLine: 1, lastLine: 3 });
    expect(error.message).toMatch(/may or may not be applied/);
  });
});
