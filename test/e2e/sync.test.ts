/**
 * The round trip a user makes, through the real SDK against the emulator: upload a manifest, pull the
 * dataset to a file, edit a few lines, diff, sync, pull again. The dataset then equals the edited manifest
 * by meaning, and the sync sent exactly the lines that changed (counted at the emulator and on the wire).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSample } from "../../scripts/demo/sample.js";
import { diffDataset, diffManifests, pullDataset, syncDataset } from "../../src/index.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { folderPerTest } from "../support/files.js";
import { type E2E, FAST_WAIT, startE2E } from "./harness.js";
import { recordWire } from "./wire-log.js";

const INPUT = buildSample({ images: 300, seed: 23 });

type Mutable = Record<string, unknown>;
const BOXES = "bounding-box";
const BOXES_METADATA = "bounding-box-metadata";

let e2e: E2E;

beforeEach(async () => {
  e2e = await startE2E();
});

const folder = folderPerTest("sync-e2e-");

afterEach(async () => {
  await e2e.close();
});

function readLines(text: string): Mutable[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Mutable);
}

/** A deep copy, to edit freely. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe("pull -> edit -> diff -> sync -> pull", () => {
  it("brings the dataset to the edited manifest by sending only the lines that changed", async () => {
    await e2e.datasets.upload(e2e.datasetArn, INPUT, { wait: FAST_WAIT, maxRequestBytes: 64 * 1024 });

    // Pull: every entry, with the keys the service adds.
    const pulledFile = join(folder(), "pulled.manifest");
    const pulled = await pullDataset(e2e.datasets, e2e.datasetArn, { file: pulledFile });
    expect(pulled.entries).toBe(INPUT.length);
    const lines = readLines(await readFile(pulledFile, "utf8"));
    expect(lines.every((line) => "cl-metadata" in line)).toBe(true);
    // A pulled file is the same as the dataset, even exactly.
    expect((await diffDataset(e2e.datasets, e2e.datasetArn, pulledFile, { mode: "exact" })).same).toBe(true);

    // Edit: a label renamed, a box moved, class ids renumbered (meaning unchanged), a line added.
    const withBoxes = lines.filter((line) => BOXES in line);
    const withLabel = lines.filter((line) => !(BOXES in line));
    const relabelled = withLabel[0]!;
    const moved = withBoxes[0]!;
    const renumbered = withBoxes[1]!;
    const edited = lines.map(copy);
    const at = (line: Mutable) => edited[lines.indexOf(line)]!;
    const label = Object.keys(at(relabelled)).find(
      (key) =>
        key.endsWith("-metadata") && typeof (at(relabelled)[key] as Mutable)["class-name"] === "string",
    )!;
    (at(relabelled)[label] as Mutable)["class-name"] = "Loading dock";
    const movedBox = (at(moved)[BOXES] as { annotations: Mutable[] }).annotations[0]!;
    movedBox.left = (movedBox.left as number) + 7;
    const renumberedLine = at(renumbered);
    const metadata = renumberedLine[BOXES_METADATA] as { "class-map": Record<string, string> };
    metadata["class-map"] = Object.fromEntries(
      Object.entries(metadata["class-map"]).map(([id, name]) => [String(Number(id) + 100), name]),
    );
    for (const annotation of (renumberedLine[BOXES] as { annotations: Mutable[] }).annotations) {
      annotation.class_id = (annotation.class_id as number) + 100;
    }
    const added = copy(INPUT[2]!) as Mutable;
    added["source-ref"] = "s3://demo-shelf-photos/shelves/new/img-999999.jpg";
    edited.push(added);
    const editedFile = join(folder(), "edited.manifest");
    await writeFile(editedFile, `${edited.map((line) => JSON.stringify(line)).join("\n")}\n`);

    // Diff: the renumbered line is unchanged by meaning.
    const diff = await diffDataset(e2e.datasets, e2e.datasetArn, editedFile);
    expect(diff).toMatchObject({
      added: 1,
      changed: 2,
      unchanged: INPUT.length - 2,
      onlyInDataset: 0,
      addedSourceRefs: [added["source-ref"]],
      same: false,
    });
    expect(new Set(diff.changedSourceRefs)).toEqual(new Set([relabelled["source-ref"], moved["source-ref"]]));

    // Sync: exactly those three lines go over the wire, in one request.
    e2e.local.resetRequestCounts();
    const wire = recordWire(e2e.datasets.client);
    const result = await syncDataset(e2e.datasets, e2e.datasetArn, editedFile, { wait: FAST_WAIT });
    expect(result.plan.lineCount).toBe(3);
    expect(new Set(wire.acceptedSourceRefs())).toEqual(
      new Set([relabelled["source-ref"], moved["source-ref"], added["source-ref"]]),
    );
    expect(wire.acceptedSourceRefs()).toHaveLength(3);
    expect(e2e.local.requestCounts().UpdateDatasetEntries).toBe(1);

    // Pull again: the dataset equals the edited manifest by meaning, line for line.
    const againFile = join(folder(), "again.manifest");
    const again = await pullDataset(e2e.datasets, e2e.datasetArn, { file: againFile });
    expect(again.entries).toBe(INPUT.length + 1);
    const after = await diffManifests(againFile, editedFile);
    expect(after).toMatchObject({ same: true, unchanged: INPUT.length + 1, repeatedSourceRefs: [] });
    // The unsent line kept its old numbering: the dataset was not touched where nothing changed.
    const stored = new Map(
      readLines(await readFile(againFile, "utf8")).map((line) => [line["source-ref"], line]),
    );
    expect((stored.get(renumbered["source-ref"]) as ManifestLine)[BOXES_METADATA]).toEqual(
      renumbered[BOXES_METADATA],
    );
    // And a second sync has nothing left to send.
    expect(
      (await syncDataset(e2e.datasets, e2e.datasetArn, editedFile, { dryRun: true })).plan.lineCount,
    ).toBe(0);
  });
});
