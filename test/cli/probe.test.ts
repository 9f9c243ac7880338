/**
 * probe against the emulator, run as a user runs it: without --yes it states the cost and creates nothing;
 * with --yes it answers the chosen questions, prints one JSON document keyed by question id, and leaves no
 * scratch dataset behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRekognition, startLocalRekognition } from "../../src/local/index.js";
import { runCliJson, startCli } from "./run-cli.js";

let local: LocalRekognition;

beforeAll(async () => {
  local = await startLocalRekognition({ processing: { baseMs: 20, perMegabyteMs: 0 } });
});
afterAll(() => local.close());

describe("rekognition-datasets probe", () => {
  it("states the cost and creates nothing without --yes; with it, answers and cleans up", async () => {
    const { projectArn } = local.createDataset({ type: "TRAIN" });
    const endpoint = ["--endpoint-url", local.endpoint];
    const question = ["--question", "repeated-source-ref", "--question", "string-class-index"];
    const [plan, badQuestion] = await Promise.all([
      runCliJson(["probe", "--project-arn", projectArn, ...question, ...endpoint]),
      startCli(["probe", "--project-arn", projectArn, "--question", "nope", ...endpoint]),
    ]);
    expect(plan.code).toBe(2);
    const planned = (plan.json as { plan: { questions: { question: string }[]; bytes: number } }).plan;
    expect(planned.questions.map((cost) => cost.question).sort()).toEqual([
      "repeated-source-ref",
      "string-class-index",
    ]);
    expect(planned.bytes).toBeGreaterThan(0);
    expect(plan.stderr).toContain("Run again with --yes");
    expect(badQuestion.code).toBe(2);
    expect(badQuestion.stderr).toMatch(/"nope" is not a probe question/);
    expect(badQuestion.stderr).toMatch(/^hint: Questions: .*payload-limit-counting/m);
    // Nothing was created: the project still has only its train dataset.
    expect(local.datasets()).toHaveLength(1);

    const run = await runCliJson(["probe", "--project-arn", projectArn, ...question, "--yes", ...endpoint]);
    expect(run.code).toBe(0);
    const result = run.json as {
      allAgree: boolean;
      questions: Record<string, { answer: string; agrees: boolean | undefined }>;
    };
    expect(result.allAgree).toBe(true);
    expect(Object.keys(result.questions).sort()).toEqual(["repeated-source-ref", "string-class-index"]);
    expect(result.questions["repeated-source-ref"]).toMatchObject({ answer: "keep-first", agrees: true });
    // The scratch dataset is gone again.
    expect(local.datasets()).toHaveLength(1);
  });
});
