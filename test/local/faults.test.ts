import {
  DescribeDatasetCommand,
  DescribeProjectsCommand,
  ListDatasetEntriesCommand,
  RekognitionServiceException,
} from "@aws-sdk/client-rekognition";
import { describe, expect, it } from "vitest";
import type { FaultOptions } from "../../src/local/index.js";
import { rejectionOf } from "../support/async.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { labelLine } from "../support/lines.js";
import { applyUpdate, describe as describeDataset, type Harness, harnessPerTest, update } from "./helpers.js";

const start = harnessPerTest();

/** The outcome of `count` sequential DescribeProjects calls: "ok" or the error's name. */
async function outcomes(h: Harness, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      await h.client.send(new DescribeProjectsCommand({}));
      seen.push("ok");
    } catch (error) {
      seen.push((error as Error).name);
    }
  }
  return seen;
}

const MIXED: FaultOptions = { throttleRate: 0.3, internalErrorRate: 0.2 };

describe("Faults: reproducible from a seed", () => {
  it("gives the same sequence of errors for the same seed, and another for another seed", async () => {
    const first = await outcomes(await start({ faults: MIXED, seed: 42 }), 40);
    const again = await outcomes(await start({ faults: MIXED, seed: 42 }), 40);
    const other = await outcomes(await start({ faults: MIXED, seed: 43 }), 40);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(new Set(first)).toEqual(
      new Set(["ok", "ThrottlingException", "ProvisionedThroughputExceededException", "InternalServerError"]),
    );
  });

  it("changes faults while running with setFaults", async () => {
    const h = await start({ faults: { internalErrorRate: 1 } });
    expect(await outcomes(h, 3)).toEqual([
      "InternalServerError",
      "InternalServerError",
      "InternalServerError",
    ]);
    h.local.setFaults({ internalErrorRate: 0 });
    expect(await outcomes(h, 3)).toEqual(["ok", "ok", "ok"]);
    expect(h.local.faults()).toMatchObject({ internalErrorRate: 0 });
  });

  it("scopes a fault to one operation", async () => {
    const h = await start({ faults: { operations: { DescribeDataset: { throttleRate: 1 } } } });
    const arn = await createDatasetThroughSdk(h.client);
    expect(await outcomes(h, 2)).toEqual(["ok", "ok"]);
    const error = await rejectionOf(h.client.send(new DescribeDatasetCommand({ DatasetArn: arn })));
    expect(["ThrottlingException", "ProvisionedThroughputExceededException"]).toContain(error.name);
    expect(h.local.requestCounts()).toEqual({
      CreateProject: 1,
      CreateDataset: 1,
      DescribeProjects: 2,
      DescribeDataset: 1,
    });
  });

  it("refuses a rate outside 0..1 and an unknown fault, naming them", async () => {
    const h = await start();
    expect(() => h.local.setFaults({ throttleRate: 2 })).toThrow(
      expect.objectContaining({ name: "InvalidOptionsError", option: "throttleRate" }),
    );
    expect(() => h.local.setFaults({ staleStatus: 5 } as never)).toThrow(
      expect.objectContaining({ option: "staleStatus", didYouMean: "staleStatusMs" }),
    );
    expect(h.local.faults().throttleRate).toBeUndefined();
  });
});

describe("Faults: forced update failures", () => {
  it("fails the next N updates with UPDATE_FAILED and applies nothing, then succeeds", async () => {
    const h = await start({ faults: { failNextUpdates: 1 } });
    const arn = await createDatasetThroughSdk(h.client);
    await applyUpdate(h, arn, [labelLine("a.jpg")]);
    const failed = await describeDataset(h.client, arn);
    expect(failed).toMatchObject({ Status: "UPDATE_FAILED", StatusMessageCode: "SERVICE_ERROR" });
    expect(failed.DatasetStats!.TotalEntries).toBe(0);
    expect(h.local.entries(arn)).toEqual([]);
    await applyUpdate(h, arn, [labelLine("a.jpg")]);
    expect((await describeDataset(h.client, arn)).Status).toBe("UPDATE_COMPLETE");
    expect(h.local.entries(arn)).toHaveLength(1);
  });

  it("reports CLIENT_ERROR when asked to", async () => {
    const h = await start({ faults: { updateFailureRate: 1, updateFailureCode: "CLIENT_ERROR" } });
    const arn = await createDatasetThroughSdk(h.client);
    await applyUpdate(h, arn, [labelLine("a.jpg")]);
    expect(await describeDataset(h.client, arn)).toMatchObject({
      Status: "UPDATE_FAILED",
      StatusMessageCode: "CLIENT_ERROR",
      StatusMessage: expect.stringMatching(/fix/i),
    });
  });
});

describe("Faults: stale status window", () => {
  it("shows the previous operation's status and LastUpdatedTimestamp right after an update", async () => {
    const h = await start({
      faults: { staleStatusMs: 3_000 },
      processing: { baseMs: 1_000, perMegabyteMs: 0 },
    });
    const arn = await createDatasetThroughSdk(h.client);
    await applyUpdate(h, arn, [labelLine("a.jpg")]);
    const before = await describeDataset(h.client, arn);
    expect(before.Status).toBe("UPDATE_COMPLETE");

    await update(h.client, arn, [labelLine("b.jpg")]);
    const stale = await describeDataset(h.client, arn);
    expect(stale.Status).toBe("UPDATE_COMPLETE");
    expect(stale.LastUpdatedTimestamp).toEqual(before.LastUpdatedTimestamp);

    h.clock.advance(3_000);
    const fresh = await describeDataset(h.client, arn);
    expect(fresh.Status).toBe("UPDATE_COMPLETE");
    expect(fresh.LastUpdatedTimestamp!.getTime()).toBeGreaterThan(before.LastUpdatedTimestamp!.getTime());
    expect(fresh.DatasetStats!.TotalEntries).toBe(2);
  });
});

describe("Faults: connections", () => {
  it("drops the connection before the operation runs: the SDK sees a network error, nothing is applied", async () => {
    const h = await start({ faults: { operations: { UpdateDatasetEntries: { dropConnectionRate: 1 } } } });
    const arn = await createDatasetThroughSdk(h.client);
    const error = await rejectionOf(update(h.client, arn, [labelLine("a.jpg")]));
    expect(error).not.toBeInstanceOf(RekognitionServiceException);
    expect(error.code).toBe("ECONNRESET");
    expect(error.$metadata).toMatchObject({ attempts: 1 });
    expect((await describeDataset(h.client, arn)).Status).toBe("CREATE_COMPLETE");
  });

  it("drops the response after the operation ran: the update is in progress although the client failed", async () => {
    const h = await start({ faults: { operations: { UpdateDatasetEntries: { dropResponseRate: 1 } } } });
    const arn = await createDatasetThroughSdk(h.client);
    const error = await rejectionOf(update(h.client, arn, [labelLine("a.jpg")]));
    expect(error).not.toBeInstanceOf(RekognitionServiceException);
    expect(error.code).toBe("ECONNRESET");
    expect((await describeDataset(h.client, arn)).Status).toBe("UPDATE_IN_PROGRESS");
  });

  it("adds latency to each request", async () => {
    const h = await start({ faults: { operations: { ListDatasetEntries: { latencyMs: 60 } } } });
    const arn = await createDatasetThroughSdk(h.client);
    const started = performance.now();
    await h.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
