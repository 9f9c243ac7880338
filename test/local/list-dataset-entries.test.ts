import {
  InvalidPaginationTokenException,
  InvalidParameterException,
  ListDatasetEntriesCommand,
  type ListDatasetEntriesCommandInput,
  ListDatasetLabelsCommand,
  paginateListDatasetEntries,
} from "@aws-sdk/client-rekognition";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/async.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { boxLine, labelLine } from "../support/lines.js";
import { applyUpdate, type Harness, startHarness } from "./helpers.js";

// One emulator for the file: these tests only read the dataset built in beforeAll.
let harness: Harness;
let arn: string;

const lines = [
  labelLine("cats/1.jpg", "Cat"),
  labelLine("cats/2.jpg", "Cat"),
  labelLine("dogs/1.jpg", "Dog"),
  boxLine("mixed/1.jpg", ["Dog", "Cat", "Cat"]),
  boxLine("mixed/2.jpg", []),
  { "source-ref": "s3://bucket/images/unlabeled/1.jpg" },
  (() => {
    const bad = boxLine("bad/1.jpg", ["Bird"]);
    (bad["bounding-box"].annotations[0] as { left: number }).left = -5;
    return bad;
  })(),
];

beforeAll(async () => {
  harness = await startHarness();
  arn = await createDatasetThroughSdk(harness.client);
  await applyUpdate(harness, arn, lines);
});

afterAll(async () => {
  await harness.close();
});

async function listAll(input: Omit<ListDatasetEntriesCommandInput, "DatasetArn">): Promise<string[]> {
  const sourceRefs: string[] = [];
  for await (const page of paginateListDatasetEntries(
    { client: harness.client },
    { DatasetArn: arn, ...input },
  )) {
    for (const text of page.DatasetEntries ?? []) sourceRefs.push(JSON.parse(text)["source-ref"]);
  }
  return sourceRefs.map((ref) => ref.replace("s3://bucket/images/", ""));
}

describe("ListDatasetEntries: filters", () => {
  it("lists every entry in the order first added", async () => {
    expect(await listAll({})).toEqual([
      "cats/1.jpg",
      "cats/2.jpg",
      "dogs/1.jpg",
      "mixed/1.jpg",
      "mixed/2.jpg",
      "unlabeled/1.jpg",
      "bad/1.jpg",
    ]);
  });

  it("ContainsLabels keeps entries with any of the labels, image-level or boxes", async () => {
    expect(await listAll({ ContainsLabels: ["Dog"] })).toEqual(["dogs/1.jpg", "mixed/1.jpg"]);
    expect(await listAll({ ContainsLabels: ["Bird", "Cat"] })).toEqual([
      "cats/1.jpg",
      "cats/2.jpg",
      "mixed/1.jpg",
      "bad/1.jpg",
    ]);
  });

  it("Labeled splits labeled from unlabeled entries", async () => {
    expect(await listAll({ Labeled: false })).toEqual(["mixed/2.jpg", "unlabeled/1.jpg"]);
    expect(await listAll({ Labeled: true })).toHaveLength(5);
  });

  it("SourceRefContains matches a substring of the source-ref", async () => {
    expect(await listAll({ SourceRefContains: "mixed/" })).toEqual(["mixed/1.jpg", "mixed/2.jpg"]);
  });

  it("HasErrors selects entries with errors (warnings do not count)", async () => {
    expect(await listAll({ HasErrors: true })).toEqual(["unlabeled/1.jpg", "bad/1.jpg"]);
    expect(await listAll({ HasErrors: false, Labeled: true, ContainsLabels: ["Cat"] })).toEqual([
      "cats/1.jpg",
      "cats/2.jpg",
      "mixed/1.jpg",
    ]);
  });
});

