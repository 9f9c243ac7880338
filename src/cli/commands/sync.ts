/**
 * `sync <dataset-arn> <manifest>`: sends only the added and changed lines (`syncDataset`), through the
 * library's upload; `--dry-run` prints the plan and sends nothing. Entries only in the dataset cannot be
 * removed by an update: they are reported, never pretended away.
 *
 * @module
 */
import type { Command } from "commander";
import type { UploadResult } from "../../client/upload/types.js";
import type { SyncResult } from "../../dataset-sync/types.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { manifestSource } from "../manifest-argument.js";
import { plural, writeJson, writeText } from "../output.js";
import { createProgressDisplay } from "../progress.js";
import { diffText } from "./diff-report.js";
import { uploadSummary } from "./upload.js";
import { flaggedEntriesText, invalidLinesText, resumeAdvice } from "./upload-report.js";

/** A sync's account, for people. */
export function syncText(result: SyncResult): string {
  const plan = result.plan;
  const parts = [diffText(result.diff, "dataset"), ""];
  parts.push(
    result.dryRun
      ? `Dry run: would send ${plural(plan.lineCount, "line")}; nothing was sent.`
      : result.upload === undefined
        ? "Nothing to send: the dataset already holds every line of the manifest."
        : uploadSummary(result.upload),
  );
  if (plan.notRemovable > 0) {
    parts.push(
      `${plural(plan.notRemovable, "entry", "entries")} only in the dataset stay: UpdateDatasetEntries cannot remove entries (create the dataset again from the manifest to drop them).`,
    );
  }
  return parts.join("\n");
}

export const syncCommand: CliCommand = {
  name: "sync",
  arguments: "<dataset-arn> <manifest>",
  summary: "bring a dataset up to date with a manifest, sending only what changed",
  details: [
    "Compares the manifest with the dataset (as diff does), then uploads the added and changed lines.",
    "Entries only in the dataset cannot be removed by an update: they are counted and listed.",
    "An interrupted sync is resumed by running it again: it sends only what still differs.",
  ].join("\n"),
  configure(command: Command) {
    command
      .option("--dry-run", "print what would be sent, send nothing")
      .option("--exact", "count a line as changed when its JSON value differs, not only its meaning")
      .option("--skip-invalid", "send the valid changed lines and list the invalid ones")
      .option("--flagged", "after the upload, list the entries the service flagged with errors");
  },
  async run(context, args, flags) {
    const [datasetArn, manifest] = args as [string, string];
    const [{ syncDataset }, client] = await Promise.all([
      import("../../dataset-sync/sync.js"),
      context.datasetClient(),
    ]);
    const progress = await createProgressDisplay({
      enabled: context.global.progress && flags.dryRun !== true,
      stream: context.output.stderr,
      client: client.client,
    });
    let result: SyncResult;
    try {
      result = await syncDataset(client, datasetArn, manifestSource(manifest), {
        mode: flags.exact === true ? "exact" : "meaning",
        dryRun: flags.dryRun === true,
        onInvalidLine: flags.skipInvalid === true ? "skip" : "stop",
        reportFlaggedEntries: flags.flagged === true,
        abortSignal: context.signal,
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      });
    } catch (error) {
      progress.stop();
      const partial = (error as { result?: UploadResult }).result;
      context.output.stderr.write(invalidLinesText(error));
      if (partial !== undefined)
        context.output.stderr.write(resumeAdvice(context, error, partial, undefined, "sync"));
      throw error;
    } finally {
      progress.stop();
    }
    if (context.output.format === "json") {
      writeJson(context.output, result);
    } else {
      writeText(context.output, syncText(result));
      const upload = result.upload;
      if (upload !== undefined && upload.linesSkipped.length > 0) {
        writeText(context.output, invalidLinesText({ invalidLines: upload.linesSkipped }));
      }
      if (upload?.flaggedEntries !== undefined)
        writeText(context.output, flaggedEntriesText(upload.flaggedEntries));
    }
    return EXIT.ok;
  },
};
