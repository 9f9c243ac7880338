/**
 * The emulator against the lines whose fate AWS's documentation states (test/documented-cases.ts), through
 * its HTTP API with the real SDK only: what ListDatasetEntries shows is what a user would see.
 */
import { ListDatasetEntriesCommand, type RekognitionClient } from "@aws-sdk/client-rekognition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTED_CASES } from "../documented-cases.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { applyUpdate, describe as describeDataset, type Harness, startHarness } from "./helpers.js";

/** Every code ListDatasetEntries puts on an entry, at any level, under `errors`, `cl-errors` or `warnings`. */
function entryCodes(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) entryCodes(item, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if ((key === "errors" || key === "cl-errors" || key === "warnings") && Array.isArray(child)) {
        for (const problem of child) into.push((problem as { code: string }).code);
      } else {
        entryCodes(child, into);
      }
    }
  }
  return into;
}

async function entries(
  client: RekognitionClient,
  arn: string,
  filter: { SourceRefContains?: string; HasErrors?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new ListDatasetEntriesCommand({ DatasetArn: arn, MaxResults: 100, NextToken, ...filter }),
    );
    for (const text of page.DatasetEntries ?? []) found.push(JSON.parse(text));
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return found;
}

/** The image's file name: unique per case, so SourceRefContains finds its entry alone. */
function imageName(line: Record<string, unknown>): string {
  const sourceRef = String(line["source-ref"]);
  return sourceRef.slice(sourceRef.lastIndexOf("/") + 1);
}

describe("the emulator: the documented cases", () => {
  let harness: Harness;
  let arn: string;

  beforeAll(async () => {
    harness = await startHarness();
    arn = await createDatasetThroughSdk(harness.client);
    await applyUpdate(
      harness,
      arn,
      DOCUMENTED_CASES.map((c) => c.line),
    );
    expect((await describeDataset(harness.client, arn)).Status).toBe("UPDATE_COMPLETE");
  });
  afterAll(async () => {
    await harness.close();
  });

  it("keeps an entry for every line that names an image, and none for a line that does not", async () => {
    const all = await entries(harness.client, arn);
    expect(all.map((entry) => imageName(entry)).sort()).toEqual(
      DOCUMENTED_CASES.filter((c) => c.listed)
        .map((c) => imageName(c.line))
        .sort(),
    );
  });

  it.each(DOCUMENTED_CASES.filter((c) => c.listed).map((c) => [c.name, c] as const))(
    "%s",
    async (_name, documented) => {
      const name = imageName(documented.line);
      const [entry, ...others] = await entries(harness.client, arn, { SourceRefContains: name });
      expect(others).toEqual([]);
      const codes = entryCodes(entry);
      for (const code of documented.codes) {
        expect(codes, `${documented.documented} (${documented.page})`).toContain(code);
      }
      if (documented.codes.length === 0) expect(codes).toEqual([]);
      const flagged = await entries(harness.client, arn, { SourceRefContains: name, HasErrors: true });
      expect(flagged.length).toBe(documented.hasErrors ? 1 : 0);
    },
  );
});
