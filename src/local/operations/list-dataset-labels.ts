/**
 * ListDatasetLabels: each label with its entry and bounding-box counts, sorted by name, paged.
 *
 * @module
 */

import { MAX_LIST_RESULTS } from "../../limits.js";
import { optionalInteger, optionalString } from "../request-fields.js";
import { datasetArnMember, type OperationHandler } from "./context.js";
import { ensureReadable } from "./list-dataset-entries.js";

/** Lists the labels of the stored entries. */
export const listDatasetLabels: OperationHandler = ({ store, tokens }, body) => {
  const arn = datasetArnMember(body);
  const maxResults = optionalInteger(body, "MaxResults", 1, MAX_LIST_RESULTS) ?? MAX_LIST_RESULTS;
  const token = optionalString(body, "NextToken", { max: 1024 });
  const scope = JSON.stringify(["ListDatasetLabels", arn]);
  const offset = token === undefined ? 0 : tokens.read(scope, token);
  const dataset = store.dataset(arn);
  ensureReadable(dataset);
  const labels = [...dataset.labels];
  const page = labels.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    DatasetLabelDescriptions: page.map(([name, stats]) => ({
      LabelName: name,
      LabelStats: { EntryCount: stats.entryCount, BoundingBoxCount: stats.boundingBoxCount },
    })),
    ...(next < labels.length ? { NextToken: tokens.issue(scope, next) } : {}),
  };
};
