/**
 * Every code a conversion report can carry, with its fixed severity. Codes are stable: programs may match on
 * them. A format's own reader adds rows here for what only it can meet.
 *
 * Severities: `"error"` an input item could not be converted at all (it is missing from the output);
 * `"warning"` something was lost or changed in meaning (a box dropped or clipped, two images merged);
 * `"info"` a change with no loss the output format could have kept (sub-pixel coordinates rounded, a label
 * renamed as the label map asked, an image without annotations skipped as `onImageWithoutAnnotations`
 * asked). `strict` refuses any `"error"` or `"warning"`.
 *
 * @module
 */

/** How bad one kind of issue is: see {@link CONVERSION_ISSUE_CODES}. */
export type IssueSeverity = "error" | "warning" | "info";

/** A stable code of a conversion report, e.g. `"BOX_CLIPPED"`; see {@link CONVERSION_ISSUE_CODES}. */
export type ConversionIssueCode =
  | "ZERO_AREA_BOX"
  | "INVALID_BOX"
  | "BOX_CLIPPED"
  | "BOX_OUTSIDE_IMAGE"
  | "COORDINATE_ROUNDED"
  | "BOX_TOO_SMALL"
  | "TOO_MANY_BOXES"
  | "TOO_MANY_LABELS"
  | "IMAGE_SIZE_UNKNOWN"
  | "LABEL_RENAMED"
  | "LABEL_DROPPED"
  | "INVALID_LABEL"
  | "IMAGE_WITHOUT_ANNOTATIONS"
  | "DUPLICATE_IMAGE_MERGED"
  | "DUPLICATE_SOURCE_REF"
  | "IMAGE_NOT_IN_S3"
  | "INVALID_LINE"
  | "DATE_REPLACED"
  | "CROWD_REGION_DROPPED"
  | "SEGMENTATION_ONLY"
  | "UNKNOWN_CATEGORY"
  | "UNKNOWN_IMAGE"
  | "DUPLICATE_CATEGORY_NAME"
  | "EMPTY_ROW"
  | "MULTILABEL_CONVERTED"
  | "CONFIDENCE_FILLED"
  | "DIFFICULT_DROPPED"
  | "TRUNCATED_DROPPED"
  | "UNKNOWN_CLASS_ID"
  | "IMAGE_NOT_FOUND"
  | "DIFFICULT_KEPT"
  | "TRUNCATED_KEPT"
  | "MALFORMED_OBJECT"
  | "MALFORMED_ROW"
  | "POLYGON_AS_BOX"
  | "IMAGE_IN_ROOT"
  | "LINKED_FOLDER_SKIPPED"
  | "UNREADABLE_LINE"
  | "NOT_REPRESENTABLE";

/** What one code means. */
export interface IssueCodeInfo {
  /** Its fixed severity. */
  readonly severity: IssueSeverity;
  /** What happened, in one line. */
  readonly meaning: string;
}

/**
 * Every code with its severity and a one-line meaning (the same words as docs/CONVERTERS.md).
 */
