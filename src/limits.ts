/**
 * The service's limits, each with the source it comes from. One module so that every stage (builders,
 * validator, chunker, emulator) enforces the same numbers.
 *
 * @module
 */

/**
 * Largest `Changes.GroundTruth` blob UpdateDatasetEntries takes, in bytes (service model: `GroundTruthBlob`,
 * max 5,242,880). The guide says "must be less than 5MB"; whether raw or base64 bytes are counted is
 * unknown, so uploads stay strictly under this in raw UTF-8 bytes by default.
 */
export const MAX_GROUND_TRUTH_BYTES = 5_242_880;

/** Longest manifest line the service reads, in characters; a longer line is dropped silently (Custom Labels guide, manifest limits). */
export const MAX_LINE_CHARACTERS = 100_000;

/** Most bounding boxes on one image (Custom Labels guide, object localization limits). */
export const MAX_BOUNDING_BOXES_PER_IMAGE = 50;

/** Most labels on one image (Custom Labels guide, image-level label limits). */
export const MAX_LABELS_PER_IMAGE = 50;

/** Most labels in one dataset (Custom Labels guide, manifest limits). */
export const MAX_LABELS_PER_DATASET = 250;

/** Fewest labels a classification dataset trains with (Custom Labels guide). */
export const MIN_LABELS_CLASSIFICATION = 2;

/** Fewest labels a detection dataset trains with (Custom Labels guide). */
export const MIN_LABELS_DETECTION = 1;

/** Shortest label name (service model `DatasetLabel`: min 1). */
export const MIN_LABEL_NAME_LENGTH = 1;

/** Longest label name. The manifest rules say 256 but the API's label shape says 255: the stricter wins. */
export const MAX_LABEL_NAME_LENGTH = 255;

/** Smallest side of an image, in pixels (Custom Labels guide, image limits). */
export const MIN_IMAGE_SIDE = 64;

/** Largest side of an image, in pixels (Custom Labels guide, image limits). */
export const MAX_IMAGE_SIDE = 4096;

/** Largest ratio of an image's longer side to its shorter side (Custom Labels guide, image limits: 20:1). */
export const MAX_IMAGE_ASPECT_RATIO = 20;

/**
 * Longest side images are scaled down to before training; a box must stay larger than 1x1 px after that
 * scaling (Custom Labels guide, bounding box limits).
 */
export const BOX_SCALE_LONGEST_SIDE = 1280;

/** Most images in one dataset, in most regions (Custom Labels guide, quotas). */
export const MAX_IMAGES_PER_DATASET = 250_000;

/** Longest dataset ARN (service model `DatasetArn`: 20..2048). */
export const MAX_DATASET_ARN_LENGTH = 2048;

/** Shortest dataset ARN (service model `DatasetArn`: 20..2048). */
export const MIN_DATASET_ARN_LENGTH = 20;

/** The service model's pattern for `DatasetArn`. */
export const DATASET_ARN_PATTERN =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/dataset\/(train|test)\/[0-9]+$/;

/** Most results one ListDatasetEntries / ListDatasetLabels page holds (service model: 1..100, default 100). */
export const MAX_LIST_RESULTS = 100;

/** Most labels one ListDatasetEntries `ContainsLabels` filter takes (service model: 1..10). */
export const MAX_CONTAINS_LABELS = 10;

/** Longest ListDatasetEntries `SourceRefContains` filter (service model: 1..2048). */
export const MAX_SOURCE_REF_CONTAINS_LENGTH = 2048;
