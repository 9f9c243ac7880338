/**
 * Abort mid-upload, then resume from the checkpoint: the dataset ends up holding exactly the input, and
 * the resumed run sends nothing of the applied prefix again.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSample } from "../../scripts/demo/sample.js";
import {
  type Checkpoint,
  type CheckpointStore,
  isCheckpointMismatchError,
  isUploadAbortedError,
  type UploadOptions,
} from "../../src/index.js";
import { expectCompleteOrExactPrefix, expectStoredExactly, outcomeOf, sourceRefOf } from "./expectations.js";
import { type E2E, FAST_WAIT, startE2E } from "./harness.js";
import { recordWire } from "./wire-log.js";

const MAX_REQUEST_BYTES = 256 * 1024;
/** About 1.5 MB: six requests. */
const INPUT = buildSample({ images: 2000, seed: 41 });

/** A checkpoint store in memory that keeps every checkpoint saved. */
class MemoryCheckpoints implements CheckpointStore {
  readonly saved: Checkpoint[] = [];
  async load(): Promise<Checkpoint | undefined> {
    return this.saved.at(-1);
  }
  async save(checkpoint: Checkpoint): Promise<void> {
    this.saved.push(checkpoint);
  }
}

let e2e: E2E;

beforeEach(async () => {
  e2e = await startE2E({ seed: 17 });
});

afterEach(async () => {
  await e2e.close();
});

/** Upload options that abort the upload when a request reaches `stage`. */
function abortingAt(
  controller: AbortController,
  stage: "sent" | "applied",
  requestIndex: number,
  checkpoint: UploadOptions["checkpoint"],
): UploadOptions {
  return {
    maxRequestBytes: MAX_REQUEST_BYTES,
    wait: FAST_WAIT,
    abortSignal: controller.signal,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    onProgress: (event) => {
      if (event.type === stage && event.requestIndex === requestIndex)
        controller.abort(new Error("stop here"));
    },
  };
}

