/**
 * rekognition-datasets: build, validate and bulk-upload Amazon Rekognition Custom Labels dataset manifests.
 *
 * - The manifest model: typed lines, builders, a parser, a streaming reader and the validator.
 * - {@link DatasetClient}: describe, updateEntries, waitUntilUpdated, listEntries, listLabels and the chunked,
 *   paced, retried, resumable `upload`.
 * - Pull, diff and sync: {@link pullDataset}, {@link diffDataset}, {@link diffManifests}, {@link syncDataset}.
 * - Every failure of a request, an upload or the data is a {@link DatasetError} subclass; test with
 *   {@link isDatasetError}. Options a call cannot use (a bad value, `null`, an unknown or misspelt key) fail
 *   at once, before anything is read or sent, with {@link InvalidOptionsError} naming the option's path.
 *
 * The local emulator of the dataset API lives in the separate `rekognition-datasets/local` entry point.
 *
 * @module rekognition-datasets
 */

export * from "./client/index.js";
export * from "./dataset-sync/index.js";
export { DatasetError, isDatasetError } from "./errors/dataset-error.js";
/** The request size limit an upload packs under; the manifest limits come with the manifest model. */
export { MAX_GROUND_TRUTH_BYTES } from "./limits.js";
export * from "./manifest/index.js";
export * from "./probe/index.js";
