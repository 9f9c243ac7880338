/**
 * The manifest model for every JavaScript runtime: builders, parser, validator, serializer and dataset
 * checks, with neither the AWS SDK nor a Node built-in, so that it runs in a browser or an edge runtime
 * (a labelling front end, a Lambda@Edge check). Bundlers pick it for `rekognition-datasets/manifest` under
 * the `browser` condition; Node gets the same plus the file reader, `readManifest`.
 *
 * @module
 */
export type { ManifestValidationErrorOptions } from "../errors/manifest-validation-error.js";
export { isManifestValidationError, ManifestValidationError } from "../errors/manifest-validation-error.js";
export {
  BOX_SCALE_LONGEST_SIDE,
  MAX_BOUNDING_BOXES_PER_IMAGE,
  MAX_IMAGE_ASPECT_RATIO,
  MAX_IMAGE_SIDE,
  MAX_IMAGES_PER_DATASET,
  MAX_LABEL_NAME_LENGTH,
  MAX_LABELS_PER_DATASET,
  MAX_LABELS_PER_IMAGE,
  MAX_LINE_CHARACTERS,
  MIN_IMAGE_SIDE,
  MIN_LABEL_NAME_LENGTH,
  MIN_LABELS_CLASSIFICATION,
  MIN_LABELS_DETECTION,
} from "../limits.js";
export { AttributeNamer, attributeNameProblem, slugifyAttributeName } from "./builders/attribute-names.js";
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
export { hasErrorProblems, isSilentlyDropped, SILENTLY_DROPPED_CODES } from "./problems.js";
export { toJsonLine, utf8ByteLength } from "./serialize.js";
export type { S3Location } from "./source-ref.js";
export { parseSourceRef } from "./source-ref.js";
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
export { isCreationDate } from "./validate/creation-date.js";
export { validateLine } from "./validate.js";
