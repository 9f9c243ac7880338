import { ListDatasetEntriesCommand } from "@aws-sdk/client-rekognition";
import { describe, expect, it } from "vitest";
import { imageProblems, type LocalImage } from "../../src/local/images.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { boxLine, labelLine } from "../support/lines.js";
import { applyUpdate, describe as describeDataset, harnessPerTest } from "./helpers.js";

const catalogue = new Map<string, LocalImage>([
  ["s3://bucket/images/a.jpg", { width: 640, height: 480 }],
  ["s3://bucket/images/b.jpg", { width: 800, height: 600 }],
  ["s3://bucket/images/tiny.jpg", { width: 32, height: 32 }],
]);

describe("imageProblems: what the service finds in the images themselves", () => {
  it("finds nothing when the image exists at the declared size", () => {
    expect(imageProblems(boxLine("a.jpg", ["Cat"]) as never, catalogue)).toEqual([]);
    expect(imageProblems(labelLine("b.jpg") as never, catalogue)).toEqual([]);
  });

  it("flags a missing image with ERROR_INVALID_IMAGE on source-ref", () => {
    const problems = imageProblems(labelLine("missing.jpg") as never, catalogue);
    expect(problems).toEqual([
      expect.objectContaining({ code: "ERROR_INVALID_IMAGE", path: "source-ref", severity: "error" }),
    ]);
    expect(problems[0]?.message).toContain("s3://bucket/images/missing.jpg");
  });

  it("flags an image too small for the service", () => {
    const problems = imageProblems(labelLine("tiny.jpg") as never, catalogue);
    expect(problems.map((problem) => problem.code)).toEqual(["ERROR_INVALID_IMAGE"]);
    expect(problems[0]?.message).toContain("32x32");
  });

  it("flags an image_size that is not the image's size", () => {
    const problems = imageProblems(boxLine("b.jpg", ["Cat"]) as never, catalogue);
    expect(problems).toEqual([
      expect.objectContaining({
        code: "ERROR_INVALID_IMAGE_DIMENSION",
        path: "bounding-box.image_size[0]",
        severity: "error",
      }),
    ]);
    expect(problems[0]?.message).toContain("640x480");
    expect(problems[0]?.message).toContain("800x600");
  });

  it("takes a function as the catalogue", () => {
    const only = (sourceRef: string) =>
      sourceRef.endsWith("a.jpg") ? { width: 640, height: 480 } : undefined;
    expect(imageProblems(boxLine("a.jpg", ["Cat"]) as never, only)).toEqual([]);
    expect(imageProblems(boxLine("z.jpg", ["Cat"]) as never, only)).toHaveLength(1);
  });
});

describe("the images option through the API", () => {
  const start = harnessPerTest();

  it("keeps an entry with a missing image, flagged and counted in ErrorEntries", async () => {
    const harness = await start({ images: catalogue });
    const arn = await createDatasetThroughSdk(harness.client);
    await applyUpdate(harness, arn, [
      boxLine("a.jpg", ["Cat"]),
      labelLine("missing.jpg"),
      boxLine("b.jpg", ["Dog"]),
    ]);

    const description = await describeDataset(harness.client, arn);
    expect(description.DatasetStats).toMatchObject({ TotalEntries: 3, ErrorEntries: 2 });
    const { DatasetEntries } = await harness.client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, HasErrors: true }),
    );
    const flagged = (DatasetEntries ?? []).map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(flagged.map((entry) => entry["source-ref"]).sort()).toEqual([
      "s3://bucket/images/b.jpg",
      "s3://bucket/images/missing.jpg",
    ]);
    expect(JSON.stringify(flagged)).toContain("ERROR_INVALID_IMAGE_DIMENSION");
    expect(JSON.stringify(flagged)).toContain('"ERROR_INVALID_IMAGE"');
  });

  it("flags nothing about images when no catalogue is given", async () => {
    const harness = await start();
    const arn = await createDatasetThroughSdk(harness.client);
    await applyUpdate(harness, arn, [labelLine("missing.jpg")]);
    expect((await describeDataset(harness.client, arn)).DatasetStats?.ErrorEntries).toBe(0);
  });
});
