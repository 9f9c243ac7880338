/**
 * `diff <dataset-arn|manifest> <manifest>`: how a manifest differs from a dataset (`diffDataset`) or from
 * another manifest (`diffManifests`), by `source-ref`. Exit 0 when the same, 1 when they differ, as `diff`
 * does.
 *
 * @module
 */
import type { Command } from "commander";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { manifestSource } from "../manifest-argument.js";
import { writeJson, writeText } from "../output.js";
import { diffText } from "./diff-report.js";

/** Whether a base argument names a dataset: anything that starts like an ARN (its shape is checked by the library). */
export function namesDataset(base: string): boolean {
  return base.startsWith("arn:");
}

export const diffCommand: CliCommand = {
  name: "diff",
  arguments: "<base> <manifest>",
  summary: "compare a manifest with a dataset (an ARN) or with another manifest",
  details: [
    "<base> is a dataset ARN or a manifest file. Lines are matched by source-ref.",
    "By default lines compare by what a model learns from (label names, boxes resolved through their class",
    "map, image size); --exact compares the whole JSON value. Keys the service adds never count.",
    "Exit 0 when they are the same, 1 when they differ.",
  ].join("\n"),
  configure(command: Command) {
    command.option("--exact", "compare the whole JSON value instead of the meaning");
  },
  async run(context, args, flags) {
    const [base, manifest] = args as [string, string];
    const options = {
      mode: flags.exact === true ? ("exact" as const) : ("meaning" as const),
      abortSignal: context.signal,
    };
    const diff = namesDataset(base)
      ? await (async () => {
          const [{ diffDataset }, client] = await Promise.all([
            import("../../dataset-sync/diff.js"),
            context.datasetClient(),
          ]);
          return diffDataset(client, base, manifestSource(manifest), options);
        })()
      : await (async () => {
          const { diffManifests } = await import("../../dataset-sync/diff.js");
          return diffManifests(base, manifestSource(manifest), options);
        })();
    if (context.output.format === "json") writeJson(context.output, diff);
    else writeText(context.output, diffText(diff, namesDataset(base) ? "dataset" : "base"));
    return diff.same ? EXIT.ok : EXIT.no;
  },
};