export const CONVERSION_ISSUE_CODES: Readonly<Record<ConversionIssueCode, IssueCodeInfo>> = {
  // Boxes (the shared writer).
  /** A box with no area (width or height 0 or less), before or after rounding and clipping: dropped. */
  ZERO_AREA_BOX: { severity: "warning", meaning: "A box with no area was dropped." },
  /** A box whose coordinates are not finite numbers: dropped. */
  INVALID_BOX: {
    severity: "warning",
    meaning: "A box with coordinates that are not finite numbers was dropped.",
  },
  /** A box reaching past the image's edge was cut to the image (`outOfBounds: "clip"`). */
  BOX_CLIPPED: { severity: "warning", meaning: "A box reaching past the image was clipped to it." },
  /** A box reaching past the image's edge was dropped (`outOfBounds: "drop"`), or lay wholly outside it. */
  BOX_OUTSIDE_IMAGE: { severity: "warning", meaning: "A box outside the image was dropped." },
  /** Fractional coordinates became whole pixels (`fractional: "round"` or `"expand"`). */
  COORDINATE_ROUNDED: { severity: "info", meaning: "Fractional box coordinates were made whole pixels." },
  /** A box of 1 px or less on a side once the image is scaled to 1280 px on its longest side: dropped. */
  BOX_TOO_SMALL: { severity: "warning", meaning: "A box too small for the service was dropped." },
  /** More than 50 boxes on one image: the 50 largest were kept (or the image skipped, as `tooManyBoxes` says). */
  TOO_MANY_BOXES: { severity: "warning", meaning: "An image had more than 50 boxes." },
  /** More than 50 image-level labels on one image: the first 50 were kept. */
  TOO_MANY_LABELS: { severity: "warning", meaning: "An image had more than 50 image-level labels." },
  /** Boxes but no known image size: the image was skipped. */
  IMAGE_SIZE_UNKNOWN: { severity: "error", meaning: "An image with boxes but no known size was skipped." },
  // Labels.
  /** A label renamed (or merged into another) by the label map. */
  LABEL_RENAMED: { severity: "info", meaning: "A label was renamed by the label map." },
  /** A label the label map maps to nothing: its labels and boxes were dropped. */
  LABEL_DROPPED: { severity: "info", meaning: "A label was dropped by the label map." },
  /** A label name the service cannot take (empty after trimming, or over 255 characters): dropped. */
  INVALID_LABEL: { severity: "warning", meaning: "A label the service cannot take was dropped." },
  // Images.
  /** An image with no label and no box left: skipped or kept as `onImageWithoutAnnotations` says. */
  IMAGE_WITHOUT_ANNOTATIONS: { severity: "info", meaning: "An image had no annotations." },
  /** Several input records named one image: their labels and boxes were merged into one line. */
  DUPLICATE_IMAGE_MERGED: { severity: "warning", meaning: "Records of one image were merged into one line." },
  /** An image whose `source-ref` was already written (a reader that cannot merge): the later one was dropped. */
  DUPLICATE_SOURCE_REF: {
    severity: "error",
    meaning: "A second line for an image already written was dropped.",
  },
  /** An image name that is not an `s3://` URI and no `images` prefix was given: skipped. */
  IMAGE_NOT_IN_S3: { severity: "error", meaning: "An image with no s3:// location was skipped." },
  /** A line the library's validator refuses (its own codes are in the message): skipped. */
  INVALID_LINE: { severity: "error", meaning: "A line the validator refuses was skipped." },
  /** A date that is not an ISO date-time (COCO `date_captured`, e.g. a number): the fixed or current date was used. */
  DATE_REPLACED: { severity: "info", meaning: "A creation date that was not an ISO date-time was replaced." },
  // COCO.
  /** A crowd region (`iscrowd: 1`): dropped (Custom Labels boxes one object each). */
  CROWD_REGION_DROPPED: { severity: "warning", meaning: "A COCO crowd region was dropped." },
  /** An annotation with a segmentation and no `bbox`: dropped (Custom Labels takes boxes only). */
  SEGMENTATION_ONLY: { severity: "warning", meaning: "A COCO annotation with no bbox was dropped." },
  /** An annotation whose `category_id` is not in `categories`: dropped. */
  UNKNOWN_CATEGORY: { severity: "warning", meaning: "An annotation of an unknown category was dropped." },
  /** An annotation whose `image_id` is not in `images`: dropped. */
  UNKNOWN_IMAGE: { severity: "warning", meaning: "An annotation of an unknown image was dropped." },
  /** Two COCO categories with one name: their boxes share one label. */
  DUPLICATE_CATEGORY_NAME: { severity: "info", meaning: "Two categories with one name became one label." },
  // CSV.
  /** A CSV row with an image and no label (image-level layout): the image has no label from it. */
  EMPTY_ROW: { severity: "info", meaning: "A CSV row with no label was skipped." },
  // Ground Truth.
  /** A multi-label classification attribute became one image-level attribute per label. */
  MULTILABEL_CONVERTED: {
    severity: "info",
    meaning: "A multi-label attribute became one attribute per label.",
  },
  /** A multi-label attribute's `confidence-map` had no entry for a label: confidence 1 was written. */
  CONFIDENCE_FILLED: { severity: "info", meaning: "A missing confidence was set to 1." },
  // Pascal VOC and YOLO (their readers).
  /** A VOC object marked `difficult` was dropped (`difficult: "drop"`). */
  DIFFICULT_DROPPED: { severity: "warning", meaning: "A VOC object marked difficult was dropped." },
  /** A VOC object marked `truncated` was dropped (`truncated: "drop"`). */
  TRUNCATED_DROPPED: { severity: "warning", meaning: "A VOC object marked truncated was dropped." },
  /** A YOLO class id with no name: the box was dropped. */
  UNKNOWN_CLASS_ID: { severity: "warning", meaning: "A box of a class id with no name was dropped." },
  /** A label file whose image cannot be found: skipped. */
  IMAGE_NOT_FOUND: { severity: "error", meaning: "A label file with no image was skipped." },
  /** A VOC object marked `difficult` was kept (`difficult: "keep"`, the default): counted, nothing lost. */
  DIFFICULT_KEPT: { severity: "info", meaning: "A VOC object marked difficult was kept." },
  /** A VOC object marked `truncated` was kept (`truncated: "keep"`, the default): counted, nothing lost. */
  TRUNCATED_KEPT: { severity: "info", meaning: "A VOC object marked truncated was kept." },
  /** A VOC `object` with no `name` or no numeric `bndbox` (or xmax before xmin): dropped. */
  MALFORMED_OBJECT: { severity: "warning", meaning: "A VOC object that is not a box was dropped." },
  /** A YOLO label row that is not `class cx cy w h` (nor a polygon): skipped, with its file and line. */
  MALFORMED_ROW: { severity: "warning", meaning: "A YOLO label row that is not a box was skipped." },
  /** A YOLO segmentation row (`class x1 y1 ... xn yn`): its enclosing box was written. */
  POLYGON_AS_BOX: { severity: "info", meaning: "A YOLO polygon was written as the box enclosing it." },
  // Folders.
  /** An image directly in the root folder: it has no parent folder to name its label. */
  IMAGE_IN_ROOT: { severity: "warning", meaning: "An image directly in the root folder got no label." },
  /** A symbolic link to a folder was not followed (a link can loop back to its ancestors). */
  LINKED_FOLDER_SKIPPED: { severity: "warning", meaning: "A linked folder was not followed." },
  // Exports (manifest -> format).
  /** A manifest line that is not valid JSON or has no usable `source-ref`: skipped. */
  UNREADABLE_LINE: { severity: "error", meaning: "A manifest line that cannot be read was skipped." },
  /** Something the output format cannot hold (e.g. boxes in the image-level CSV layout): left out. */
  NOT_REPRESENTABLE: {
    severity: "warning",
    meaning: "Something the output format cannot hold was left out.",
  },
};
