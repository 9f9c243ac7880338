import { afterEach, describe, expect, it } from "vitest";
import {
  isInvalidOptionsError,
  isOperationAbortedError,
  isProbeError,
  isRequestFailedError,
  type ProbeResult,
  QUESTION_IDS,
  type QuestionId,
  runProbe,
} from "../../src/index.js";
import type { LocalRekognitionOptions } from "../../src/local/index.js";
import { rejectionOf } from "../support/async.js";
import { emulatorConnection } from "../support/emulator.js";
import { type ProbeBench, startProbeBench } from "./harness.js";

let bench: ProbeBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function probe(
  options: LocalRekognitionOptions,
  questions?: readonly QuestionId[],
): Promise<ProbeResult> {
  bench = await startProbeBench(options);
  const result = await runProbe(bench.probeOptions(questions === undefined ? {} : { questions }));
  // Whatever the answers, nothing the probe created is left behind.
  expect(bench.local.datasets()).toEqual([]);
  return result;
}

function answerOf(result: ProbeResult, question: QuestionId) {
  const answer = result.questions[question];
  if (answer === undefined) throw new Error(`No answer to ${question}`);
  return answer;
}

describe("runProbe against the emulator's defaults", () => {
  it("answers every question, agrees on every one, and deletes its scratch dataset", async () => {
    const steps: string[] = [];
    bench = await startProbeBench();
    const result = await runProbe(bench.probeOptions({ onStep: (step) => steps.push(step.message) }));
    expect(Object.keys(result.questions)).toEqual(QUESTION_IDS);
    for (const id of QUESTION_IDS) {
      expect({ id, agrees: answerOf(result, id).agrees }).toEqual({ id, agrees: true });
    }
    expect(result.allAgree).toBe(true);
    expect(result.datasetType).toBe("TEST");
    expect(result.datasetArn).toMatch(/\/dataset\/test\//);
    expect(bench.local.datasets()).toEqual([]);
    expect(steps[0]).toMatch(/Creating a scratch dataset/);
    expect(steps.at(-1)).toMatch(/Deleting the scratch dataset/);
    expect(bench.local.requestCounts().DeleteDataset).toBe(1);
    expect(answerOf(result, "payload-limit-counting").answer).toBe("raw");
    expect(answerOf(result, "oversize-error").answer).toBe("InvalidParameterException");
    expect(answerOf(result, "concurrent-update").answer).toBe("resource-in-use");
    expect(answerOf(result, "stale-status").answer).toBe("none");
    expect(answerOf(result, "repeated-source-ref").answer).toBe("keep-first");
    expect(answerOf(result, "float-coordinates").answer).toBe("accept");
    expect(answerOf(result, "string-class-index").answer).toBe("accept");
    expect(answerOf(result, "source-ref-only-line")).toMatchObject({
      answer: "flag",
      details: { codes: ["ERROR_NO_LABEL_ATTRIBUTES"] },
    });
    // Each answer carries its question: the docs page, the assumption and the setting.
    expect(answerOf(result, "payload-limit-counting")).toMatchObject({
      docsUrl: expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\//),
      setting: expect.stringContaining("maxRequestBytes"),
    });
  });

  it("measures the emulator's processing rate from the updates it timed (200 ms per MiB after 500 ms)", async () => {
    const result = await probe({}, ["stale-status", "processing-rate"]);
    const rate = result.processingRate!;
    expect(rate.samples).toHaveLength(2);
    expect(rate.samples.every((sample) => sample.fromServiceTimestamps)).toBe(true);
    expect(rate.bytesPerSecond! / (1_048_576 / 0.2)).toBeCloseTo(1, 1);
    expect(rate.baseSeconds).toBeCloseTo(0.5, 2);
  });

  it("tells a slower service apart by its rate", async () => {
    const result = await probe({ processing: { baseMs: 2_000, perMegabyteMs: 1_000 } }, [
      "stale-status",
      "processing-rate",
    ]);
    expect(result.processingRate!.bytesPerSecond! / 1_048_576).toBeCloseTo(1, 1);
    expect(result.processingRate!.baseSeconds).toBeCloseTo(2, 1);
  });
});

describe("runProbe tells each alternative apart", () => {
  it.each([
    ["keep-first", true],
    ["keep-last", true],
    ["drop-all", true],
  ] as const)("repeated-source-ref: %s", async (rule, agrees) => {
    const result = await probe({ repeatedSourceRef: rule }, ["repeated-source-ref"]);
    expect(answerOf(result, "repeated-source-ref")).toMatchObject({ answer: rule, agrees });
  });

  it.each([
    ["floatCoordinates", "float-coordinates", "accept", true],
    ["floatCoordinates", "float-coordinates", "flag", false],
    ["floatCoordinates", "float-coordinates", "drop", false],
    ["stringClassIndex", "string-class-index", "accept", true],
    ["stringClassIndex", "string-class-index", "flag", false],
    ["stringClassIndex", "string-class-index", "drop", false],
    ["sourceRefOnlyLine", "source-ref-only-line", "flag", true],
    ["sourceRefOnlyLine", "source-ref-only-line", "accept", false],
    ["sourceRefOnlyLine", "source-ref-only-line", "drop", false],
  ] as const)("%s: %s", async (option, question, rule, agrees) => {
    const result = await probe({ [option]: rule }, [question]);
    expect(answerOf(result, question)).toMatchObject({ answer: rule, agrees });
  });

  it("does not count what the service flags on every line (images it cannot find) against a line", async () => {
    // Every image missing: the control lines are flagged too, and only what a doubtful line adds counts.
    const result = await probe({ images: new Map(), floatCoordinates: "flag" }, [
      "float-coordinates",
      "string-class-index",
    ]);
    expect(answerOf(result, "float-coordinates")).toMatchObject({
      answer: "flag",
      details: { codes: ["ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT"], controlCodes: ["ERROR_INVALID_IMAGE"] },
    });
    expect(answerOf(result, "string-class-index")).toMatchObject({ answer: "accept", agrees: true });
  });

  it("concurrent-update: queue", async () => {
    const result = await probe({ concurrentUpdate: "queue" }, ["concurrent-update"]);
    expect(answerOf(result, "concurrent-update")).toMatchObject({
      answer: "queue",
      agrees: false,
      details: { firstApplied: true, secondApplied: true },
    });
  });

  it.each([
    [5_000, true],
    [45_000, false],
  ])("stale-status: a stale window of %i ms", async (staleStatusMs, agrees) => {
    const result = await probe({ faults: { staleStatusMs } }, ["stale-status"]);
    const answer = answerOf(result, "stale-status");
    expect(answer).toMatchObject({ answer: "stale", agrees });
    expect(answer.details.lastStaleMs).toBeLessThan(staleStatusMs);
    expect(answer.details.firstFreshMs).toBeGreaterThanOrEqual(staleStatusMs);
  });

  it("payload-limit-counting: base64, which also answers oversize-error without a second payload", async () => {
    const result = await probe({ payloadLimit: "base64" }, ["payload-limit-counting", "oversize-error"]);
    expect(answerOf(result, "payload-limit-counting")).toMatchObject({ answer: "base64", agrees: false });
    expect(answerOf(result, "oversize-error")).toMatchObject({
      answer: "InvalidParameterException",
      agrees: true,
    });
    expect(bench!.local.requestCounts().UpdateDatasetEntries).toBe(1);
  });

  it.each([
    ["raw", 2],
    ["base64", 1],
  ] as const)(
    "oversize-error: ValidationException, the limit counting %s bytes",
    async (payloadLimit, updates) => {
      const result = await probe({ payloadLimit, oversizeError: "ValidationException" }, [
        "payload-limit-counting",
        "oversize-error",
      ]);
      expect(answerOf(result, "payload-limit-counting").answer).toBe(payloadLimit);
      expect(answerOf(result, "oversize-error")).toMatchObject({
        answer: "ValidationException",
        agrees: false,
      });
      expect(bench!.local.requestCounts().UpdateDatasetEntries).toBe(updates);
    },
  );

  it("oversize-error: a limit above the model's accepts the oversize payload, and the probe waits it out", async () => {
    const result = await probe({ maxGroundTruthBytes: 6_000_000 }, ["oversize-error"]);
    expect(answerOf(result, "oversize-error")).toMatchObject({ answer: "accepted", agrees: false });
  });
});

describe("runProbe's scratch dataset", () => {
  it("takes the type the project does not use, and leaves the user's dataset as it was", async () => {
    bench = await startProbeBench();
    const own = await bench.createOwnDataset("TEST");
    const result = await runProbe(bench.probeOptions({ questions: ["stale-status"] }));
    expect(result.datasetType).toBe("TRAIN");
    expect(bench.local.datasets().map((dataset) => dataset.arn)).toEqual([own]);
    expect(bench.local.entries(own)).toEqual([]);
  });

  it("refuses a project that has both types, with nothing created or touched", async () => {
    bench = await startProbeBench();
    const own = [await bench.createOwnDataset("TRAIN"), await bench.createOwnDataset("TEST")];
    const error = await rejectionOf(runProbe(bench.probeOptions()));
    expect(isProbeError(error) && error.reason).toBe("no-free-dataset-type");
    expect(bench.local.datasets().map((dataset) => dataset.arn)).toEqual(own);
    expect(bench.local.requestCounts().UpdateDatasetEntries).toBeUndefined();
  });

  it("creates nothing without confirm: true", async () => {
    bench = await startProbeBench();
    bench.local.resetRequestCounts();
    const { confirm: _, ...unconfirmed } = bench.probeOptions();
    const error = await rejectionOf(runProbe(unconfirmed as never));
    expect(isInvalidOptionsError(error) && error.option).toBe("confirm");
    expect(bench.local.requestCounts()).toEqual({});
  });

  it("deletes the scratch dataset when aborted mid-update, after waiting the update out", async () => {
    bench = await startProbeBench({ processing: { baseMs: 60_000 } });
    const controller = new AbortController();
    const { clock } = bench;
    let armed = false;
    let busyAtAbort: string | undefined;
    const error = await rejectionOf(
      runProbe(
        bench.probeOptions({
          abortSignal: controller.signal,
          questions: ["stale-status"],
          onStep: (step) => {
            armed ||= step.question === "stale-status";
          },
          // The first poll after the update was accepted finds it running: abort there.
          clock: {
            now: () => clock.now(),
            sleep: (ms, signal) => {
              if (armed && !controller.signal.aborted) {
                busyAtAbort = bench!.local.datasets()[0]?.status;
                controller.abort(new Error("stop"));
              }
              return clock.sleep(ms, signal);
            },
          },
        }),
      ),
    );
    expect(isOperationAbortedError(error)).toBe(true);
    expect(busyAtAbort).toBe("UPDATE_IN_PROGRESS");
    expect(bench.local.datasets()).toEqual([]);
    expect(bench.local.requestCounts().DeleteDataset).toBe(1);
  });

  it("deletes the scratch dataset when a step fails, and reports the step's error", async () => {
    bench = await startProbeBench({
      faults: { operations: { ListDatasetEntries: { internalErrorRate: 1 } } },
    });
    const error = await rejectionOf(
      runProbe(
        bench.probeOptions({ questions: ["float-coordinates"], datasetClient: { retry: { attempts: 1 } } }),
      ),
    );
    expect(isRequestFailedError(error) && error.operation).toBe("ListDatasetEntries");
    expect(bench.local.datasets()).toEqual([]);
  });

  it("names the scratch dataset when it cannot delete it", async () => {
    bench = await startProbeBench({ faults: { operations: { DeleteDataset: { internalErrorRate: 1 } } } });
    const error = await rejectionOf(runProbe(bench.probeOptions({ questions: ["stale-status"] })));
    const [left] = bench.local.datasets();
    expect(isProbeError(error) && [error.reason, error.datasetArn]).toEqual(["cleanup-failed", left!.arn]);
  });

  it("builds its own client from clientConfig and runs on real time when given no clock", async () => {
    // Updates end at once, so the real clock is read but never slept on.
    bench = await startProbeBench({ processing: { baseMs: 0, perMegabyteMs: 0 } });
    const {
      client: _client,
      clock: _clock,
      ...rest
    } = bench.probeOptions({ questions: ["repeated-source-ref"] });
    const result = await runProbe({ ...rest, clientConfig: emulatorConnection(bench.local) });
    expect(answerOf(result, "repeated-source-ref").answer).toBe("keep-first");
    expect(bench.local.datasets()).toEqual([]);
  });
});
