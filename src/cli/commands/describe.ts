/**
 * `describe <dataset-arn>`: the dataset's status, message and statistics (`DatasetClient.describe`), or with
 * `--wait` the same once its current operation is over (`DatasetClient.waitUntilUpdated`).
 *
 * @module
 */
import type { Command } from "commander";
import type { DatasetDescription } from "../../client/types.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { count, paint, table, writeJson, writeText } from "../output.js";
import { maxWaitOf } from "./max-wait.js";

/** The description as a two-column table. */
export function descriptionText(description: DatasetDescription, color: boolean): string {
  const statistics = description.statistics;
  const status = description.status ?? "(unknown)";
  const style = status.endsWith("FAILED") ? "red" : status.endsWith("IN_PROGRESS") ? "yellow" : "green";
  const rows: string[][] = [
    ["dataset", description.datasetArn],
    ["status", paint(color, style, status)],
  ];
  if (description.statusMessageCode !== undefined) rows.push(["message code", description.statusMessageCode]);
  if (description.statusMessage !== undefined) rows.push(["message", description.statusMessage]);
  if (description.creationTimestamp !== undefined)
    rows.push(["created", description.creationTimestamp.toISOString()]);
  if (description.lastUpdatedTimestamp !== undefined) {
    rows.push(["last updated", description.lastUpdatedTimestamp.toISOString()]);
  }
  const figure = (value: number | undefined) => (value === undefined ? "-" : count(value));
  rows.push(
    ["entries", figure(statistics.totalEntries)],
    ["labeled entries", figure(statistics.labeledEntries)],
    ["entries with errors", figure(statistics.errorEntries)],
    ["labels", figure(statistics.totalLabels)],
  );
  return table(rows);
}

export const describeCommand: CliCommand = {
  name: "describe",
  arguments: "<dataset-arn>",
  summary: "show a dataset's status, status message and statistics",
  details:
    "With --wait, waits until the dataset's current update is over: exit 0 when it completed, 1 when it failed (the message says why).",
  configure(command: Command) {
    command
      .option("--wait", "wait until the dataset's current operation is over")
      .option("--max-wait <seconds>", "give up waiting after this long (default: 3600)");
  },
  async run(context, args, flags) {
    const [datasetArn] = args as [string];
    const maxWaitTime = maxWaitOf(flags.maxWait);
    const client = await context.datasetClient();
    const description =
      flags.wait === true
        ? await client.waitUntilUpdated(datasetArn, {
            abortSignal: context.signal,
            ...(maxWaitTime === undefined ? {} : { maxWaitTime }),
          })
        : await client.describe(datasetArn, { abortSignal: context.signal });
    if (context.output.format === "json") writeJson(context.output, description);
    else writeText(context.output, descriptionText(description, context.output.color));
    return EXIT.ok;
  },
};