describe("ListDatasetEntries: paging and bounds", () => {
  it("pages through every matching entry exactly once, whatever MaxResults is", async () => {
    const everything = await listAll({});
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.boolean(), async (maxResults, labeledOnly) => {
        const input = labeledOnly ? { MaxResults: maxResults, Labeled: true } : { MaxResults: maxResults };
        const expected = labeledOnly ? await listAll({ Labeled: true }) : everything;
        expect(await listAll(input)).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it("gives no NextToken on the last page", async () => {
    const page = await harness.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 7 }));
    expect(page.DatasetEntries).toHaveLength(7);
    expect(page.NextToken).toBeUndefined();
  });

  it.each([0, 101])("refuses MaxResults %i with InvalidParameterException", async (maxResults) => {
    const error = await rejectionOf(
      harness.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: maxResults })),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });

  it.each([
    ["11 labels", { ContainsLabels: Array.from({ length: 11 }, (_, i) => `L${i}`) }],
    ["an empty label", { ContainsLabels: [""] }],
    ["a blank SourceRefContains", { SourceRefContains: "   " }],
  ])("refuses %s with InvalidParameterException", async (_scenario, filters) => {
    const error = await rejectionOf(
      harness.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ...filters })),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });

  it("counts a label filter's length in characters, as the library does: 200 emoji pass, 256 do not", async () => {
    const emoji = (count: number) => "\u{1F431}".repeat(count);
    const accepted = await harness.client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, ContainsLabels: [emoji(200)] }),
    );
    expect(accepted.DatasetEntries).toEqual([]);
    const error = await rejectionOf(
      harness.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ContainsLabels: [emoji(256)] })),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });

  it("refuses a token from a listing with other filters, or altered, with InvalidPaginationTokenException", async () => {
    const first = await harness.client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 2 }),
    );
    const token = first.NextToken!;
    const otherFilters = await rejectionOf(
      harness.client.send(
        new ListDatasetEntriesCommand({ DatasetArn: arn, NextToken: token, Labeled: true }),
      ),
    );
    expect(otherFilters).toBeInstanceOf(InvalidPaginationTokenException);
    const altered = await rejectionOf(
      harness.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, NextToken: `9${token}` })),
    );
    expect(altered).toBeInstanceOf(InvalidPaginationTokenException);
    // The genuine token still works, with another MaxResults too.
    const next = await harness.client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, NextToken: token, MaxResults: 3 }),
    );
    expect(next.DatasetEntries).toHaveLength(3);
  });
});

describe("ListDatasetLabels", () => {
  it("counts entries and bounding boxes per label, sorted by name", async () => {
    const { DatasetLabelDescriptions, NextToken } = await harness.client.send(
      new ListDatasetLabelsCommand({ DatasetArn: arn }),
    );
    expect(NextToken).toBeUndefined();
    expect(DatasetLabelDescriptions).toEqual([
      { LabelName: "Bird", LabelStats: { EntryCount: 1, BoundingBoxCount: 1 } },
      { LabelName: "Cat", LabelStats: { EntryCount: 3, BoundingBoxCount: 2 } },
      { LabelName: "Dog", LabelStats: { EntryCount: 2, BoundingBoxCount: 1 } },
    ]);
  });

  it("pages with MaxResults and NextToken", async () => {
    const first = await harness.client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 2 }));
    expect(first.DatasetLabelDescriptions!.map((label) => label.LabelName)).toEqual(["Bird", "Cat"]);
    const second = await harness.client.send(
      new ListDatasetLabelsCommand({ DatasetArn: arn, MaxResults: 2, NextToken: first.NextToken! }),
    );
    expect(second.DatasetLabelDescriptions!.map((label) => label.LabelName)).toEqual(["Dog"]);
    expect(second.NextToken).toBeUndefined();
    const bad = await rejectionOf(
      harness.client.send(new ListDatasetLabelsCommand({ DatasetArn: arn, NextToken: "0.x" })),
    );
    expect(bad).toBeInstanceOf(InvalidPaginationTokenException);
  });
});
