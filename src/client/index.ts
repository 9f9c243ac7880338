/**
 * The dataset client: describe, updateEntries, waitUntilUpdated, upload, listEntries and listLabels, paced
 * and retried, with typed errors; and the bulk upload's public types and errors.
 *
 * @module
 */
export type { DatasetBusyErrorDetails } from "../errors/dataset-busy-error.js";
export { DatasetBusyError, isDatasetBusyError } from "../errors/dataset-busy-error.js";
export type { DatasetErrorName, DatasetErrorsByName } from "../errors/dataset-error.js";
export type {
  DatasetUnavailableErrorDetails,
  DatasetUnavailableReason,
} from "../errors/dataset-unavailable-error.js";
export { DatasetUnavailableError, isDatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
export type { InvalidDatasetArnErrorDetails } from "../errors/invalid-dataset-arn-error.js";
export { InvalidDatasetArnError, isInvalidDatasetArnError } from "../errors/invalid-dataset-arn-error.js";
export type { InvalidOptionsErrorDetails } from "../errors/invalid-options-error.js";
export { InvalidOptionsError, isInvalidOptionsError } from "../errors/invalid-options-error.js";
export { isManifestChangedError, ManifestChangedError } from "../errors/manifest-changed-error.js";
export type { OperationAbortedErrorDetails } from "../errors/operation-aborted-error.js";
export { isOperationAbortedError, OperationAbortedError } from "../errors/operation-aborted-error.js";
export type { PayloadTooLargeErrorDetails } from "../errors/payload-too-large-error.js";
export { isPayloadTooLargeError, PayloadTooLargeError } from "../errors/payload-too-large-error.js";
export type { RequestFailedErrorDetails } from "../errors/request-failed-error.js";
export { isRequestFailedError, RequestFailedError } from "../errors/request-failed-error.js";
export type { UpdateFailedErrorDetails } from "../errors/update-failed-error.js";
export { isUpdateFailedError, UpdateFailedError } from "../errors/update-failed-error.js";
export type { WaitTimeoutErrorDetails } from "../errors/wait-timeout-error.js";
export { isWaitTimeoutError, WaitTimeoutError } from "../errors/wait-timeout-error.js";
export { assertDatasetArn, isDatasetArn } from "./arn.js";
export type {
  AbortOptions,
  DatasetClientCommonOptions,
  DatasetClientOptions,
  DatasetClientWithClient,
  DatasetClientWithConfig,
  UpdateEntriesOptions,
  UpdateEntriesResult,
} from "./dataset-client.js";
export { DatasetClient } from "./dataset-client.js";
export type { ThrottleOptions } from "./pacing.js";
export type { EntryChanges } from "./payload.js";
export type { RetryOptions } from "./retry.js";
export { DEFAULT_RETRY_OPTIONS } from "./retry.js";
export type {
  DatasetDescription,
  DatasetLabel,
  DatasetStatistics,
  DatasetStatus,
  DatasetStatusMessageCode,
  ListEntriesFilters,
  UpdateBaseline,
  WaitOptions,
} from "./types.js";
export * from "./upload/index.js";
export type { WaitUntilUpdatedOptions } from "./waiter.js";
export { DEFAULT_WAIT_OPTIONS } from "./waiter.js";
