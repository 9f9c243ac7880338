/**
 * `probe --project-arn <arn>`: settles what AWS does not document, against the user's own account
 * (`planProbe`, then `runProbe`). Without `--yes` it only states the cost; with it, it creates a scratch
 * dataset in the project, runs one small experiment per question, prints what the service did against what
 * the library assumes, and deletes the dataset (also on Ctrl-C or a failed step).
 *
 * @module
 */
import type { Command } from "commander";
import type { QuestionId } from "../../probe/questions.js";
import type { ProbePlan, ProbeResult } from "../../probe/types.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { count, megabytes, note, paint, table, writeJson, writeText } from "../output.js";
import { UsageError } from "../usage-error.js";
import { maxWaitOf } from "./max-wait.js";

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The cost, as the user reads it before saying yes. */
function planText(plan: ProbePlan): string {
  const rows = [
    ["QUESTION", "UPDATES", "REQUESTS", "BYTES", "SECONDS"],
    ...plan.questions.map((cost) => [
      cost.question,
      count(cost.updates),
      `~${count(cost.requests)}`,
      megabytes(cost.bytes),
      `~${count(Math.round(cost.seconds))}`,
    ]),
  ];
  return [
    table(rows),
    `In all: ~${count(plan.requests)} requests, ${megabytes(plan.bytes)} sent, ~${count(Math.round(plan.seconds))} s (${plan.assumption}).`,
  ].join("\n");
}

/** Question, what the docs say, what the library assumes, what the service did, agreement. */
function resultText(result: ProbeResult, color: boolean): string {
  const rows = [["QUESTION", "DOCS SAY", "LIBRARY ASSUMES", "SERVICE DID", "AGREES"]];
  for (const answer of Object.values(result.questions)) {
    if (answer === undefined) continue;
    const agrees =
      answer.agrees === undefined
        ? paint(color, "yellow", "inconclusive")
        : answer.agrees
          ? paint(color, "green", "yes")
          : paint(color, "red", "no");
    rows.push([answer.id, answer.docsSay, answer.libraryAssumes, answer.observed, agrees]);
  }
  const bytesPerSecond = result.processingRate?.bytesPerSecond;
  const rate =
    bytesPerSecond === undefined
      ? "No processing rate measured."
      : `Processing rate: ${megabytes(bytesPerSecond)}/s.`;
  const verdict = result.allAgree
    ? "The service agrees with every assumption of the library."
    : "The service differs from the library on at least one question: see the setting named for it in docs/SERVICE-BEHAVIOUR.md.";
  return [table(rows), rate, verdict].join("\n");
}

export const probeCommand: CliCommand = {
  name: "probe",
  arguments: "",
  summary: "settle what AWS does not document, in a scratch dataset of your project (asks for --yes)",
  details:
    "Creates a scratch dataset in the project (never touches an existing one), runs one small experiment per question, prints what the service did next to what the library assumes, and deletes the dataset, also when interrupted. Without --yes it only states the cost. Exit 0 when the service agrees on every question, 1 when it differs on one.",
  configure(command: Command) {
    command
      .requiredOption("--project-arn <arn>", "the Custom Labels project to create the scratch dataset in")
      .option("--question <id>", "only this question (repeatable; default: every question)", collect)
      .option("--yes", "create the scratch dataset and run the experiments (without it: the cost only)")
      .option("--max-wait <seconds>", "longest wait for one update (default: 1800)");
  },
  async run(context, _args, flags) {
    const { planProbe, QUESTION_IDS, runProbe } = await import("../../probe/index.js");
    const questions = (flags.question as string[] | undefined) ?? undefined;
    const unknown = questions?.find((id) => !(QUESTION_IDS as readonly string[]).includes(id));
    if (unknown !== undefined) {
      throw new UsageError(
        `--question "${unknown}" is not a probe question.`,
        `Questions: ${QUESTION_IDS.join(", ")}.`,
      );
    }
    const selection = questions === undefined ? {} : { questions: questions as QuestionId[] };
    const plan = planProbe(selection);
    if (flags.yes !== true) {
      if (context.output.format === "json") writeJson(context.output, { plan });
      else writeText(context.output, planText(plan));
      note(
        context.output,
        "Nothing was created. Run again with --yes to create the scratch dataset and run the probe.",
      );
      return EXIT.usage;
    }
    note(context.output, planText(plan));
    const maxWaitSeconds = maxWaitOf(flags.maxWait);
    const client = await context.datasetClient();
    const result = await runProbe({
      projectArn: String(flags.projectArn),
      confirm: true,
      client: client.client,
      abortSignal: context.signal,
      ...selection,
      ...(maxWaitSeconds === undefined ? {} : { maxWaitSeconds }),
      onStep: (step) => note(context.output, step.message),
    });
    if (context.output.format === "json") writeJson(context.output, result);
    else writeText(context.output, resultText(result, context.output.color));
    return result.allAgree ? EXIT.ok : EXIT.no;
  },
};
