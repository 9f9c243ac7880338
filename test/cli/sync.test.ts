/**
 * pull -> edit a few lines -> diff -> sync -> pull again, through the CLI against the emulator, with a proxy
 * counting the lines each UpdateDatasetEntries request carries.
 */
import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetClient, imageLabels, toJsonLine } from "../../src/index.js";
import { type LocalRekognition, startLocalRekognition } from "../../src/local/index.js";
import { type CountingProxy, startCountingProxy } from "./counting-proxy.js";
import { classificationLines, type Scratch, scratch } from "./manifests.js";
import { runCliJson, startCli } from "./run-cli.js";

let local: LocalRekognition;
let proxy: CountingProxy;
let files: Scratch;
beforeAll(async () => {
  local = await startLocalRekognition({ processing: { baseMs: 20, perMegabyteMs: 0 } });
  proxy = await startCountingProxy(local.endpoint);
  files = await scratch();
});
afterAll(async () => {
  await proxy.close();
  await local.close();
  await files.remove();
});

/** Lines of a pulled file, without the keys the service adds, as comparable objects keyed by source-ref. */
function bySourceRef(text: string): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const { "cl-metadata": _serviceAdded, ...rest } = JSON.parse(line) as Record<string, unknown>;
    map.set(rest["source-ref"] as string, rest);
  }
  return map;
}

describe("rekognition-datasets pull, diff and sync", () => {
  it("pulls a dataset, diffs an edited copy (exit 1), syncs exactly the changed lines, and pulls back the edited manifest", async () => {
    const { datasetArn } = local.createDataset({ projectName: "sync" });
    const original = classificationLines(30);
    const seeding = new DatasetClient({
      clientConfig: { endpoint: local.endpoint, region: local.region, credentials: local.credentials },
    });
    await seeding.upload(datasetArn, original, { wait: { minDelay: 0.005, maxDelay: 0.02 } });
    seeding.client.destroy();
    const endpoint = ["--endpoint-url", proxy.endpoint];
    const pulledFile = `${files.folder}/pulled.manifest`;

    const pulled = await runCliJson(["pull", datasetArn, "-o", pulledFile, ...endpoint]);
    expect(pulled.code).toBe(0);
    expect(pulled.json).toMatchObject({ datasetArn, entries: 30, entriesWithErrors: 0, file: pulledFile });

    // Edit: relabel two images, add one; the pulled lines keep their service-added keys, which never count.
    const pulledLines = (await readFile(pulledFile, "utf8")).split("\n").filter((line) => line !== "");
    const relabel = (text: string) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      return toJsonLine(
        imageLabels({
          sourceRef: line["source-ref"] as string,
          labels: ["bird"],
          creationDate: "2026-11-23T00:00:00.000",
        }),
      );
    };
    const changedRefs = [0, 7].map(
      (index) => (JSON.parse(pulledLines[index]!) as { "source-ref": string })["source-ref"],
    );
    const added = imageLabels({
      sourceRef: "s3://cli-bucket/new.jpg",
      labels: ["bird"],
      creationDate: "2026-11-23T00:00:00.000",
    });
    const edited = [
      relabel(pulledLines[0]!),
      ...pulledLines.slice(1, 7),
      relabel(pulledLines[7]!),
      ...pulledLines.slice(8),
      toJsonLine(added),
    ];
    const editedFile = `${files.folder}/edited.manifest`;
    await writeFile(editedFile, `${edited.join("\n")}\n`);

    const [diffAgainstDataset, diffOfFiles, dryRun] = await Promise.all([
      runCliJson(["diff", datasetArn, editedFile, ...endpoint]),
      startCli(["diff", pulledFile, editedFile]),
      runCliJson(["sync", datasetArn, editedFile, "--dry-run", ...endpoint]),
    ]);
    expect(diffAgainstDataset.code).toBe(1);
    expect(diffAgainstDataset.json).toMatchObject({
      added: 1,
      changed: 2,
      unchanged: 28,
      onlyInDataset: 0,
      addedSourceRefs: ["s3://cli-bucket/new.jpg"],
      changedSourceRefs: changedRefs,
      same: false,
    });
    expect(diffOfFiles.code).toBe(1);
    expect(diffOfFiles.stdout).toMatch(/^added\s+1\nchanged\s+2\nunchanged\s+28\nonly in base\s+0\n/);
    expect(diffOfFiles.stdout).toContain("added         s3://cli-bucket/new.jpg");
    expect(dryRun.code).toBe(0);
    expect(dryRun.json).toMatchObject({ dryRun: true, plan: { lineCount: 3 } });
    expect(proxy.sentSourceRefs).toEqual([]); // neither the diff nor the dry run sent anything

    const synced = await runCliJson(["sync", datasetArn, editedFile, ...endpoint]);
    expect(synced.code).toBe(0);
    expect(synced.json).toMatchObject({
      dryRun: false,
      plan: { lineCount: 3, notRemovable: 0 },
      upload: { appliedRequestLines: 3 },
    });
    // Exactly the changed and added lines went over the wire, once each.
    expect(proxy.sentSourceRefs).toEqual([...changedRefs, "s3://cli-bucket/new.jpg"]);

    const pulledAgainFile = `${files.folder}/pulled-again.manifest`;
    const [pulledAgain, diffAfter, pulledToStdout] = await Promise.all([
      startCli(["pull", datasetArn, "-o", pulledAgainFile, ...endpoint]),
      startCli(["diff", datasetArn, editedFile, "--exact", ...endpoint]),
      startCli(["pull", datasetArn, "--quiet", ...endpoint]),
    ]);
    // Without -o the manifest itself is the output, and --quiet leaves stderr empty.
    expect(pulledToStdout.code).toBe(0);
    expect(pulledToStdout.stderr).toBe("");
    expect(bySourceRef(pulledToStdout.stdout)).toEqual(bySourceRef(edited.join("\n")));
    expect(pulledAgain.code).toBe(0);
    expect(pulledAgain.stdout).toContain(`Pulled 31 entries`);
    expect(bySourceRef(await readFile(pulledAgainFile, "utf8"))).toEqual(bySourceRef(edited.join("\n")));
    expect(diffAfter.code).toBe(0);
    expect(diffAfter.stdout).toMatch(/^added\s+0\nchanged\s+0\nunchanged\s+31\nonly in dataset\s+0\n$/);
  });
});
