/**
 * What `upload` and `sync` say besides their result: the invalid lines, the entries the service flagged,
 * and, when an upload stopped, what is applied and how to resume.
 *
 * @module
 */

import type { FlaggedEntry, UploadResult } from "../../client/upload/types.js";
import type { InvalidLine } from "../../errors/invalid-lines-error.js";
import type { CommandContext } from "../command.js";
import { oneLine } from "../errors-to-messages.js";
import { count, plural, table } from "../output.js";

/** Most invalid lines or flagged entries listed on a terminal; JSON output lists them all. */
const MAX_LISTED = 20;

/** The invalid lines an error or a result carries, one per row; `""` when there are none. */
export function invalidLinesText(source: unknown): string {
  const lines = (source as { invalidLines?: readonly InvalidLine[] }).invalidLines;
  if (lines === undefined || lines.length === 0) return "";
  const total = (source as { invalidLineCount?: number }).invalidLineCount ?? lines.length;
  const rows = lines.slice(0, MAX_LISTED).map((line) => {
    const first = line.problems[0];
    return [
      `line ${line.lineNumber}`,
      line.codes.join(","),
      first === undefined ? "" : oneLine(`${first.path === "" ? "" : `${first.path}: `}${first.message}`),
    ];
  });
  const more =
    total > rows.length ? `\n... and ${count(total - rows.length)} more (--output json lists them all)` : "";
  return `${plural(total, "invalid line")}:\n${table(rows)}${more}\n`;
}

/** The entries the service flagged, with their problems. */
export function flaggedEntriesText(entries: readonly FlaggedEntry[]): string {
  if (entries.length === 0) return "The service flagged no entry.";
  const rows = entries
    .slice(0, MAX_LISTED)
    .map((entry) => [
      entry.sourceRef ?? "(no source-ref)",
      entry.problems.map((problem) => problem.code).join(","),
    ]);
  const more = entries.length > rows.length ? `\n... and ${count(entries.length - rows.length)} more` : "";
  return `The service flagged ${plural(entries.length, "entry", "entries")}:\n${table(rows)}${more}`;
}

/** `arg` quoted for a POSIX shell when it needs to be. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * What is applied, and how to go on, after an upload stopped with `error` (whose `result` is `result`).
 *
 * @param context - for the program's name.
 * @param error - the upload's error.
 * @param result - its partial result.
 * @param checkpointFile - the checkpoint kept, if any.
 * @param command - `upload` or `sync`: a sync is resumed by running it again, without a checkpoint.
 */
export function resumeAdvice(
  context: CommandContext,
  error: unknown,
  result: UploadResult,
  checkpointFile: string | undefined,
  command: "upload" | "sync" = "upload",
): string {
  const name = (error as { name?: unknown }).name;
  if (
    result.inputLinesDone === 0 &&
    result.requests.length === 0 &&
    result.unconfirmedRequest === undefined
  ) {
    return "Nothing was sent.\n";
  }
  const done = `${plural(result.inputLinesDone, "input line")} done (through line ${count(result.lastLineDone)})`;
  const unconfirmed =
    result.unconfirmedRequest === undefined
      ? ""
      : ` A request (lines ${result.unconfirmedRequest.firstLine}-${result.unconfirmedRequest.lastLine}) was sent but not seen to finish; the next run asks the dataset whether it was applied.`;
  const again = [context.programName, ...context.argv].map(shellQuote).join(" ");
  const stopped = name === "UploadAbortedError" ? "Interrupted" : "Stopped";
  if (command === "sync") {
    return `${stopped}: ${done}.${unconfirmed} Run the sync again to send what still differs:\n  ${again}\n`;
  }
  if (checkpointFile === undefined) {
    return `${stopped}: ${done}. No checkpoint was kept, so a new run sends every line again (an update replaces entries with the same source-ref, so that is safe, only slower).\n`;
  }
  return `${stopped}: ${done}.${unconfirmed} The checkpoint is kept in ${checkpointFile}; to resume, run:\n  ${again}\n`;
}
