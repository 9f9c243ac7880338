/**
 * The operations the emulator implements, by the name that follows `RekognitionService.` in
 * `X-Amz-Target`.
 *
 * @module
 */

import type { OperationHandler } from "./context.js";
import { createDataset, deleteDataset, describeDataset } from "./datasets.js";
import { listDatasetEntries } from "./list-dataset-entries.js";
import { listDatasetLabels } from "./list-dataset-labels.js";
import { createProject, deleteProject, describeProjects } from "./projects.js";
import { updateDatasetEntries } from "./update-dataset-entries.js";

/** Every implemented operation; any other name gets UnknownOperationException. */
export const OPERATIONS: ReadonlyMap<string, OperationHandler> = new Map<OperationName, OperationHandler>([
  ["CreateProject", createProject],
  ["DescribeProjects", describeProjects],
  ["DeleteProject", deleteProject],
  ["CreateDataset", createDataset],
  ["DescribeDataset", describeDataset],
  ["DeleteDataset", deleteDataset],
  ["UpdateDatasetEntries", updateDatasetEntries],
  ["ListDatasetEntries", listDatasetEntries],
  ["ListDatasetLabels", listDatasetLabels],
]);

/** The names of the implemented operations. */
export type OperationName =
  | "CreateProject"
  | "DescribeProjects"
  | "DeleteProject"
  | "CreateDataset"
  | "DescribeDataset"
  | "DeleteDataset"
  | "UpdateDatasetEntries"
  | "ListDatasetEntries"
  | "ListDatasetLabels";
