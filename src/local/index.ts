/**
 * `rekognition-datasets/local`: a local emulator of the Rekognition Custom Labels dataset API, for tests
 * and demos without an AWS account. It sits beside the library: the library never imports it.
 *
 * @module rekognition-datasets/local
 */

export type { DatasetStatistics } from "../client/types.js";
export type { RepeatedSourceRefRule } from "./change.js";
export type { DatasetStatus, DatasetType } from "./dataset.js";
export type { FaultOptions, RequestFaults, UpdateFailureCode } from "./faults.js";
export type { LocalImage, LocalImages } from "./images.js";
export type {
  LocalCreateDatasetOptions,
  LocalCredentials,
  LocalDatasetHandle,
  LocalDatasetSummary,
  LocalRekognition,
} from "./local-rekognition.js";
export { startLocalRekognition } from "./local-rekognition.js";
export type { LocalRekognitionOptions, ProcessingOptions } from "./options.js";
export type {
  ConcurrentUpdateRule,
  LineRule,
  OversizeErrorName,
  PayloadLimitRule,
} from "./service-behaviour.js";
