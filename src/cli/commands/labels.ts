/**
 * `labels <dataset-arn>`: every label of the dataset with its entry and box counts
 * (`DatasetClient.listLabels`).
 *
 * @module
 */
import type { DatasetLabel } from "../../client/types.js";
import type { CliCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { count, plural, table, writeJson, writeText } from "../output.js";

export const labelsCommand: CliCommand = {
  name: "labels",
  arguments: "<dataset-arn>",
  summary: "list a dataset's labels with their entry and box counts",
  async run(context, args) {
    const [datasetArn] = args as [string];
    const client = await context.datasetClient();
    const labels: DatasetLabel[] = [];
    for await (const label of client.listLabels(datasetArn, { abortSignal: context.signal }))
      labels.push(label);
    if (context.output.format === "json") {
      writeJson(context.output, { datasetArn, labels });
      return EXIT.ok;
    }
    const figure = (value: number | undefined) => (value === undefined ? "-" : count(value));
    if (labels.length > 0) {
      writeText(
        context.output,
        table([
          ["LABEL", "ENTRIES", "BOXES"],
          ...labels.map((label) => [label.name, figure(label.entryCount), figure(label.boundingBoxCount)]),
        ]),
      );
    }
    writeText(context.output, `${plural(labels.length, "label")}.`);
    return EXIT.ok;
  },
};
