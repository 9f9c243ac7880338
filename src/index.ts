/**
 * rekognition-datasets: build, validate and bulk-upload Amazon Rekognition Custom Labels dataset manifests.
 *
 * - The manifest model: typed lines, builders, a parser, a streaming reader and the validator.
 * - {@link DatasetClient}: describe, updateEntries, waitUntilUpdated, listEntries, listLabels and the chunked,
 *   paced, retried, resumable `upload`.
 * - Every error thrown is a {@link DatasetError}; test with {@link isDatasetError}.
 *
 * The local emulator of the dataset API lives in the separate `rekognition-datasets/local` entry point.
 *
 * @packageDocumentation
 */

export * from "./client/index.js";
export { DatasetError, isDatasetError } from "./errors/dataset-error.js";
export * from "./limits.js";
export * from "./manifest/index.js";
