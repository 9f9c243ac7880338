import { afterEach, describe, expect, it } from "vitest";
import {
  isInvalidOptionsError,
  MAX_GROUND_TRUTH_BYTES,
  planProbe,
  QUESTION_IDS,
  runProbe,
} from "../../src/index.js";
import { rejectionOf } from "../support/async.js";
import { type ProbeBench, startProbeBench } from "./harness.js";

let bench: ProbeBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe("planProbe", () => {
  it("states every question's cost, and totals that include the scratch dataset", () => {
    const plan = planProbe();
    expect(plan.questions.map((cost) => cost.question)).toEqual(QUESTION_IDS);
    expect(plan.bytes).toBe(plan.questions.reduce((sum, cost) => sum + cost.bytes, 0));
    expect(plan.requests).toBeGreaterThan(plan.questions.reduce((sum, cost) => sum + cost.requests, 0));
    expect(plan.seconds).toBeGreaterThan(plan.questions.reduce((sum, cost) => sum + cost.seconds, 0));
    // The two payloads around the limit are most of the bytes.
    expect(plan.bytes).toBeGreaterThan(2 * MAX_GROUND_TRUTH_BYTES);
    expect(plan.assumption).toMatch(/nobody has published/);
  });

  it("counts an update shared by several questions once", () => {
    const plan = planProbe({ questions: ["float-coordinates", "repeated-source-ref"] });
    expect(plan.questions.map((cost) => [cost.question, cost.updates])).toEqual([
      ["repeated-source-ref", 1],
      ["float-coordinates", 0],
    ]);
  });

  it("gives the bytes a probe sends when the service agrees with the library", async () => {
    bench = await startProbeBench();
    const result = await runProbe(bench.probeOptions());
    expect(result.bytes).toBe(planProbe().bytes);
    expect(result.requests).toBeGreaterThan(0);
  });

  it("refuses an unknown question, offering the nearest id", () => {
    const error = (() => {
      try {
        planProbe({ questions: ["stale-statuz" as never] });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(isInvalidOptionsError(error) && [error.option, error.didYouMean]).toEqual([
      "questions[0]",
      "stale-status",
    ]);
  });
});

describe("runProbe's options", () => {
  it.each([
    [{ projectArn: "arn:aws:rekognition:us-east-1:123456789012:project/p" }, "projectArn"],
    [{ maxWaitSeconds: 0 }, "maxWaitSeconds"],
    [{ sourceRefPrefix: "s3://bucket" }, "sourceRefPrefix"],
    [{ questions: [] }, "questions"],
    [{ clientConfig: {} }, "clientConfig"],
    [{ onStepp: () => {} }, "onStepp"],
  ])("refuses %j before any request", async (extra, option) => {
    bench = await startProbeBench();
    bench.local.resetRequestCounts();
    const error = await rejectionOf(runProbe({ ...bench.probeOptions(), ...extra } as never));
    expect(isInvalidOptionsError(error) && error.option).toBe(option);
    expect(bench.local.requestCounts()).toEqual({});
  });
});
