/**
 * rekognition-datasets: build, validate and bulk-upload Amazon Rekognition Custom Labels dataset manifests.
 *
 * - The manifest model: typed lines, builders, a parser, a streaming reader and the validator.
 * - {@link DatasetClient}: describe, updateEntries, waitUntilUpdated, listEntries, listLabels and the chunked,
 *   paced, retried, resumable `upload`.
 * - Every failure of a request, an upload or the data is a {@link DatasetError} subclass; test with
 *   {@link isDatasetError}. Options a call cannot use fail at once, before anything is sent, with a
 *   `TypeError` naming the option (an upload's, with `InvalidUploadOptionsError`).
 *
 * The local emulator of the dataset API lives in the separate `rekognition-datasets/local` entry point.
 *
 * @module rekognition-datasets
 */

export * from "./client/index.js";
export { DatasetError, isDatasetError } from "./errors/dataset-error.js";
export * from "./limits.js";
export * from "./manifest/index.js";
