/**
 * UpdateDatasetEntries: accepts a change at once and applies it when its processing time has passed.
 *
 * @module
 */

import { processChange } from "../change.js";
import { optionalStructure, requiredBlob } from "../request-fields.js";
import { countedPayloadBytes } from "../service-behaviour.js";
import { invalidParameter, resourceInUse, ServiceException } from "../service-errors.js";
import { datasetArnMember, type OperationHandler } from "./context.js";

const MEGABYTE = 1_048_576;

/**
 * Checks the ARN and the `GroundTruth` size (1 byte up to the configured limit, counted as `payloadLimit`
 * says, refused with the `oversizeError` exception), refuses a dataset that is busy with
 * ResourceInUseException (or, under `concurrentUpdate: "queue"`, queues the update behind the running one),
 * reads the change, and starts the update: it shows `UPDATE_IN_PROGRESS` for
 * `baseMs + perMegabyteMs x MB`, then applies every entry at once (or nothing, when a fault makes it fail).
 */
export const updateDatasetEntries: OperationHandler = ({ store, now, options, faults }, body) => {
  const arn = datasetArnMember(body);
  const changes = optionalStructure(body, "Changes");
  if (changes === undefined) throw invalidParameter("Changes is required.");
  const groundTruth = requiredBlob(changes, "GroundTruth");
  if (groundTruth.byteLength < 1) throw invalidParameter("Changes.GroundTruth must not be empty.");
  const counted = countedPayloadBytes(groundTruth.byteLength, options.payloadLimit);
  if (counted > options.maxGroundTruthBytes) {
    const form = options.payloadLimit === "raw" ? "" : " in base64";
    throw new ServiceException(
      options.oversizeError,
      `Changes.GroundTruth is ${counted} bytes${form}, over the limit of ${options.maxGroundTruthBytes}: split the entries over several updates.`,
    );
  }
  const dataset = store.dataset(arn);
  const queue = options.concurrentUpdate === "queue" && dataset.status.status === "UPDATE_IN_PROGRESS";
  if (dataset.busy && !queue) {
    throw resourceInUse(
      `The dataset is ${dataset.status.status}: wait for it to finish, then send the update again.`,
    );
  }
  const change = processChange(groundTruth, options.images, options.repeatedSourceRef, options.lineRules);
  const failure = faults.decideUpdateFailure();
  const { baseMs, perMegabyteMs } = options.processing;
  const durationMs = baseMs + Math.round((perMegabyteMs * groundTruth.byteLength) / MEGABYTE);
  if (queue) dataset.queueUpdate(durationMs, change.entries, failure);
  else dataset.startUpdate(now, now + durationMs, change.entries, failure);
  return {};
};
