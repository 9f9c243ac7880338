import {
  CreateDatasetCommand,
  CreateProjectCommand,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  InvalidParameterException,
  ListDatasetEntriesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../support/async.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { boxLine, labelLine } from "../support/lines.js";
import { applyUpdate, describe as describeDataset, harnessPerTest, update } from "./helpers.js";

const start = harnessPerTest();

describe("UpdateDatasetEntries: what the dataset holds afterwards", () => {
  it("keeps the first line of a repeated source-ref by default, and the rule set by repeatedSourceRef", async () => {
    const change = [labelLine("a.jpg", "First"), labelLine("b.jpg", "Other"), labelLine("a.jpg", "Last")];
    const byDefault = await start();
    const defaultArn = await createDatasetThroughSdk(byDefault.client);
    await applyUpdate(byDefault, defaultArn, change);
    expect(byDefault.local.entries(defaultArn)).toEqual([
      labelLine("a.jpg", "First"),
      labelLine("b.jpg", "Other"),
    ]);

    const keepLast = await start({ repeatedSourceRef: "keep-last" });
    const keepLastArn = await createDatasetThroughSdk(keepLast.client);
    await applyUpdate(keepLast, keepLastArn, change);
    expect(keepLast.local.entries(keepLastArn)).toEqual([
      labelLine("b.jpg", "Other"),
      labelLine("a.jpg", "Last"),
    ]);

    const dropAll = await start({ repeatedSourceRef: "drop-all" });
    const dropAllArn = await createDatasetThroughSdk(dropAll.client);
    await applyUpdate(dropAll, dropAllArn, change);
    expect(dropAll.local.entries(dropAllArn)).toEqual([labelLine("b.jpg", "Other")]);
  });

  it("adds new source-refs and replaces existing ones in place", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    await applyUpdate(h, arn, [labelLine("a.jpg", "Cat"), labelLine("b.jpg", "Cat")]);
    await applyUpdate(h, arn, [labelLine("a.jpg", "Dog"), labelLine("c.jpg", "Dog")]);
    const entries = h.local.entries(arn);
    expect(entries.map((line) => line["source-ref"])).toEqual([
      "s3://bucket/images/a.jpg",
      "s3://bucket/images/b.jpg",
      "s3://bucket/images/c.jpg",
    ]);
    expect(entries[0]).toEqual(labelLine("a.jpg", "Dog"));
    const { DatasetStats } = await describeDataset(h.client, arn);
    expect(DatasetStats).toEqual({ LabeledEntries: 3, TotalEntries: 3, TotalLabels: 2, ErrorEntries: 0 });
  });

  it("drops invalid JSON, over-long lines, bad or missing source-refs and repeats within a change, silently", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    const tooLong = JSON.stringify(labelLine("long.jpg", "Cat", { padding: "x".repeat(100_001) }));
    await applyUpdate(h, arn, [
      "{not json",
      "[1, 2]",
      tooLong,
      { ...labelLine("x.jpg"), "source-ref": "https://example.com/x.jpg" },
      (({ "source-ref": _, ...rest }) => rest)(labelLine("y.jpg")),
      labelLine("kept.jpg", "First"),
      labelLine("kept.jpg", "Second"),
      "",
      "   ",
    ]);
    expect(h.local.entries(arn)).toEqual([labelLine("kept.jpg", "First")]);
    const { DatasetStats } = await describeDataset(h.client, arn);
    expect(DatasetStats).toEqual({ LabeledEntries: 1, TotalEntries: 1, TotalLabels: 1, ErrorEntries: 0 });
  });

  it("keeps a line with problems, lists them where they occur, and counts it in ErrorEntries", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    const badBox = boxLine("box.jpg", ["Dog", "Cat"]);
    (badBox["bounding-box"].annotations[1] as { width: number }).width = 5_000;
    await applyUpdate(h, arn, [
      badBox,
      { "source-ref": "s3://bucket/images/nolabel.jpg" },
      labelLine("ok.jpg"),
    ]);

    const { DatasetStats } = await describeDataset(h.client, arn);
    expect(DatasetStats).toEqual({ LabeledEntries: 2, TotalEntries: 3, TotalLabels: 3, ErrorEntries: 2 });
    const { DatasetEntries } = await h.client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, HasErrors: true }),
    );
    const [box, noLabel] = DatasetEntries!.map((text) => JSON.parse(text));
    expect(box["bounding-box"].annotations[1].errors).toEqual([
      { code: "ERROR_INVALID_BOUNDING_BOX", message: expect.any(String) },
    ]);
    expect(box["bounding-box"].annotations[0].errors).toBeUndefined();
    expect(box["cl-metadata"]).toEqual({ is_labeled: true });
    expect(noLabel).toMatchObject({
      "cl-metadata": { is_labeled: false },
      errors: [{ code: "ERROR_NO_LABEL_ATTRIBUTES", message: expect.any(String) }],
    });
    // The stored line is the one sent: the problem lists live only in what ListDatasetEntries returns.
    expect(h.local.entries(arn)[0]).toEqual(badBox);
  });

  it("refuses a GroundTruth over the size limit with InvalidParameterException, and accepts one at it", async () => {
    const line = JSON.stringify(labelLine("a.jpg"));
    const h = await start({ maxGroundTruthBytes: line.length });
    const arn = await createDatasetThroughSdk(h.client);
    const error = await rejectionOf(update(h.client, arn, [`${line} `]));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toContain(String(line.length + 1));
    await update(h.client, arn, [line]);
    expect((await describeDataset(h.client, arn)).Status).toBe("UPDATE_IN_PROGRESS");
  });

  it("drains and refuses a request body far over the limit without buffering it", async () => {
    const h = await start({ maxGroundTruthBytes: 100 });
    const arn = await createDatasetThroughSdk(h.client);
    const huge = JSON.stringify(labelLine("a.jpg", "Cat", { padding: "p".repeat(200_000) }));
    const error = await rejectionOf(update(h.client, arn, [huge]));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((await describeDataset(h.client, arn)).Status).toBe("CREATE_COMPLETE");
  });

  it("accepts exactly one of two updates sent at the same time", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    const results = await Promise.allSettled([
      update(h.client, arn, [labelLine("a.jpg")]),
      update(h.client, arn, [labelLine("b.jpg")]),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ResourceInUseException);
  });

  it("refuses an empty GroundTruth and a missing Changes with InvalidParameterException", async () => {
    const { client } = await start();
    const arn = await createDatasetThroughSdk(client);
    const empty = await rejectionOf(
      client.send(
        new UpdateDatasetEntriesCommand({ DatasetArn: arn, Changes: { GroundTruth: new Uint8Array() } }),
      ),
    );
    expect(empty).toBeInstanceOf(InvalidParameterException);
    const missing = await rejectionOf(
      client.send(new UpdateDatasetEntriesCommand({ DatasetArn: arn } as never)),
    );
    expect(missing).toBeInstanceOf(InvalidParameterException);
  });

  it("answers ResourceNotFoundException for a well-formed ARN of no dataset", async () => {
    const { client } = await start();
    const error = await rejectionOf(
      update(client, "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/42", [
        labelLine("a.jpg"),
      ]),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("UpdateDatasetEntries: status over time", () => {
  it("shows UPDATE_IN_PROGRESS for base + per-megabyte time, then UPDATE_COMPLETE", async () => {
    const h = await start({ processing: { baseMs: 1_000, perMegabyteMs: 2_000 } });
    const arn = await createDatasetThroughSdk(h.client);
    const created = await describeDataset(h.client, arn);
    // About 2 MB of lines: 1 s + 2 x 2 s = 5 s of processing.
    const lines = Array.from({ length: 2_000 }, (_, i) =>
      labelLine(`${i}.jpg`, "Cat", { note: "n".repeat(900) }),
    );
    const bytes = new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join("\n")).byteLength;
    const expectedMs = 1_000 + Math.round((2_000 * bytes) / 1_048_576);
    h.clock.advance(10);
    await update(h.client, arn, lines);
    const started = await describeDataset(h.client, arn);
    expect(started.Status).toBe("UPDATE_IN_PROGRESS");
    expect(started.LastUpdatedTimestamp!.getTime()).toBeGreaterThan(created.LastUpdatedTimestamp!.getTime());
    expect(started.DatasetStats!.TotalEntries).toBe(0);

    h.clock.advance(expectedMs - 1);
    expect((await describeDataset(h.client, arn)).Status).toBe("UPDATE_IN_PROGRESS");
    h.clock.advance(1);
    const done = await describeDataset(h.client, arn);
    expect(done.Status).toBe("UPDATE_COMPLETE");
    expect(done.StatusMessageCode).toBe("SUCCESS");
    expect(done.LastUpdatedTimestamp!.getTime()).toBe(started.LastUpdatedTimestamp!.getTime() + expectedMs);
    expect(done.DatasetStats!.TotalEntries).toBe(2_000);
  });

  it("refuses a second update while the first is processing, and takes it afterwards", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    await update(h.client, arn, [labelLine("a.jpg")]);
    const error = await rejectionOf(update(h.client, arn, [labelLine("b.jpg")]));
    expect(error).toBeInstanceOf(ResourceInUseException);
    h.clock.advance(60_000);
    await applyUpdate(h, arn, [labelLine("b.jpg")]);
    expect(h.local.entries(arn).map((line) => line["source-ref"])).toEqual([
      "s3://bucket/images/a.jpg",
      "s3://bucket/images/b.jpg",
    ]);
  });

  it("refuses to delete a dataset while it is updating, and deletes it once done", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    await update(h.client, arn, [labelLine("a.jpg")]);
    const busy = await rejectionOf(h.client.send(new DeleteDatasetCommand({ DatasetArn: arn })));
    expect(busy).toBeInstanceOf(ResourceInUseException);
    h.clock.advance(60_000);
    await h.client.send(new DeleteDatasetCommand({ DatasetArn: arn }));
    const gone = await rejectionOf(h.client.send(new DescribeDatasetCommand({ DatasetArn: arn })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    const again = await rejectionOf(update(h.client, arn, [labelLine("a.jpg")]));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
  });

  it("refuses an update while the dataset is being created", async () => {
    const h = await start({ processing: { createMs: 2_000 } });
    const arn = await createDatasetThroughSdk(h.client);
    expect((await describeDataset(h.client, arn)).Status).toBe("CREATE_IN_PROGRESS");
    expect(await rejectionOf(update(h.client, arn, [labelLine("a.jpg")]))).toBeInstanceOf(
      ResourceInUseException,
    );
    h.clock.advance(2_000);
    expect((await describeDataset(h.client, arn)).Status).toBe("CREATE_COMPLETE");
  });
});

describe("CreateDataset from another dataset", () => {
  it("copies the entries of DatasetSource.DatasetArn, and refuses a GroundTruthManifest source", async () => {
    const h = await start();
    const train = await createDatasetThroughSdk(h.client, "copy");
    await applyUpdate(h, train, [labelLine("a.jpg"), boxLine("b.jpg", ["Dog"])]);
    const [project] = h.local.datasets().map((dataset) => dataset.projectArn);
    const { DatasetArn } = await h.client.send(
      new CreateDatasetCommand({
        ProjectArn: project!,
        DatasetType: "TEST",
        DatasetSource: { DatasetArn: train },
      }),
    );
    expect(h.local.entries(DatasetArn!)).toEqual(h.local.entries(train));
    const { ProjectArn } = await h.client.send(new CreateProjectCommand({ ProjectName: "s3" }));
    const error = await rejectionOf(
      h.client.send(
        new CreateDatasetCommand({
          ProjectArn: ProjectArn!,
          DatasetType: "TRAIN",
          DatasetSource: { GroundTruthManifest: { S3Object: { Bucket: "b", Name: "m.manifest" } } },
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });
});
