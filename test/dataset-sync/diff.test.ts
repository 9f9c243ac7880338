import { Readable } from "node:stream";
import { ListDatasetEntriesCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { diffDataset, diffManifests } from "../../src/dataset-sync/diff.js";
import { type DiffInputError, isDiffInputError } from "../../src/errors/diff-input-error.js";
import { isInvalidDatasetArnError } from "../../src/errors/invalid-dataset-arn-error.js";
import { type InvalidOptionsError, isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { rejectionOf } from "../support/async.js";
import { DATASET_ARN, realClient } from "../support/rekognition.js";
import { labelledLine, manifestText, sameMeaningOtherwiseWritten } from "./lines.js";

const rekognition = mockClient(RekognitionClient);
const ref = (n: number) => `s3://bucket/images/${n}.jpg`;

describe("Function: diffManifests", () => {
  it("sorts every source-ref into added, changed, unchanged and only in the base, in input order", async () => {
    const base = [labelledLine(ref(1)), labelledLine(ref(2)), labelledLine(ref(3)), labelledLine(ref(4))];
    const manifest = [
      labelledLine(ref(5)),
      labelledLine(ref(3), { scene: "Garden" }),
      sameMeaningOtherwiseWritten(ref(1)),
      labelledLine(ref(2), { catLeft: 12 }),
      labelledLine(ref(0)),
    ];
    const diff = await diffManifests(base, manifest);
    expect(diff).toEqual({
      mode: "meaning",
      added: 2,
      changed: 2,
      unchanged: 1,
      onlyInDataset: 1,
      addedSourceRefs: [ref(5), ref(0)],
      changedSourceRefs: [ref(3), ref(2)],
      onlyInDatasetSourceRefs: [ref(4)],
      lines: { manifest: 5, base: 4 },
      repeatedSourceRefs: [],
      same: false,
    });
  });

  it("in exact mode counts a line written otherwise as changed, but not the keys the service adds", async () => {
    const listed = { ...labelledLine(ref(2)), "cl-metadata": { is_labeled: true } };
    const diff = await diffManifests(
      [labelledLine(ref(1)), listed],
      [sameMeaningOtherwiseWritten(ref(1)), labelledLine(ref(2))],
      {
        mode: "exact",
      },
    );
    expect(diff.changedSourceRefs).toEqual([ref(1)]);
    expect(diff.unchanged).toBe(1);
  });

  it("reads files, text and strings alike: the same manifest in any form is the same", async () => {
    const lines = [labelledLine(ref(1)), labelledLine(ref(2))];
    const diff = await diffManifests(
      { text: manifestText(lines) },
      lines.map((line) => JSON.stringify(line)),
    );
    expect(diff.same).toBe(true);
    expect(diff.unchanged).toBe(2);
  });

  it("compares source-refs byte for byte: a zero-width space makes another image", async () => {
    const withSpace = "s3://bucket/images/\u200b1.jpg";
    const diff = await diffManifests([labelledLine(ref(1))], [labelledLine(withSpace)]);
    expect(diff.addedSourceRefs).toEqual([withSpace]);
    expect(diff.onlyInDatasetSourceRefs).toEqual([ref(1)]);
  });

  it("reports source-refs repeated on either side; the manifest's first line and the base's last line count", async () => {
    const base = [labelledLine(ref(1), { scene: "Old" }), labelledLine(ref(1))];
    const manifest = [labelledLine(ref(1)), labelledLine(ref(1), { scene: "Other" })];
    const diff = await diffManifests(base, manifest);
    expect(diff.unchanged).toBe(1);
    expect(diff.changed).toBe(0);
    expect(diff.repeatedSourceRefs).toEqual([
      { side: "base", sourceRef: ref(1), lineNumber: 2 },
      { side: "manifest", sourceRef: ref(1), lineNumber: 2 },
    ]);
    expect(diff.same).toBe(true);
  });

  it("refuses lines it cannot compare, naming each with its side and line number", async () => {
    const text = `${JSON.stringify(labelledLine(ref(1)))}\n\nnot json\n{"no-source-ref":true}\n[1]\n`;
    const error = await rejectionOf<DiffInputError>(diffManifests([], { text }));
    expect(isDiffInputError(error)).toBe(true);
    expect(error.lineCount).toBe(3);
    expect(error.lines.map(({ side, lineNumber, code }) => ({ side, lineNumber, code }))).toEqual([
      { side: "manifest", lineNumber: 3, code: "INVALID_JSON" },
      { side: "manifest", lineNumber: 4, code: "MISSING_SOURCE_REF" },
      { side: "manifest", lineNumber: 5, code: "INVALID_JSON" },
    ]);
    expect(error.message).toContain("manifest line 3 (INVALID_JSON)");
  });

  it("refuses an unknown option with the nearest name, and a mode it does not know", async () => {
    const unknown = await rejectionOf<InvalidOptionsError>(
      diffManifests([], [], { signal: undefined } as never),
    );
    expect(isInvalidOptionsError(unknown)).toBe(true);
    expect(unknown.didYouMean).toBe("abortSignal");
    const mode = await rejectionOf<InvalidOptionsError>(diffManifests([], [], { mode: "loose" as never }));
    expect(mode.option).toBe("mode");
  });

  it("stops when aborted, with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(
      diffManifests([labelledLine(ref(1))], "/nonexistent", { abortSignal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe("Function: diffDataset", () => {
  beforeEach(() => {
    rekognition.reset();
  });

  it("compares the manifest with every entry across pages, ignoring the keys the service adds", async () => {
    const listed = (line: object, extra: object = {}) =>
      JSON.stringify({ ...line, "cl-metadata": { is_labeled: true }, ...extra });
    rekognition
      .on(ListDatasetEntriesCommand)
      .resolvesOnce({
        DatasetEntries: [
          listed(labelledLine(ref(1))),
          listed(labelledLine(ref(2)), { errors: [{ code: "E" }] }),
        ],
        NextToken: "t1",
      })
      .resolvesOnce({ DatasetEntries: [listed(labelledLine(ref(3)))] });
    const datasets = new DatasetClient({ client: realClient() });
    const diff = await diffDataset(datasets, DATASET_ARN, [
      labelledLine(ref(2)),
      labelledLine(ref(1), { scene: "Garden" }),
      labelledLine(ref(4)),
    ]);
    expect(diff).toMatchObject({
      added: 1,
      changed: 1,
      unchanged: 1,
      onlyInDataset: 1,
      addedSourceRefs: [ref(4)],
      changedSourceRefs: [ref(1)],
      onlyInDatasetSourceRefs: [ref(3)],
      lines: { manifest: 3, base: 3 },
    });
    expect(rekognition).toHaveReceivedCommandTimes(ListDatasetEntriesCommand, 2);
  });

  it("checks the ARN before reading anything", async () => {
    const datasets = new DatasetClient({ client: realClient() });
    const error = await rejectionOf(diffDataset(datasets, "not-an-arn", "/nonexistent"));
    expect(isInvalidDatasetArnError(error)).toBe(true);
    expect(rekognition).toHaveReceivedCommandTimes(ListDatasetEntriesCommand, 0);
  });

  it("rejects with OperationAbortedError when aborted, before any request", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [] });
    const datasets = new DatasetClient({ client: realClient() });
    const error = await rejectionOf(
      diffDataset(datasets, DATASET_ARN, [], { abortSignal: controller.signal }),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(rekognition).toHaveReceivedCommandTimes(ListDatasetEntriesCommand, 0);
  });
});

describe("Function: diffManifests, reading files", () => {
  it("refuses a line over the service's limit and a line that is not UTF-8, as the upload would", async () => {
    const good = JSON.stringify(labelledLine(ref(1)));
    const long = JSON.stringify({ "source-ref": ref(2), note: "x".repeat(100_001) });
    const latin1 = Buffer.from(`{"source-ref":"${ref(3)}","note":"caf\u00e9"}`, "latin1");
    const bytes = Buffer.concat([Buffer.from(`${good}\r\n${long}\n`), latin1, Buffer.from("\n")]);
    const error = await rejectionOf<DiffInputError>(
      // A stream of bytes, as a file gives them.
      diffManifests([], Readable.from([bytes])),
    );
    expect(error.lines.map(({ lineNumber, code }) => ({ lineNumber, code }))).toEqual([
      { lineNumber: 2, code: "LINE_TOO_LONG" },
      { lineNumber: 3, code: "INVALID_JSON" },
    ]);
  });
});
