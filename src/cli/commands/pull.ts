/**
 * `pull <dataset-arn> [-o <file>]`: every entry of the dataset written as a manifest (`pullDataset`), to a
 * file (written atomically) or to stdout.
 *
 * @module
 */
import type { Command } from "commander";
import type { ListEntriesFilters } from "../../client/types.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { megabytes, note, plural, writeJson, writeText } from "../output.js";
import { UsageError } from "../usage-error.js";

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The ListDatasetEntries filters the flags ask for. */
export function filtersFrom(flags: Record<string, unknown>): ListEntriesFilters {
  const labels = flags.label as string[] | undefined;
  const filters: { -readonly [K in keyof ListEntriesFilters]: ListEntriesFilters[K] } = {};
  if (labels !== undefined) filters.containsLabels = labels;
  if (flags.hasErrors === true) filters.hasErrors = true;
  if (flags.labeled === true && flags.unlabeled === true) {
    throw new UsageError("--labeled and --unlabeled contradict each other.");
  }
  if (flags.labeled === true) filters.labeled = true;
  if (flags.unlabeled === true) filters.labeled = false;
  if (typeof flags.sourceRefContains === "string") filters.sourceRefContains = flags.sourceRefContains;
  return filters;
}

export const pullCommand: CliCommand = {
  name: "pull",
  arguments: "<dataset-arn>",
  summary: "write a dataset's entries to a manifest file (or stdout)",
  details:
    "Entries keep the keys the service adds (cl-metadata, error lists). With -o the file is replaced only once every entry is in.",
  configure(command: Command) {
    command
      .option("-o, --output-file <file>", "the manifest file to write, atomically (default: standard output)")
      .option("--label <name>", "only entries with this label (repeatable: any of them)", collect)
      .option("--has-errors", "only entries the service flagged with errors")
      .option("--labeled", "only labeled entries")
      .option("--unlabeled", "only unlabeled entries")
      .option("--source-ref-contains <text>", "only entries whose source-ref contains this text");
  },
  async run(context, args, flags) {
    const [datasetArn] = args as [string];
    const file = flags.outputFile as string | undefined;
    if (file === undefined && context.output.format === "json") {
      throw new UsageError(
        "--output json needs -o <file>: without it, stdout carries the manifest itself.",
        "Pass -o <file>, or leave out --output json.",
      );
    }
    const filters = filtersFrom(flags);
    const [{ pullDataset }, client] = await Promise.all([
      import("../../dataset-sync/pull.js"),
      context.datasetClient(),
    ]);
    const result = await pullDataset(client, datasetArn, {
      ...(file === undefined ? { stream: context.output.stdout } : { file }),
      filters,
      abortSignal: context.signal,
    });
    const summary = `Pulled ${plural(result.entries, "entry", "entries")} (${megabytes(result.bytes)}, ${result.entriesWithErrors} with errors)${file === undefined ? "" : ` to ${file}`}.`;
    if (context.output.format === "json") writeJson(context.output, result);
    else if (file === undefined) note(context.output, summary);
    else writeText(context.output, summary);
    return EXIT.ok;
  },
};
