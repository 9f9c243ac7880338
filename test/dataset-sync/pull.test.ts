import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { ListDatasetEntriesCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { pullDataset, pullEntries } from "../../src/dataset-sync/pull.js";
import { isDiffInputError } from "../../src/errors/diff-input-error.js";
import { isInvalidDatasetArnError } from "../../src/errors/invalid-dataset-arn-error.js";
import { type InvalidOptionsError, isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { readManifest } from "../../src/manifest/reader.js";
import { collect, rejectionOf } from "../support/async.js";
import { folderPerTest } from "../support/files.js";
import { DATASET_ARN, realClient } from "../support/rekognition.js";
import { labelledLine } from "./lines.js";

const rekognition = mockClient(RekognitionClient);
const ref = (n: number) => `s3://bucket/images/${n}.jpg`;
const flagged = JSON.stringify({
  ...labelledLine(ref(2)),
  "cl-metadata": { is_labeled: true },
  boxes: { ...(labelledLine(ref(2)).boxes as object), errors: [{ code: "ERROR_INVALID_BOUNDING_BOX" }] },
});
const clean = JSON.stringify({ ...labelledLine(ref(1)), "cl-metadata": { is_labeled: true } });
const unlabelled = JSON.stringify({ "source-ref": ref(3), "cl-metadata": { is_labeled: false } });

beforeEach(async () => {
  rekognition.reset();
});

const folder = folderPerTest("pull-test-");

describe("Function: pullEntries", () => {
  it("yields every entry of every page as a typed line, keeping the keys the service adds", async () => {
    rekognition
      .on(ListDatasetEntriesCommand)
      .resolvesOnce({ DatasetEntries: [clean, flagged], NextToken: "t" })
      .resolvesOnce({ DatasetEntries: [unlabelled] });
    const datasets = new DatasetClient({ client: realClient() });
    const entries = await collect(
      pullEntries(datasets, DATASET_ARN, { filters: { labeled: true, pageSize: 2 } }),
    );
    expect(entries.map((entry) => entry.position)).toEqual([1, 2, 3]);
    expect(entries.map((entry) => entry.text)).toEqual([clean, flagged, unlabelled]);
    expect(entries[1]!.line).toEqual(JSON.parse(flagged));
    expect(rekognition).toHaveReceivedNthCommandWith(ListDatasetEntriesCommand, 1, {
      DatasetArn: DATASET_ARN,
      Labeled: true,
      MaxResults: 2,
    });
  });

  it("checks the ARN and the options at the call, before iteration", () => {
    const datasets = new DatasetClient({ client: realClient() });
    expect(() => pullEntries(datasets, "arn:nope")).toThrow(
      expect.objectContaining({ name: "InvalidDatasetArnError" }),
    );
    let error: unknown;
    try {
      pullEntries(datasets, DATASET_ARN, { filter: {} } as never);
    } catch (caught) {
      error = caught;
    }
    expect(isInvalidOptionsError(error)).toBe(true);
    expect((error as InvalidOptionsError).didYouMean).toBe("filters");
  });

  it("refuses an entry that is not a JSON object with a typed error naming its position", async () => {
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [clean, "{broken"] });
    const datasets = new DatasetClient({ client: realClient() });
    const error = await rejectionOf(collect(pullEntries(datasets, DATASET_ARN)));
    expect(isDiffInputError(error)).toBe(true);
    expect(error).toMatchObject({ lines: [{ side: "dataset", lineNumber: 2, code: "INVALID_JSON" }] });
  });

  it("stops between the entries of a page when aborted", async () => {
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [clean, flagged, unlabelled] });
    const datasets = new DatasetClient({ client: realClient() });
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const entry of pullEntries(datasets, DATASET_ARN, { abortSignal: controller.signal })) {
          seen.push(entry.position);
          controller.abort(new Error("enough"));
        }
      })(),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(seen).toEqual([1]);
  });
});

describe("Function: pullDataset", () => {
  it("writes one line per entry, exactly as listed, that readManifest reads back; counts flagged entries", async () => {
    rekognition
      .on(ListDatasetEntriesCommand)
      .resolvesOnce({ DatasetEntries: [clean, flagged], NextToken: "t" })
      .resolvesOnce({ DatasetEntries: [unlabelled] });
    const datasets = new DatasetClient({ client: realClient() });
    const file = join(folder(), "pulled.manifest");
    const result = await pullDataset(datasets, DATASET_ARN, { file });
    const text = await readFile(file, "utf8");
    expect(text).toBe(`${clean}\n${flagged}\n${unlabelled}\n`);
    expect(result).toEqual({
      datasetArn: DATASET_ARN,
      entries: 3,
      bytes: Buffer.byteLength(text),
      entriesWithErrors: 1,
      file,
    });
    const read = await collect(readManifest(file));
    expect(read.map((record) => record.line?.["source-ref"])).toEqual([ref(1), ref(2), ref(3)]);
    expect(await readdir(folder())).toEqual(["pulled.manifest"]);
  });

  it("leaves an earlier file untouched and no temporary file when the listing fails", async () => {
    rekognition
      .on(ListDatasetEntriesCommand)
      .resolvesOnce({ DatasetEntries: [clean], NextToken: "t" })
      .resolvesOnce({ DatasetEntries: ["not json"] });
    const datasets = new DatasetClient({ client: realClient() });
    const file = join(folder(), "pulled.manifest");
    await writeFile(file, "earlier content\n");
    const error = await rejectionOf(pullDataset(datasets, DATASET_ARN, { file }));
    expect(isDiffInputError(error)).toBe(true);
    expect(await readFile(file, "utf8")).toBe("earlier content\n");
    expect(await readdir(folder())).toEqual(["pulled.manifest"]);
  });

  it("writes to a stream with backpressure respected, and leaves it open", async () => {
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [clean, flagged, unlabelled] });
    const datasets = new DatasetClient({ client: realClient() });
    const chunks: string[] = [];
    // A tiny buffer: every write but the smallest waits for "drain".
    const stream = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        setImmediate(done);
      },
    });
    const result = await pullDataset(datasets, DATASET_ARN, { stream });
    expect(chunks.join("")).toBe(`${clean}\n${flagged}\n${unlabelled}\n`);
    expect(result.entries).toBe(3);
    expect(result.file).toBeUndefined();
    expect(stream.writableEnded).toBe(false);
  });

  it("wants exactly one of file and stream, and a known ARN, before any request", async () => {
    const datasets = new DatasetClient({ client: realClient() });
    const neither = await rejectionOf<InvalidOptionsError>(pullDataset(datasets, DATASET_ARN, {}));
    expect(isInvalidOptionsError(neither)).toBe(true);
    const both = await rejectionOf<InvalidOptionsError>(
      pullDataset(datasets, DATASET_ARN, { file: join(folder(), "x"), stream: new PassThrough() }),
    );
    expect(both.option).toBe("stream");
    const arn = await rejectionOf(pullDataset(datasets, "nope", { file: join(folder(), "x") }));
    expect(isInvalidDatasetArnError(arn)).toBe(true);
    expect(rekognition).toHaveReceivedCommandTimes(ListDatasetEntriesCommand, 0);
    expect(await readdir(folder())).toEqual([]);
  });

  it("rejects with OperationAbortedError when aborted, and removes its temporary file", async () => {
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [clean, flagged] });
    const datasets = new DatasetClient({ client: realClient() });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const error = await rejectionOf(
      pullDataset(datasets, DATASET_ARN, {
        file: join(folder(), "p.manifest"),
        abortSignal: controller.signal,
      }),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(await readdir(folder())).toEqual([]);
  });
});
