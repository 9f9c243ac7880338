/**
 * The shape of a Custom Labels manifest line (SageMaker Ground Truth format), as the service reads it.
 * A line is a plain JSON object: these types describe it without wrapping it, so a parsed line keeps
 * every key it had (`cl-metadata`, `errors`, attributes we do not model) and serializes back unchanged.
 *
 * @module
 */

/** `type` of an image-level label attribute's metadata. */
export const IMAGE_CLASSIFICATION_TYPE = "groundtruth/image-classification";

/** `type` of an object-localization (bounding box) attribute's metadata. */
export const OBJECT_DETECTION_TYPE = "groundtruth/object-detection";

/** SageMaker's multi-label classification type, which Custom Labels does not accept. */
export const IMAGE_CLASSIFICATION_MULTILABEL_TYPE = "groundtruth/image-classification-multilabel";

/** Whether a person made the label: `"yes"` or `"no"`. */
export type HumanAnnotated = "yes" | "no";

/** Metadata of an image-level label attribute (the `"<attribute>-metadata"` key). */
export interface ImageClassificationMetadata {
  /** Required by the format, ignored by the service; 0..1. */
  readonly confidence: number;
  /** The label. */
  readonly "class-name": string;
  /** Whether a person made the label. */
  readonly "human-annotated": HumanAnnotated;
  /** UTC ISO-8601 date-time, e.g. `2026-01-01T00:00:00.000Z`. */
  readonly "creation-date": string;
  /** Always {@link IMAGE_CLASSIFICATION_TYPE}. */
  readonly type: typeof IMAGE_CLASSIFICATION_TYPE;
  /** The labelling job's name, if any. */
  readonly "job-name"?: string;
  /** Keys the format does not define are kept as they are. */
  readonly [key: string]: unknown;
}

/** `image_size[0]` of a bounding-box attribute: the image's size in pixels. */
export interface ImageSize {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Colour channels (3 for RGB). */
  readonly depth?: number;
}

/** One bounding box: pixels from the image's top-left corner, and the id of its label in `class-map`. */
export interface BoundingBoxAnnotation {
  /** Key of the box's label in the metadata's `class-map`. */
  readonly class_id: number;
  /** Pixels from the top edge. */
  readonly top: number;
  /** Pixels from the left edge. */
  readonly left: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** The value of an object-localization attribute. */
export interface BoundingBoxValue {
  /** A one-element list with the image's size. */
  readonly image_size: readonly [ImageSize];
  /** The boxes; `objects[i]` in the metadata pairs with `annotations[i]`. */
  readonly annotations: readonly BoundingBoxAnnotation[];
  /** Keys the format does not define are kept as they are. */
  readonly [key: string]: unknown;
}

/** Metadata of an object-localization attribute. */
export interface ObjectDetectionMetadata {
  /** One entry per annotation, in the same order. */
  readonly objects: readonly {
    /** How sure the labeller was of the box, 0..1. */
    readonly confidence: number;
  }[];
  /** Label names by class id; keys are the ids as strings. */
  readonly "class-map": Readonly<Record<string, string>>;
  /** Always {@link OBJECT_DETECTION_TYPE}. */
  readonly type: typeof OBJECT_DETECTION_TYPE;
  /** Whether a person made the boxes. */
  readonly "human-annotated": HumanAnnotated;
  /** UTC ISO-8601 date-time. */
  readonly "creation-date": string;
  /** The labelling job's name, if any. */
  readonly "job-name"?: string;
  /** Keys the format does not define are kept as they are. */
  readonly [key: string]: unknown;
}

/**
 * One manifest line: one image (`source-ref`) and its label attributes, each an `"<name>"` key with a
 * sibling `"<name>-metadata"` key. Any other key is kept as it is.
 */
export interface ManifestLine {
  /** The image's S3 URI, `s3://bucket/key`; the entry's identity in a dataset. */
  readonly "source-ref": string;
  /** Label attributes, their metadata, and keys the format does not define. */
  readonly [key: string]: unknown;
}

/** A problem's weight: an `error` makes the line unusable, a `warning` does not. */
export type ProblemSeverity = "error" | "warning";
