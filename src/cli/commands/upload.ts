/**
 * `upload <dataset-arn> <manifest>`: the library's `DatasetClient.upload`, with a checkpoint next to the
 * manifest by default, so that an interrupted or failed upload resumes where it stopped when run again.
 *
 * @module
 */
import { rm } from "node:fs/promises";
import type { Command } from "commander";
import type { UploadResult } from "../../client/upload/types.js";
import type { CliCommand, CommandContext } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { manifestSource } from "../manifest-argument.js";
import { count, megabytes, plural, writeJson, writeText } from "../output.js";
import { createProgressDisplay } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { flaggedEntriesText, invalidLinesText, resumeAdvice } from "./upload-report.js";

/** The checkpoint file used when `--checkpoint` is not given: next to the manifest. */
export function defaultCheckpointFile(manifest: string): string {
  return `${manifest}.checkpoint.json`;
}

/** Where the checkpoint goes, or `undefined` for none (`--no-checkpoint`, or a manifest on stdin). */
function checkpointFileOf(manifest: string, flags: Record<string, unknown>): string | undefined {
  if (flags.checkpoint === false) return undefined;
  if (typeof flags.checkpoint === "string") return flags.checkpoint;
  return manifest === "-" ? undefined : defaultCheckpointFile(manifest);
}

/** `--max-request-bytes` as the upload's option (the library checks its range). */
export function maxRequestBytesOf(value: unknown): { maxRequestBytes?: number } {
  if (value === undefined) return {};
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes)) {
    throw new UsageError(`--max-request-bytes must be a whole number of bytes, got "${String(value)}".`);
  }
  return { maxRequestBytes: bytes };
}

/** The account of an upload, for people. */
export function uploadSummary(result: UploadResult): string {
  const lines = [
    `Uploaded ${plural(result.appliedRequestLines, "line")} (${megabytes(result.appliedRequestBytes)}) in ${plural(result.requests.length, "request")}, ${(result.durationMs / 1000).toFixed(1)} s.`,
  ];
  if (result.resumedFromLine !== undefined)
    lines.push(`Resumed after line ${count(result.resumedFromLine)}.`);
  if (result.linesSkipped.length > 0)
    lines.push(`Skipped ${plural(result.linesSkipped.length, "invalid line")}.`);
  if (result.duplicatesReplaced.length > 0) {
    lines.push(
      `Left out ${plural(result.duplicatesReplaced.length, "line")} repeated later in the same request.`,
    );
  }
  const after = result.statisticsAfter;
  if (after.totalEntries !== undefined) {
    lines.push(
      `The dataset now has ${plural(after.totalEntries, "entry", "entries")} (${count(after.labeledEntries ?? 0)} labeled, ${count(after.errorEntries ?? 0)} with errors).`,
    );
  }
  return lines.join("\n");
}

/** Runs an upload with progress, and reports it; shared by `upload`. */
async function runUpload(
  context: CommandContext,
  datasetArn: string,
  manifest: string,
  flags: Record<string, unknown>,
): Promise<UploadResult> {
  const checkpointFile = checkpointFileOf(manifest, flags);
  const client = await context.datasetClient();
  const progress = await createProgressDisplay({
    enabled: context.global.progress,
    stream: context.output.stderr,
    client: client.client,
  });
  try {
    return await client.upload(datasetArn, manifestSource(manifest), {
      onInvalidLine: flags.skipInvalid === true ? "skip" : "stop",
      reportFlaggedEntries: flags.flagged === true,
      abortSignal: context.signal,
      ...maxRequestBytesOf(flags.maxRequestBytes),
      ...(checkpointFile === undefined ? {} : { checkpoint: { file: checkpointFile } }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
  } catch (error) {
    progress.stop();
    const result = (error as { result?: UploadResult }).result;
    if (result !== undefined) {
      context.output.stderr.write(
        `${invalidLinesText(error)}${resumeAdvice(context, error, result, checkpointFile)}`,
      );
    }
    throw error;
  } finally {
    progress.stop();
  }
}

export const uploadCommand: CliCommand = {
  name: "upload",
  arguments: "<dataset-arn> <manifest>",
  summary: "upload a manifest: chunked, paced, retried, waited for, resumable",
  details: [
    "The manifest is a path, or - for standard input (then no checkpoint is kept).",
    "A checkpoint is saved next to the manifest (<manifest>.checkpoint.json) before and after each request;",
    "run the same command again to resume after Ctrl-C or a failure. It is removed once the upload is done.",
  ].join("\n"),
  configure(command: Command) {
    command
      .option(
        "--skip-invalid",
        "send the valid lines and list the invalid ones (default: stop before sending any)",
      )
      .option("--checkpoint <file>", "where to keep the checkpoint (default: <manifest>.checkpoint.json)")
      .option("--no-checkpoint", "keep no checkpoint: a new run sends every line again")
      .option("--flagged", "after the upload, list the entries the service flagged with errors")
      .option(
        "--max-request-bytes <bytes>",
        "keep each request's body under this many bytes (default: 5242880)",
      );
  },
  async run(context, args, flags) {
    const [datasetArn, manifest] = args as [string, string];
    if (manifest === "-" && typeof flags.checkpoint === "string") {
      throw new UsageError(
        "--checkpoint needs a manifest file: standard input cannot be read again to resume.",
      );
    }
    const result = await runUpload(context, datasetArn, manifest, flags);
    const checkpointFile = checkpointFileOf(manifest, flags);
    // Done: a checkpoint left behind would make the next upload of an edited manifest refuse to start.
    if (checkpointFile !== undefined) await rm(checkpointFile, { force: true });
    if (context.output.format === "json") {
      writeJson(context.output, result);
    } else {
      writeText(context.output, uploadSummary(result));
      if (result.linesSkipped.length > 0)
        writeText(context.output, invalidLinesText({ invalidLines: result.linesSkipped }));
      if (result.flaggedEntries !== undefined)
        writeText(context.output, flaggedEntriesText(result.flaggedEntries));
    }
    return EXIT.ok;
  },
};
