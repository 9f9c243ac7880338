/**
 * The whole upload path with nothing going wrong: builders -> DatasetClient.upload -> real SDK -> real HTTP
 * -> emulator, several requests under a small ceiling, and every figure checked against the dataset.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSample } from "../../scripts/demo/sample.js";
import { DatasetClient, isUploadFailedError, toJsonLine } from "../../src/index.js";
import { expectConsistentResult, expectStoredExactly, ProgressProbe, sourceRefOf } from "./expectations.js";
import { type E2E, FAST_RETRY, FAST_WAIT, startE2E } from "./harness.js";
import { recordWire } from "./wire-log.js";

const MAX_REQUEST_BYTES = 256 * 1024;
/** About 3 MB: a dozen requests of 256 KiB. */
const INPUT = buildSample({ images: 4000, seed: 11 });

let e2e: E2E;

beforeEach(async () => {
  e2e = await startE2E();
});

afterEach(async () => {
  await e2e.close();
});

describe("uploading a few megabytes through the real SDK", () => {
  it("stores exactly the input, by source-ref, over several requests, with consistent figures", async () => {
    const wire = recordWire(e2e.datasets.client);
    const probe = new ProgressProbe(e2e.local, e2e.datasetArn);
    const totalBytes = INPUT.reduce((sum, line) => sum + toJsonLine(line).length + 1, 0);
    expect(totalBytes).toBeGreaterThan(3_000_000);

    const result = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
      onProgress: probe.onProgress,
    });

    expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
    expect(result.requests.length).toBeGreaterThanOrEqual(Math.ceil(totalBytes / MAX_REQUEST_BYTES));
    expect(result.requests.length).toBeLessThanOrEqual(Math.ceil(totalBytes / MAX_REQUEST_BYTES) + 2);
    expect(result.inputLinesDone).toBe(INPUT.length);
    expect(result.lastLineDone).toBe(INPUT.length);
    expect(result.linesSkipped).toEqual([]);
    expect(result.duplicatesReplaced).toEqual([]);
    expect(result.unconfirmedRequest).toBeUndefined();
    expect(result.requests.every((request) => request.sends === 1)).toBe(true);
    expectConsistentResult(result, INPUT, MAX_REQUEST_BYTES);
    probe.expectConsistentWith(result);

    // What went over the wire: every line once, in order, one UpdateDatasetEntries per request.
    expect(wire.acceptedSourceRefs()).toEqual(INPUT.map(sourceRefOf));
    expect(wire.of("UpdateDatasetEntries")).toHaveLength(result.requests.length);
    expect(e2e.local.requestCounts().UpdateDatasetEntries).toBe(result.requests.length);
  });

  it("reports statistics before and after that match the dataset and its labels", async () => {
    const result = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
    });

    const labels = new Map<string, number>();
    for (const line of INPUT) {
      const names = new Set<string>();
      for (const [key, value] of Object.entries(line)) {
        if (!key.endsWith("-metadata")) continue;
        const metadata = value as { "class-name"?: string; "class-map"?: Record<string, string> };
        if (metadata["class-name"] !== undefined) names.add(metadata["class-name"]);
        for (const name of Object.values(metadata["class-map"] ?? {})) names.add(name);
      }
      for (const name of names) labels.set(name, (labels.get(name) ?? 0) + 1);
    }
    expect(result.statisticsBefore).toEqual({
      labeledEntries: 0,
      totalEntries: 0,
      totalLabels: 0,
      errorEntries: 0,
    });
    expect(result.statisticsAfter).toEqual({
      labeledEntries: INPUT.length,
      totalEntries: INPUT.length,
      totalLabels: labels.size,
      errorEntries: 0,
    });
    expect((await e2e.datasets.describe(e2e.datasetArn)).statistics).toEqual(result.statisticsAfter);

    const listed = new Map<string, number>();
    for await (const label of e2e.datasets.listLabels(e2e.datasetArn)) {
      listed.set(label.name, label.entryCount ?? -1);
    }
    expect(listed).toEqual(labels);
  });

  it("uploads the same way through a RekognitionClient the user built (SDK retries on)", async () => {
    const sdk = new RekognitionClient({
      endpoint: e2e.local.endpoint,
      region: e2e.local.region,
      credentials: e2e.local.credentials,
    });
    try {
      const datasets = new DatasetClient({ client: sdk, retry: FAST_RETRY });
      const input = INPUT.slice(0, 1500);
      const result = await datasets.upload(e2e.datasetArn, input, {
        maxRequestBytes: MAX_REQUEST_BYTES,
        wait: FAST_WAIT,
      });
      expectStoredExactly(e2e.local, e2e.datasetArn, input);
      expect(result.requests.length).toBeGreaterThan(1);
    } finally {
      sdk.destroy();
    }
  });

  it("re-uploading the same input changes nothing: entries are replaced by source-ref, never doubled", async () => {
    const options = { maxRequestBytes: MAX_REQUEST_BYTES, wait: FAST_WAIT };
    const input = INPUT.slice(0, 1000);
    await e2e.datasets.upload(e2e.datasetArn, input, options);
    const again = await e2e.datasets.upload(e2e.datasetArn, input, options);

    expectStoredExactly(e2e.local, e2e.datasetArn, input);
    expect(again.statisticsBefore.totalEntries).toBe(input.length);
    expect(again.statisticsAfter.totalEntries).toBe(input.length);
  });

  it("uploads a manifest file from disk (CRLF line ends, blank lines) with the same result", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rekognition-e2e-"));
    try {
      const input = INPUT.slice(0, 1200);
      const file = join(folder, "output.manifest");
      await writeFile(file, `${input.map(toJsonLine).join("\r\n")}\r\n\r\n`);
      const probe = new ProgressProbe(e2e.local, e2e.datasetArn);
      const result = await e2e.datasets.upload(e2e.datasetArn, file, {
        maxRequestBytes: MAX_REQUEST_BYTES,
        wait: FAST_WAIT,
        onProgress: probe.onProgress,
      });

      expectStoredExactly(e2e.local, e2e.datasetArn, input);
      expectConsistentResult(result, input, MAX_REQUEST_BYTES);
      probe.expectConsistentWith(result);
      expect(result.lastLineDone).toBe(input.length);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("hands the SDK a body of its own per request: a command input kept by middleware never changes", async () => {
    const kept: Uint8Array[] = [];
    let firstAsSent: string | undefined;
    e2e.datasets.client.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.input as { Changes?: { GroundTruth?: unknown } }).Changes?.GroundTruth;
        if (body instanceof Uint8Array) {
          kept.push(body);
          if (kept.length === 1) firstAsSent = Buffer.from(body).toString("utf8");
        }
        return next(args);
      },
      { step: "initialize", name: "keepCommandInput" },
    );
    const input = INPUT.slice(0, 1500);
    await e2e.datasets.upload(e2e.datasetArn, input, { maxRequestBytes: MAX_REQUEST_BYTES, wait: FAST_WAIT });

    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(Buffer.from(kept[0]!).toString("utf8")).toBe(firstAsSent);
    expect(firstAsSent?.split("\n")[0]).toBe(toJsonLine(input[0]!));
  });

  it("a request the service refused (AccessDenied) is not unconfirmed, and leaves the client free to write", async () => {
    let updates = 0;
    e2e.datasets.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "UpdateDatasetEntriesCommand" && ++updates === 2) {
          // Built by hand: the emulator has no IAM, so it never refuses a call for want of permission.
          throw Object.assign(
            new Error("User is not authorized to perform: rekognition:UpdateDatasetEntries"),
            {
              name: "AccessDeniedException",
              $fault: "client",
              $metadata: { httpStatusCode: 400, attempts: 1 },
            },
          );
        }
        return next(args);
      },
      { step: "initialize", name: "denySecondUpdate" },
    );
    const input = INPUT.slice(0, 1500);
    const error = await e2e.datasets
      .upload(e2e.datasetArn, input, { maxRequestBytes: MAX_REQUEST_BYTES, wait: FAST_WAIT })
      .catch((caught: unknown) => caught);
    if (!isUploadFailedError(error)) throw new Error("expected an UploadFailedError");
    expect(error.stage).toBe("send");
    expect(error.result.unconfirmedRequest).toBeUndefined();

    // Nothing is pending on this client: the next write goes out at once instead of finding the dataset "busy".
    await e2e.datasets.updateEntries(e2e.datasetArn, [input[0]!]);
    expect(updates).toBe(3);
  });
});
