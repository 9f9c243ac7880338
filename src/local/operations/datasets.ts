/**
 * CreateDataset, DescribeDataset and DeleteDataset.
 *
 * @module
 */

import type { StoredEntry } from "../change.js";
import type { DatasetType } from "../dataset.js";
import { optionalEnum, optionalStructure } from "../request-fields.js";
import { invalidParameter, resourceInUse, ServiceException } from "../service-errors.js";
import { datasetArnMember, epochSeconds, type OperationHandler, projectArnMember } from "./context.js";

/**
 * CreateDataset: an empty dataset, or a copy of another dataset's entries (`DatasetSource.DatasetArn`).
 * `DatasetSource.GroundTruthManifest` is refused with InvalidParameterException: the emulator has no S3.
 * A project holds one dataset of each type; a second is ResourceAlreadyExistsException.
 */
export const createDataset: OperationHandler = ({ store, now, options }, body) => {
  const projectArn = projectArnMember(body);
  const type = optionalEnum<DatasetType>(body, "DatasetType", ["TRAIN", "TEST"]);
  if (type === undefined) throw invalidParameter("DatasetType is required.");
  const source = optionalStructure(body, "DatasetSource");
  let copyFrom: string | undefined;
  if (source !== undefined) {
    if (source.GroundTruthManifest !== undefined && source.GroundTruthManifest !== null) {
      throw invalidParameter(
        "DatasetSource.GroundTruthManifest is not supported by the local emulator (it has no S3): create an empty dataset and add entries with UpdateDatasetEntries.",
      );
    }
    if (source.DatasetArn !== undefined && source.DatasetArn !== null) {
      copyFrom = datasetArnMember(source, "DatasetArn");
    }
  }
  const project = store.project(projectArn);
  if (project.datasets.has(type)) {
    throw new ServiceException(
      "ResourceAlreadyExistsException",
      `The project already has a ${type} dataset: delete it first, or update it with UpdateDatasetEntries.`,
    );
  }
  let entries: readonly StoredEntry[] = [];
  if (copyFrom !== undefined) {
    const original = store.dataset(copyFrom);
    if (original.busy) {
      throw resourceInUse(
        `Dataset ${copyFrom} is ${original.status.status}: wait for it to finish, then retry.`,
      );
    }
    entries = original.entries();
  }
  const dataset = store.createDataset(project, type, now, options.processing.createMs, entries);
  return { DatasetArn: dataset.arn };
};

/**
 * DescribeDataset: the last operation's status and the entries' statistics. Inside the stale-status fault
 * window it still shows the status from before the latest update.
 */
export const describeDataset: OperationHandler = ({ store, now, faults }, body) => {
  const dataset = store.dataset(datasetArnMember(body));
  const status = dataset.visibleStatus(now, faults.staleStatusMs);
  const stats = dataset.statistics;
  return {
    DatasetDescription: {
      CreationTimestamp: epochSeconds(dataset.createdAt),
      LastUpdatedTimestamp: epochSeconds(status.lastUpdatedAt),
      Status: status.status,
      StatusMessage: status.statusMessage,
      StatusMessageCode: status.statusMessageCode,
      DatasetStats: {
        LabeledEntries: stats.labeledEntries,
        TotalEntries: stats.totalEntries,
        TotalLabels: stats.totalLabels,
        ErrorEntries: stats.errorEntries,
      },
    },
  };
};

/**
 * DeleteDataset: removes the dataset at once (the service shows `DELETE_IN_PROGRESS` for a while; the
 * emulator skips that). A dataset being created or updated is ResourceInUseException.
 */
export const deleteDataset: OperationHandler = ({ store }, body) => {
  const dataset = store.dataset(datasetArnMember(body));
  if (dataset.busy) {
    throw resourceInUse(`The dataset is ${dataset.status.status}: wait for it to finish, then delete it.`);
  }
  store.deleteDataset(dataset);
  return {};
};
