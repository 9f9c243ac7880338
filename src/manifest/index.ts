/**
 * The manifest model: typed lines, their validation, serialization and parsing.
 *
 * @module rekognition-datasets/manifest
 */
export type { ManifestReadErrorDetails, ManifestReadFailure } from "../errors/manifest-read-error.js";
export { isManifestReadError, ManifestReadError } from "../errors/manifest-read-error.js";
export type { ManifestValidationErrorOptions } from "../errors/manifest-validation-error.js";
export { isManifestValidationError, ManifestValidationError } from "../errors/manifest-validation-error.js";
export { AttributeNamer, attributeNameProblem, slugify } from "./builders/attribute-names.js";
export { combineLines } from "./builders/combine.js";
export type { BuilderOptions, LabelProvenance } from "./builders/common.js";
export type { ImageLabel, ImageLabelsInput } from "./builders/image-labels.js";
export { imageLabels } from "./builders/image-labels.js";
export { fromMultiLabel } from "./builders/multilabel.js";
export type { BoxInput, ObjectLocalizationInput } from "./builders/object-localization.js";
export { DEFAULT_BOX_ATTRIBUTE, objectLocalization } from "./builders/object-localization.js";
export type {
  CheckableRecord,
  DatasetCheckerOptions,
  DatasetCheckReport,
  DatasetCheckSummary,
  DatasetKind,
  DuplicateSourceRefProblem,
} from "./dataset-checks.js";
export { checkManifest, DatasetChecker } from "./dataset-checks.js";
export type { ParsedManifestLine } from "./parse.js";
export { parseManifestLine } from "./parse.js";
export type {
  OurProblemCode,
  ProblemCode,
  ServiceDatasetProblemCode,
  ServiceLineProblemCode,
  ValidationProblem,
} from "./problems.js";
export { hasErrors, isSilentlyDropped, SILENTLY_DROPPED_CODES } from "./problems.js";
export type { ManifestRecord, ManifestSource, ReadManifestOptions } from "./reader.js";
export { readManifest } from "./reader.js";
export { toJsonLine, utf8ByteLength } from "./serialize.js";
export type {
  BoundingBoxAnnotation,
  BoundingBoxValue,
  HumanAnnotated,
  ImageClassificationMetadata,
  ImageSize,
  ManifestLine,
  ObjectDetectionMetadata,
  ProblemSeverity,
} from "./types.js";
export {
  IMAGE_CLASSIFICATION_MULTILABEL_TYPE,
  IMAGE_CLASSIFICATION_TYPE,
  OBJECT_DETECTION_TYPE,
} from "./types.js";
export type { S3Location } from "./validate.js";
export {
  isCreationDate,
  METADATA_SUFFIX,
  parseSourceRef,
  RESERVED_KEYS,
  sourceRefBucket,
  validateLine,
} from "./validate.js";
