import {
  DescribeDatasetCommand,
  DescribeProjectsCommand,
  ListDatasetEntriesCommand,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidOptionsError, isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { type LocalRekognition, startLocalRekognition } from "../../src/local/index.js";
import { rejectionOf } from "../support/async.js";
import { labelLine } from "../support/lines.js";
import { applyUpdate, type Harness, manualClock, startHarness } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(...args: Parameters<typeof startHarness>): Promise<Harness> {
  const h = await startHarness(...args);
  cleanups.push(() => h.close());
  return h;
}

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe("startLocalRekognition", () => {
  it("listens on 127.0.0.1 on a free port and reports the region and dummy credentials", async () => {
    const local = await startLocalRekognition({ region: "eu-west-1" });
    cleanups.push(() => local.close());
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.region).toBe("eu-west-1");
    expect(local.credentials.accessKeyId.length).toBeGreaterThan(0);
    const { datasetArn } = local.createDataset();
    expect(datasetArn).toMatch(
      /^arn:aws:rekognition:eu-west-1:123456789012:project\/local-project-1\/dataset\/train\/\d+$/,
    );
  });

  it.each([
    [{ port: -1 }, "port", undefined],
    [{ accountId: "12" }, "accountId", undefined],
    [{ region: 5 as never }, "region", undefined],
    [{ clock: 5 as never }, "clock", undefined],
    [{ processing: { baseMs: -5 } }, "processing.baseMs", undefined],
    [{ processing: { baseMS: 5 } as never }, "processing.baseMS", "processing.baseMs"],
    [{ faults: { internalErrorRate: 1.5 } }, "faults.internalErrorRate", undefined],
    [{ faults: { throttle: 0.5 } as never }, "faults.throttle", "faults.throttleRate"],
    [
      { faults: { operations: { DescribeDataset: { latency: 5 } } } as never },
      "faults.operations.DescribeDataset.latency",
      "faults.operations.DescribeDataset.latencyMs",
    ],
    [{ repeatedSourceRef: "keep-both" as never }, "repeatedSourceRef", undefined],
    [{ repeatedSourceRefs: "keep-last" } as never, "repeatedSourceRefs", "repeatedSourceRef"],
  ])("refuses bad options %o with an InvalidOptionsError naming %s", async (options, option, didYouMean) => {
    const error = await startLocalRekognition(options).catch((caught: unknown) => caught);
    expect(isInvalidOptionsError(error)).toBe(true);
    expect(error).toMatchObject({ option, didYouMean });
  });

  it("refuses null options", async () => {
    await expect(startLocalRekognition(null as never)).rejects.toThrow(InvalidOptionsError);
  });

  it("createDataset makes a project and a dataset the API then sees", async () => {
    const h = await start();
    const { projectArn, datasetArn } = h.local.createDataset({ projectName: "shortcut", type: "TEST" });
    const { DatasetDescription } = await h.client.send(
      new DescribeDatasetCommand({ DatasetArn: datasetArn }),
    );
    expect(DatasetDescription!.Status).toBe("CREATE_COMPLETE");
    const { ProjectDescriptions } = await h.client.send(new DescribeProjectsCommand({}));
    expect(ProjectDescriptions!.map((project) => project.ProjectArn)).toEqual([projectArn]);
    expect(() => h.local.createDataset({ projectName: "shortcut", type: "TEST" })).toThrow(
      /already has a TEST/,
    );
  });

  it("inspects stored entries as sent and as listed, and every dataset with its statistics", async () => {
    const h = await start();
    const { datasetArn } = h.local.createDataset();
    await applyUpdate(h, datasetArn, [labelLine("a.jpg")]);
    expect(h.local.entries(datasetArn)).toEqual([labelLine("a.jpg")]);
    const { DatasetEntries } = await h.client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn }));
    expect(h.local.entryLines(datasetArn)).toEqual(DatasetEntries);
    expect(h.local.datasets()).toEqual([
      {
        arn: datasetArn,
        projectArn: expect.any(String),
        type: "TRAIN",
        status: "UPDATE_COMPLETE",
        statistics: { labeledEntries: 1, totalEntries: 1, totalLabels: 1, errorEntries: 0 },
      },
    ]);
    expect(() => h.local.entries(`${datasetArn}0`)).toThrow(/no dataset/);
  });

  it("counts requests per operation, unknown targets included, and resets the counts", async () => {
    const h = await start();
    await h.client.send(new DescribeProjectsCommand({}));
    await fetch(h.local.endpoint, { method: "POST", body: "{}" });
    expect(h.local.requestCounts()).toEqual({ DescribeProjects: 1, "(no target)": 1 });
    h.local.resetRequestCounts();
    expect(h.local.requestCounts()).toEqual({});
  });
});

describe("the default clock", () => {
  it("follows vitest's fake Date, so a test can move time without a clock option", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    cleanups.push(async () => {
      vi.useRealTimers();
    });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const local = await startLocalRekognition({ processing: { baseMs: 5_000, perMegabyteMs: 0 } });
    cleanups.push(() => local.close());
    const client = new RekognitionClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: local.credentials,
      maxAttempts: 1,
    });
    cleanups.push(async () => client.destroy());
    const { datasetArn } = local.createDataset();
    await client.send(
      new UpdateDatasetEntriesCommand({
        DatasetArn: datasetArn,
        Changes: { GroundTruth: new TextEncoder().encode(JSON.stringify(labelLine("a.jpg"))) },
      }),
    );
    expect(local.datasets()[0]!.status).toBe("UPDATE_IN_PROGRESS");
    vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 0, 5));
    expect(local.datasets()[0]!.status).toBe("UPDATE_COMPLETE");
  });
});

describe("close()", () => {
  it("leaves no server, socket or timer behind, even with a kept-alive connection and a delayed request", async () => {
    const before = handles();
    const local: LocalRekognition = await startLocalRekognition({
      clock: manualClock(),
      faults: { operations: { ListDatasetEntries: { latencyMs: 60_000 } } },
    });
    const client = new RekognitionClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: local.credentials,
      maxAttempts: 1,
    });
    const { datasetArn } = local.createDataset();
    await client.send(new DescribeDatasetCommand({ DatasetArn: datasetArn }));
    const pending = rejectionOf(client.send(new ListDatasetEntriesCommand({ DatasetArn: datasetArn })));
    await new Promise((resolve) => setImmediate(resolve));
    while (local.requestCounts().ListDatasetEntries !== 1)
      await new Promise((resolve) => setImmediate(resolve));

    await local.close();
    const error = await pending;
    expect(error.code).toBe("ECONNRESET");
    client.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    const after = handles();
    for (const kind of ["TCPServerWrap", "TCPSocketWrap", "Timeout"]) {
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    }
  });

  it("refuses new connections once closed", async () => {
    const local = await startLocalRekognition();
    await local.close();
    await expect(fetch(local.endpoint, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
