/**
 * ListDatasetEntries: the stored lines, filtered and paged.
 *
 * @module
 */

import { MAX_LABEL_NAME_LENGTH, MAX_LIST_RESULTS, MIN_LABEL_NAME_LENGTH } from "../../limits.js";
import type { StoredEntry } from "../change.js";
import type { Dataset } from "../dataset.js";
import { optionalBoolean, optionalInteger, optionalString, optionalStringList } from "../request-fields.js";
import { ServiceException } from "../service-errors.js";
import { datasetArnMember, type OperationHandler } from "./context.js";

/** The service model's bounds on `ContainsLabels`. */
const MAX_CONTAINS_LABELS = 10;

/** The service model's bounds on `SourceRefContains`: 1..2048 characters, not only whitespace. */
const SOURCE_REF_CONTAINS = { min: 1, max: 2048, pattern: /\S/ } as const;

/** Refuses listing a dataset still being created: it has no entries to show yet. */
export function ensureReadable(dataset: Dataset): void {
  if (dataset.status.status === "CREATE_IN_PROGRESS") {
    throw new ServiceException(
      "ResourceNotReadyException",
      "The dataset is still being created: wait for CREATE_COMPLETE, then list it.",
    );
  }
}

/**
 * Every filter must hold: `ContainsLabels` (any one of them), `Labeled`, `SourceRefContains` (substring)
 * and `HasErrors`. The NextToken stands for the position in the stored order where the next page starts,
 * so paging through a large dataset scans it once. During an update the entries from before it are listed.
 */
export const listDatasetEntries: OperationHandler = ({ store, tokens }, body) => {
  const arn = datasetArnMember(body);
  const containsLabels = optionalStringList(
    body,
    "ContainsLabels",
    { minItems: 1, maxItems: MAX_CONTAINS_LABELS },
    { min: MIN_LABEL_NAME_LENGTH, max: MAX_LABEL_NAME_LENGTH },
  );
  const labeled = optionalBoolean(body, "Labeled");
  const sourceRefContains = optionalString(body, "SourceRefContains", SOURCE_REF_CONTAINS);
  const hasErrors = optionalBoolean(body, "HasErrors");
  const maxResults = optionalInteger(body, "MaxResults", 1, MAX_LIST_RESULTS) ?? MAX_LIST_RESULTS;
  const token = optionalString(body, "NextToken", { max: 1024 });
  const scope = JSON.stringify([
    "ListDatasetEntries",
    arn,
    containsLabels ?? null,
    labeled ?? null,
    sourceRefContains ?? null,
    hasErrors ?? null,
  ]);
  const start = token === undefined ? 0 : tokens.read(scope, token);
  const dataset = store.dataset(arn);
  ensureReadable(dataset);
  const matches = (entry: StoredEntry): boolean =>
    (labeled === undefined || entry.isLabeled === labeled) &&
    (hasErrors === undefined || entry.hasErrors === hasErrors) &&
    (sourceRefContains === undefined || entry.sourceRef.includes(sourceRefContains)) &&
    (containsLabels === undefined || containsLabels.some((label) => entry.labels.has(label)));
  const entries = dataset.entries();
  const page: string[] = [];
  let position = start;
  while (position < entries.length && page.length < maxResults) {
    const entry = entries[position]!;
    position += 1;
    if (matches(entry)) page.push(entry.text);
  }
  // Look ahead so the last page carries no token, as the service's last page does not.
  while (position < entries.length && !matches(entries[position]!)) position += 1;
  return {
    DatasetEntries: page,
    ...(position < entries.length ? { NextToken: tokens.issue(scope, position) } : {}),
  };
};
