/**
 * UpdateDatasetEntries: accepts a change at once and applies it when its processing time has passed.
 *
 * @module
 */

import { processChange } from "../change.js";
import { optionalStructure, requiredBlob } from "../request-fields.js";
import { invalidParameter, resourceInUse } from "../service-errors.js";
import { datasetArnMember, type OperationHandler } from "./context.js";

const MEGABYTE = 1_048_576;

/**
 * Checks the ARN and the `GroundTruth` size (1 byte up to the configured limit, decoded), refuses a
 * dataset that is busy with ResourceInUseException, reads the change, and starts the update: it shows
 * `UPDATE_IN_PROGRESS` for `baseMs + perMegabyteMs x MB`, then applies every entry at once (or nothing,
 * when a fault makes it fail).
 */
export const updateDatasetEntries: OperationHandler = ({ store, now, options, faults }, body) => {
  const arn = datasetArnMember(body);
  const changes = optionalStructure(body, "Changes");
  if (changes === undefined) throw invalidParameter("Changes is required.");
  const groundTruth = requiredBlob(changes, "GroundTruth");
  if (groundTruth.byteLength < 1) throw invalidParameter("Changes.GroundTruth must not be empty.");
  if (groundTruth.byteLength > options.maxGroundTruthBytes) {
    throw invalidParameter(
      `Changes.GroundTruth is ${groundTruth.byteLength} bytes, over the limit of ${options.maxGroundTruthBytes}: split the entries over several updates.`,
    );
  }
  const dataset = store.dataset(arn);
  if (dataset.busy) {
    throw resourceInUse(
      `The dataset is ${dataset.status.status}: wait for it to finish, then send the update again.`,
    );
  }
  const change = processChange(groundTruth, options.images, options.repeatedSourceRef);
  const failure = faults.decideUpdateFailure();
  const { baseMs, perMegabyteMs } = options.processing;
  const completesAt = now + baseMs + Math.round((perMegabyteMs * groundTruth.byteLength) / MEGABYTE);
  dataset.startUpdate(now, completesAt, change.entries, failure);
  return {};
};
