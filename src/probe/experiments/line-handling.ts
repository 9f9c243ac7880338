/**
 * One update that settles four questions about lines: a repeated source-ref, float box coordinates, a
 * string class index, and a line with only source-ref. Control lines (a plain label, a plain box) show
 * what the service flags on every line of the probe (a missing image, say), so that only what the
 * doubtful lines add counts.
 *
 * @module
 * @internal
 */
import { awaitOutcome, entriesContaining, type ProbeContext, sendUpdate } from "../context.js";
import { boxLine, classificationLine, encodeLines, errorCodes } from "../lines.js";
import type { QuestionId } from "../questions.js";
import { type Findings, inconclusive } from "./answer.js";

/** The questions this experiment settles. */
export const LINE_QUESTIONS: readonly QuestionId[] = [
  "repeated-source-ref",
  "float-coordinates",
  "string-class-index",
  "source-ref-only-line",
];

const FLOAT_BOX = { left: 100.5, top: 50.25, width: 120.75, height: 80.5 };
const INTEGER_BOX = { left: 100, top: 50, width: 120, height: 80 };

/** The experiment's lines, by role. */
function linesOf(prefix: string, asked: ReadonlySet<QuestionId>): Map<string, string[]> {
  const ref = (name: string) => `${prefix}lines/${name}`;
  const roles = new Map<string, string[]>([
    ["control-label", [classificationLine(ref("control-label.jpg"), "probe")]],
    ["control-box", [boxLine(ref("control-box.jpg"), INTEGER_BOX)]],
  ]);
  if (asked.has("repeated-source-ref")) {
    roles.set("repeated", [
      classificationLine(ref("repeated.jpg"), "probe-first"),
      classificationLine(ref("repeated.jpg"), "probe-last"),
    ]);
  }
  if (asked.has("float-coordinates")) roles.set("float", [boxLine(ref("float.jpg"), FLOAT_BOX)]);
  if (asked.has("string-class-index")) {
    roles.set("string", [classificationLine(ref("string.jpg"), "probe", "0")]);
  }
  if (asked.has("source-ref-only-line"))
    roles.set("only", [JSON.stringify({ "source-ref": ref("only.jpg") })]);
  return roles;
}

/** The GroundTruth this experiment sends (for the plan). */
export function lineHandlingBody(prefix: string, asked: ReadonlySet<QuestionId>): Uint8Array {
  return encodeLines([...linesOf(prefix, asked).values()].flat());
}

/** How the service handled one doubtful line, beside the control line of its kind. */
function handling(
  entry: unknown,
  control: ReadonlySet<string>,
): { answer: "accept" | "flag" | "drop"; codes: string[] } {
  if (entry === undefined) return { answer: "drop", codes: [] };
  const added = [...errorCodes(entry)].filter((code) => !control.has(code));
  return { answer: added.length > 0 ? "flag" : "accept", codes: added };
}

const WORDS = {
  accept: "stored it without an error",
  flag: "stored it flagged",
  drop: "dropped it without a word",
} as const;

/** Sends the lines, waits for the update, and reads each entry back. */
export async function lineHandling(context: ProbeContext, asked: ReadonlySet<QuestionId>): Promise<Findings> {
  const questions = LINE_QUESTIONS.filter((question) => asked.has(question));
  if (questions.length === 0) return {};
  context.step(`Sending one update of doubtful lines (${questions.join(", ")})`);
  const update = await sendUpdate(context, lineHandlingBody(context.prefix, asked));
  const outcome = await awaitOutcome(context, update);
  context.samples.push(outcome.sample);
  if (outcome.description.status === "UPDATE_FAILED") {
    const observed = `The whole update failed (${outcome.description.statusMessageCode ?? "no code"}: ${outcome.description.statusMessage ?? "no message"}), so no line can be told apart.`;
    return Object.fromEntries(questions.map((question) => [question, inconclusive(observed)]));
  }
  const entries = await entriesContaining(context, `${context.prefix}lines/`);
  const at = (name: string) => entries.get(`${context.prefix}lines/${name}`);
  const controlLabel = errorCodes(at("control-label.jpg"));
  const controlBox = errorCodes(at("control-box.jpg"));
  const findings: Findings = {};

  if (asked.has("repeated-source-ref")) {
    const entry = at("repeated.jpg") as Record<string, unknown> | undefined;
    const label = (entry?.["probe-metadata"] as { "class-name"?: unknown } | undefined)?.["class-name"];
    const answer =
      entry === undefined
        ? "drop-all"
        : label === "probe-first"
          ? "keep-first"
          : label === "probe-last"
            ? "keep-last"
            : "inconclusive";
    findings["repeated-source-ref"] =
      answer === "inconclusive"
        ? inconclusive(`An entry was stored with an unexpected label (${String(label)}).`)
        : {
            answer,
            observed: {
              "keep-first": "It kept the first line.",
              "keep-last": "It kept the last line.",
              "drop-all": "It kept neither line.",
            }[answer],
            agrees: true,
            details: {},
          };
  }
  const doubtful: readonly [QuestionId, string, ReadonlySet<string>][] = [
    ["float-coordinates", "float.jpg", controlBox],
    ["string-class-index", "string.jpg", controlLabel],
    ["source-ref-only-line", "only.jpg", controlLabel],
  ];
  for (const [question, name, control] of doubtful) {
    if (!asked.has(question)) continue;
    const { answer, codes } = handling(at(name), control);
    const expected = question === "source-ref-only-line" ? "flag" : "accept";
    const codeText = codes.length > 0 ? ` (${codes.join(", ")})` : "";
    findings[question] = {
      answer,
      observed: `It ${WORDS[answer]}${codeText}.`,
      agrees: answer === expected,
      details: { codes, controlCodes: [...control] },
    };
  }
  return findings;
}