describe("aborting an upload and resuming it from its checkpoint", () => {
  it("aborted between requests, the resumed run sends only the lines after the applied prefix", async () => {
    const wire = recordWire(e2e.datasets.client);
    const checkpoints = new MemoryCheckpoints();
    const first = await outcomeOf(
      e2e.datasets.upload(
        e2e.datasetArn,
        INPUT,
        abortingAt(new AbortController(), "applied", 2, checkpoints),
      ),
    );

    if (first.kind !== "stopped" || !isUploadAbortedError(first.error)) {
      throw new Error("expected an UploadAbortedError");
    }
    const applied = first.error.result;
    expect(applied.requests.length).toBe(3);
    expect(applied.unconfirmedRequest).toBeUndefined();
    expect(checkpoints.saved.at(-1)).toMatchObject({
      datasetArn: e2e.datasetArn,
      inputLinesDone: applied.inputLinesDone,
      lastLineDone: applied.lastLineDone,
    });
    expectCompleteOrExactPrefix(e2e.local, e2e.datasetArn, INPUT, first);
    const sentBefore = wire.acceptedSourceRefs().length;
    expect(sentBefore).toBe(applied.inputLinesDone);

    const resumed = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
      checkpoint: checkpoints,
    });

    expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
    expect(resumed.resumedFromLine).toBe(applied.lastLineDone);
    expect(resumed.requests[0]!.firstLine).toBe(applied.lastLineDone + 1);
    expect(resumed.inputLinesDone).toBe(INPUT.length);
    expect(resumed.appliedRequestLines).toBe(INPUT.length - applied.inputLinesDone);
    // Over both runs, every line went over the wire exactly once.
    expect(wire.acceptedSourceRefs().slice(sentBefore)).toEqual(
      INPUT.slice(applied.inputLinesDone).map(sourceRefOf),
    );
    expect(wire.acceptedSourceRefs()).toEqual(INPUT.map(sourceRefOf));
  });

  it("aborted while waiting for an update, the resumed run waits for it, counts it, and sends only what follows", async () => {
    const wire = recordWire(e2e.datasets.client);
    const checkpoints = new MemoryCheckpoints();
    const first = await outcomeOf(
      e2e.datasets.upload(e2e.datasetArn, INPUT, abortingAt(new AbortController(), "sent", 2, checkpoints)),
    );

    if (first.kind !== "stopped" || !isUploadAbortedError(first.error)) {
      throw new Error("expected an UploadAbortedError");
    }
    const applied = first.error.result;
    expect(applied.requests.length).toBe(2);
    // Sent, not seen to complete: the result says it may or may not be applied.
    expect(applied.unconfirmedRequest).toMatchObject({ index: 2, firstLine: applied.inputLinesDone + 1 });
    expect(first.error.message).toContain("may or may not be applied");
    // The checkpoint recorded it before it went out.
    const pending = checkpoints.saved.at(-1)?.pendingRequest;
    expect(pending).toMatchObject({ firstLine: applied.inputLinesDone + 1 });
    expectCompleteOrExactPrefix(e2e.local, e2e.datasetArn, INPUT, first);
    const sentBefore = wire.acceptedSourceRefs().length;

    const resumed = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
      checkpoint: checkpoints,
    });

    expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
    expect(resumed.resumedPendingRequest).toBe("confirmed-applied");
    expect(resumed.resumedFromLine).toBe(pending!.lastLineDone);
    // The dataset was still busy with the aborted run's update: the resumed run waited instead of colliding.
    expect(wire.of("UpdateDatasetEntries").map((record) => record.outcome)).not.toContain(
      "ResourceInUseException",
    );
    // Nothing of the applied prefix again, nor the request the dataset showed applied: only the rest, once.
    expect(wire.acceptedSourceRefs().slice(sentBefore)).toEqual(
      INPUT.slice(pending!.inputLinesDone).map(sourceRefOf),
    );
    expect(wire.acceptedSourceRefs()).toEqual(INPUT.map(sourceRefOf));
  });

  it("crashed right after a request went out, a new client resumes without sending that request again", async () => {
    const wire = recordWire(e2e.datasets.client);
    const checkpoints = new MemoryCheckpoints();
    const crashed = await outcomeOf(
      e2e.datasets.upload(e2e.datasetArn, INPUT, {
        maxRequestBytes: MAX_REQUEST_BYTES,
        wait: FAST_WAIT,
        checkpoint: checkpoints,
        onProgress: (event) => {
          // What a kill -9 leaves behind: the pre-send checkpoint, and an update the service goes on with.
          if (event.type === "sent" && event.requestIndex === 3) throw new Error("crash");
        },
      }),
    );
    expect(crashed.kind).toBe("stopped");
    const pending = checkpoints.saved.at(-1)?.pendingRequest;
    expect(pending).toBeDefined();
    const sentBefore = wire.acceptedSourceRefs().length;
    expect(sentBefore).toBe(pending!.inputLinesDone);

    // A new process: a new client, which knows nothing of the update in flight.
    const restarted = e2e.secondClient();
    const restartedWire = recordWire(restarted.client);
    const resumed = await restarted.upload(e2e.datasetArn, INPUT, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      wait: FAST_WAIT,
      checkpoint: checkpoints,
    });

    expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
    expect(resumed.resumedPendingRequest).toBe("confirmed-applied");
    expect(resumed.inputLinesDone).toBe(INPUT.length);
    expect(restartedWire.of("UpdateDatasetEntries").map((record) => record.outcome)).not.toContain(
      "ResourceInUseException",
    );
    expect(restartedWire.acceptedSourceRefs()).toEqual(INPUT.slice(pending!.inputLinesDone).map(sourceRefOf));
  });

  it("resumes from a checkpoint file, and refuses an input that differs from the applied prefix", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rekognition-e2e-"));
    try {
      const file = join(folder, "upload.checkpoint.json");
      const first = await outcomeOf(
        e2e.datasets.upload(e2e.datasetArn, INPUT, abortingAt(new AbortController(), "applied", 0, { file })),
      );
      expect(first.kind).toBe("stopped");
      const saved = JSON.parse(await readFile(file, "utf8")) as Checkpoint;
      expect(saved.inputLinesDone).toBeGreaterThan(0);

      // The same input with one applied line edited: resuming would skip a line that was never sent.
      const edited = INPUT.map((line, index) => (index === 5 ? { ...line, extra: "edited" } : line));
      const wire = recordWire(e2e.datasets.client);
      const refused = await outcomeOf(
        e2e.datasets.upload(e2e.datasetArn, edited, {
          maxRequestBytes: MAX_REQUEST_BYTES,
          wait: FAST_WAIT,
          checkpoint: { file },
        }),
      );
      if (refused.kind !== "stopped" || !isCheckpointMismatchError(refused.error)) {
        throw new Error("expected a CheckpointMismatchError");
      }
      expect(refused.error.reason).toBe("fingerprint");
      expect(wire.of("UpdateDatasetEntries")).toEqual([]);

      const resumed = await e2e.datasets.upload(e2e.datasetArn, INPUT, {
        maxRequestBytes: MAX_REQUEST_BYTES,
        wait: FAST_WAIT,
        checkpoint: { file },
      });
      expect(resumed.resumedFromLine).toBe(saved.lastLineDone);
      expectStoredExactly(e2e.local, e2e.datasetArn, INPUT);
      const final = JSON.parse(await readFile(file, "utf8")) as Checkpoint;
      expect(final.inputLinesDone).toBe(INPUT.length);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
