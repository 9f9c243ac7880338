import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncDataset } from "../../src/dataset-sync/sync.js";
import { type DiffInputError, isDiffInputError } from "../../src/errors/diff-input-error.js";
import { type InvalidOptionsError, isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isOperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { type E2E, FAST_WAIT, startE2E } from "../e2e/harness.js";
import { recordWire } from "../e2e/wire-log.js";
import { rejectionOf } from "../support/async.js";
import { labelledLine, manifestText, sameMeaningOtherwiseWritten } from "./lines.js";

const ref = (n: number) => `s3://bucket/images/${n}.jpg`;
const INITIAL = [1, 2, 3, 4].map((n) => labelledLine(ref(n)));

let e2e: E2E;

function updateCount(): number {
  return e2e.local.requestCounts().UpdateDatasetEntries ?? 0;
}

beforeEach(async () => {
  e2e = await startE2E();
  await e2e.datasets.upload(e2e.datasetArn, INITIAL, { wait: FAST_WAIT });
  e2e.local.resetRequestCounts();
});

afterEach(async () => {
  await e2e.close();
});

/** Lines 1 unchanged (written otherwise), 2 relabelled, 3 left out, 4 box moved, 5 new. */
const EDITED: ManifestLine[] = [
  sameMeaningOtherwiseWritten(ref(1)),
  labelledLine(ref(2), { scene: "Garden" }),
  labelledLine(ref(4), { catLeft: 42 }),
  labelledLine(ref(5)),
];

describe("Function: syncDataset", () => {
  it("in a dry run, returns the plan and sends nothing", async () => {
    const result = await syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.upload).toBeUndefined();
    expect(result.plan).toEqual({
      lineCount: 3,
      lineNumbers: [2, 3, 4],
      sourceRefs: [ref(2), ref(4), ref(5)],
      notRemovable: 1,
      notRemovableSourceRefs: [ref(3)],
    });
    expect(result.diff).toMatchObject({ added: 1, changed: 2, unchanged: 1, onlyInDataset: 1 });
    expect(updateCount()).toBe(0);
  });

  it("sends exactly the added and changed lines, and leaves the entries only in the dataset", async () => {
    const wire = recordWire(e2e.datasets.client);
    const result = await syncDataset(
      e2e.datasets,
      e2e.datasetArn,
      { text: manifestText(EDITED) },
      { wait: FAST_WAIT },
    );
    expect(wire.acceptedSourceRefs()).toEqual([ref(2), ref(4), ref(5)]);
    expect(result.upload).toBeDefined();
    const stored = new Map(e2e.local.entries(e2e.datasetArn).map((line) => [line["source-ref"], line]));
    expect([...stored.keys()].sort()).toEqual([ref(1), ref(2), ref(3), ref(4), ref(5)]);
    expect(stored.get(ref(2))).toEqual(EDITED[1]);
    expect(stored.get(ref(1))).toEqual(INITIAL[0]);
    // Run again: nothing differs any more, so nothing is sent.
    const again = await syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { wait: FAST_WAIT });
    expect(again.plan.lineCount).toBe(0);
    expect(again.upload).toBeUndefined();
    expect(again.plan.notRemovableSourceRefs).toEqual([ref(3)]);
    expect(updateCount()).toBe(1);
  });

  it("in exact mode also sends a line written otherwise", async () => {
    const result = await syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { mode: "exact", dryRun: true });
    expect(result.plan.sourceRefs).toEqual([ref(1), ref(2), ref(4), ref(5)]);
  });

  it("reads a one-shot stream once, holding only the lines to send", async () => {
    const wire = recordWire(e2e.datasets.client);
    const stream = Readable.from([manifestText(EDITED)]);
    const result = await syncDataset(e2e.datasets, e2e.datasetArn, stream, { wait: FAST_WAIT });
    expect(result.plan.lineCount).toBe(3);
    expect(wire.acceptedSourceRefs()).toEqual([ref(2), ref(4), ref(5)]);
  });

  it("refuses a source-ref repeated in the manifest before sending anything", async () => {
    const error = await rejectionOf<DiffInputError>(
      syncDataset(e2e.datasets, e2e.datasetArn, [...EDITED, labelledLine(ref(5), { scene: "Other" })]),
    );
    expect(isDiffInputError(error)).toBe(true);
    expect(error.lines).toMatchObject([
      { side: "manifest", lineNumber: 5, sourceRef: ref(5), code: "REPEATED_SOURCE_REF" },
    ]);
    expect(updateCount()).toBe(0);
  });

  it("refuses a line to send that has errors, unless onInvalidLine is skip; an unchanged one does not matter", async () => {
    const badBox = labelledLine(ref(6), { catLeft: -5 });
    const error = await rejectionOf<DiffInputError>(
      syncDataset(e2e.datasets, e2e.datasetArn, [...EDITED, badBox]),
    );
    expect(isDiffInputError(error)).toBe(true);
    expect(error.lines).toHaveLength(1);
    expect(error.lines[0]).toMatchObject({ lineNumber: 5, sourceRef: ref(6) });
    expect(updateCount()).toBe(0);

    const wire = recordWire(e2e.datasets.client);
    await syncDataset(e2e.datasets, e2e.datasetArn, [...EDITED, badBox], {
      onInvalidLine: "skip",
      wait: FAST_WAIT,
    });
    expect(wire.acceptedSourceRefs()).toEqual([ref(2), ref(4), ref(5)]);
  });

  it("stops the upload when the manifest is not the same on its second reading", async () => {
    let readings = 0;
    class ChangingLines extends Array<ManifestLine> {
      override *[Symbol.iterator](): ArrayIterator<ManifestLine> {
        readings++;
        const lines = readings === 1 ? EDITED : [EDITED[0]!, labelledLine(ref(9)), ...EDITED.slice(2)];
        yield* lines;
        return undefined;
      }
    }
    const manifest = ChangingLines.from(EDITED) as ChangingLines;
    const wire = recordWire(e2e.datasets.client);
    const error = await rejectionOf(syncDataset(e2e.datasets, e2e.datasetArn, manifest, { wait: FAST_WAIT }));
    expect(readings).toBe(2);
    // The upload had started: its own error carries what it applied, and the refusal as its cause.
    expect(error).toMatchObject({ name: "UploadFailedError" });
    const refusal = (error as { cause?: unknown }).cause;
    expect(isDiffInputError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ lines: [{ lineNumber: 2, code: "MANIFEST_CHANGED" }] });
    expect(wire.acceptedSourceRefs()).not.toContain(ref(9));
  });

  it("refuses a checkpoint, an unknown mode or invalid-line policy, a dryRun or signal of the wrong type, a misspelt option, before any request", async () => {
    const checkpoint = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { checkpoint: { file: "x" } } as never),
    );
    expect(isInvalidOptionsError(checkpoint)).toBe(true);
    expect(checkpoint.option).toBe("checkpoint");
    const mode = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { mode: "fuzzy" as never }),
    );
    expect(mode.option).toBe("mode");
    const dryRun = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { dryRun: "yes" as never }),
    );
    expect(dryRun.option).toBe("dryRun");
    const policy = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { onInvalidLine: "ignore" as never }),
    );
    expect(policy.option).toBe("onInvalidLine");
    const signal = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { abortSignal: {} as never }),
    );
    expect(signal.option).toBe("abortSignal");
    const typo = await rejectionOf<InvalidOptionsError>(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { dryrun: true } as never),
    );
    expect(typo.didYouMean).toBe("dryRun");
    expect(e2e.local.requestCounts()).toEqual({});
  });

  it("rejects with OperationAbortedError when aborted, sending nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const error = await rejectionOf(
      syncDataset(e2e.datasets, e2e.datasetArn, EDITED, { abortSignal: controller.signal }),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(updateCount()).toBe(0);
  });
});
