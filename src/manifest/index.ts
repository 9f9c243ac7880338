/**
 * The manifest model (`rekognition-datasets/manifest`): typed lines, builders, parser, validator,
 * serializer, dataset checks and the streaming file reader. Nothing here needs the AWS SDK; everything but
 * the file reader also runs outside Node (see `browser.ts`, which bundlers pick for browsers).
 *
 * @module rekognition-datasets/manifest
 */

export type { ManifestReadErrorDetails, ManifestReadFailure } from "../errors/manifest-read-error.js";
export { isManifestReadError, ManifestReadError } from "../errors/manifest-read-error.js";
export * from "./browser.js";
export type { ManifestRecord, ManifestSource, ReadManifestOptions } from "./reader.js";
export { readManifest } from "./reader.js";
