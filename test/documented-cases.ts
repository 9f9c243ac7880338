/**
 * Lines whose fate AWS's documentation states, each with what the documentation says and the page that
 * says it. The validator (test/manifest/documented-cases.test.ts) and the emulator, through its HTTP API
 * with the real SDK (test/local/documented-cases.test.ts), are both tested against this table, each on its
 * own: a misreading the two share shows here, where it would not in an end-to-end test.
 *
 * Written from the documentation, never from the library's output: `codes` are the codes the page names
 * for the line (the service may add others), `hasErrors` whether any of them is an error, and `listed`
 * whether the image can be an entry at all (a line with no usable `source-ref` names no image).
 */

/** The Custom Labels developer guide's pages cited below. */
export const PAGES = {
  errors: "https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/tm-debugging-json-line-errors.html",
  imageLevel:
    "https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/md-create-manifest-file-classification.html",
  objectLocalization:
    "https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/md-create-manifest-file-object-detection.html",
} as const;

/** One documented case. */
export interface DocumentedCase {
  /** What the line is. */
  readonly name: string;
  /** The line (every image in one bucket, each its own key). */
  readonly line: Record<string, unknown>;
  /** What the documentation says the service does with it, in short. */
  readonly documented: string;
  /** The page that says it. */
  readonly page: string;
  /** The problem codes the page names for this line; empty for a valid line. */
  readonly codes: readonly string[];
  /** Whether the service flags the entry with an error (warnings do not count). */
  readonly hasErrors: boolean;
  /** Whether the line can become an entry: false when it names no image. */
  readonly listed: boolean;
}

const BUCKET = "custom-labels-bucket";

/** A line as the cases change it. */
// biome-ignore lint/suspicious/noExplicitAny: the cases break lines in every way the pages describe.
type Loose = Record<string, any>;

/** The object localization sample of "Object localization in manifest files", for image `key`. */
function echoDots(key: string): Loose {
  return {
    "source-ref": `s3://${BUCKET}/images/${key}`,
    "bounding-box": {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: [
        { class_id: 1, top: 251, left: 399, width: 155, height: 101 },
        { class_id: 0, top: 65, left: 86, width: 220, height: 334 },
      ],
    },
    "bounding-box-metadata": {
      objects: [{ confidence: 1 }, { confidence: 1 }],
      "class-map": { "0": "Echo", "1": "Echo Dot" },
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": "2013-11-18T02:53:27",
      "job-name": "my job",
    },
  };
}

/** The image-level sample of "Image-Level labels in manifest files", for image `key`. */
function sunrise(key: string): Loose {
  return {
    "source-ref": `s3://${BUCKET}/images/${key}`,
    "testdataset-classification_Sunrise": 1,
    "testdataset-classification_Sunrise-metadata": {
      confidence: 1,
      "job-name": "labeling-job/testdataset-classification_Sunrise",
      "class-name": "Sunrise",
      "human-annotated": "yes",
      "creation-date": "2020-03-06T17:46:39.176",
      type: "groundtruth/image-classification",
    },
  };
}

function changed(line: Loose, change: (line: Loose) => void): Loose {
  change(line);
  return line;
}

export const DOCUMENTED_CASES: readonly DocumentedCase[] = [
  {
    name: "an image-level label, as the guide writes it",
    line: sunrise("valid-image-level.png"),
    documented: "The guide's own JSON line for an image-level label: a valid, labelled entry.",
    page: PAGES.imageLevel,
    codes: [],
    hasErrors: false,
    listed: true,
  },
  {
    name: "two image-level labels on one image",
    line: changed(sunrise("valid-two-labels.png"), (line) => {
      line.sport1 = 1;
      line["sport1-metadata"] = {
        ...line["testdataset-classification_Sunrise-metadata"],
        "class-name": "ball",
        confidence: 0.8,
      };
    }),
    documented: "Adding multiple image-level labels to an image: one attribute per label.",
    page: PAGES.imageLevel,
    codes: [],
    hasErrors: false,
    listed: true,
  },
  {
    name: "object localization, as the guide writes it",
    line: echoDots("valid-boxes.png"),
    documented: "The guide's own bounding-box JSON line: a valid, labelled entry.",
    page: PAGES.objectLocalization,
    codes: [],
    hasErrors: false,
    listed: true,
  },
  {
    name: "no source-ref",
    line: changed(echoDots("no-source-ref.png"), (line) => {
      delete line["source-ref"];
    }),
    documented: "ERROR_MISSING_SOURCE_REF: the source-ref key is missing; the line names no image.",
    page: PAGES.errors,
    codes: ["ERROR_MISSING_SOURCE_REF"],
    hasErrors: true,
    listed: false,
  },
  {
    name: "a source-ref that is not an S3 URI",
    line: changed(echoDots("https-source-ref.png"), (line) => {
      line["source-ref"] = `https://${BUCKET}/images/https-source-ref.png`;
    }),
    documented: "ERROR_INVALID_SOURCE_REF_FORMAT: e.g. the path is https://.... instead of S3://....",
    page: PAGES.errors,
    codes: ["ERROR_INVALID_SOURCE_REF_FORMAT"],
    hasErrors: true,
    listed: false,
  },
  {
    name: "a bounding-box attribute without its -metadata",
    line: changed(echoDots("no-metadata.png"), (line) => {
      delete line["bounding-box-metadata"];
    }),
    documented:
      "ERROR_NO_LABEL_ATTRIBUTES occurs whenever the bounding-box or bounding-box-metadata key (or both) is missing.",
    page: PAGES.errors,
    codes: ["ERROR_NO_LABEL_ATTRIBUTES"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a bounding-box-metadata without its attribute",
    line: changed(echoDots("no-attribute.png"), (line) => {
      delete line["bounding-box"];
    }),
    documented:
      "ERROR_NO_LABEL_ATTRIBUTES occurs whenever the bounding-box or bounding-box-metadata key (or both) is missing.",
    page: PAGES.errors,
    codes: ["ERROR_NO_LABEL_ATTRIBUTES"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a box past the image's right edge",
    line: changed(echoDots("off-frame.png"), (line) => {
      line["bounding-box"].annotations[0].left = 500; // 500 + 155 > 640
    }),
    documented: "ERROR_INVALID_BOUNDING_BOX: the bounding box has off frame values.",
    page: PAGES.errors,
    codes: ["ERROR_INVALID_BOUNDING_BOX"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a box with a negative value",
    line: changed(echoDots("negative-box.png"), (line) => {
      line["bounding-box"].annotations[1].left = -4;
    }),
    documented: "ERROR_INVALID_BOUNDING_BOX: a box that is off the image frame or contains negative values.",
    page: PAGES.errors,
    codes: ["ERROR_INVALID_BOUNDING_BOX"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "51 boxes on one image",
    line: changed(echoDots("too-many-boxes.png"), (line) => {
      line["bounding-box"].annotations = Array.from({ length: 51 }, (_, i) => ({
        class_id: i % 2,
        top: 10 + (i % 10) * 40,
        left: 10 + Math.floor(i / 10) * 100,
        width: 20,
        height: 20,
      }));
      line["bounding-box-metadata"].objects = Array.from({ length: 51 }, () => ({ confidence: 1 }));
    }),
    documented: "ERROR_TOO_MANY_BOUNDING_BOXES: there are more bounding boxes than the allowed limit (50).",
    page: PAGES.errors,
    codes: ["ERROR_TOO_MANY_BOUNDING_BOXES"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a box of 1x1 px",
    line: changed(echoDots("tiny-box.png"), (line) => {
      Object.assign(line["bounding-box"].annotations[0], { width: 1, height: 1 });
    }),
    documented: "ERROR_BOUNDING_BOX_TOO_SMALL: the box's height and width must be greater than 1 x 1 pixels.",
    page: PAGES.errors,
    codes: ["ERROR_BOUNDING_BOX_TOO_SMALL"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a class_id missing from the class map",
    line: changed(echoDots("missing-class.png"), (line) => {
      line["bounding-box"].annotations[0].class_id = 7;
    }),
    documented: "ERROR_MISSING_CLASS_MAP_ID: a class_id has no matching entry in the class-map.",
    page: PAGES.errors,
    codes: ["ERROR_MISSING_CLASS_MAP_ID"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a box without its confidence",
    line: changed(echoDots("no-confidence.png"), (line) => {
      line["bounding-box-metadata"].objects = [{ confidence: 1 }];
    }),
    documented:
      "ERROR_MISSING_BOUNDING_BOX_CONFIDENCE: the confidence key is missing for one or more bounding boxes.",
    page: PAGES.errors,
    codes: ["ERROR_MISSING_BOUNDING_BOX_CONFIDENCE"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "an image 32 px wide",
    line: changed(echoDots("narrow-image.png"), (line) => {
      line["bounding-box"].image_size[0].width = 32;
    }),
    documented: "ERROR_INVALID_IMAGE_DIMENSION: the minimum dimension is 64 pixels, the maximum 4096.",
    page: PAGES.errors,
    codes: ["ERROR_INVALID_IMAGE_DIMENSION"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a label name of 300 characters",
    line: changed(sunrise("long-label.png"), (line) => {
      line["testdataset-classification_Sunrise-metadata"]["class-name"] = "x".repeat(300);
    }),
    documented: "ERROR_INVALID_LABEL_NAME_LENGTH: the length of a label name is too long (at most 256).",
    page: PAGES.errors,
    codes: ["ERROR_INVALID_LABEL_NAME_LENGTH"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "the type of the guide's example, groundtruth/wrongtype",
    line: changed(echoDots("wrong-type.png"), (line) => {
      line["bounding-box-metadata"].type = "groundtruth/wrongtype";
    }),
    documented:
      "ERROR_UNSUPPORTED_USE_CASE_TYPE on the metadata, and ERROR_NO_VALID_LABEL_ATTRIBUTES on the line.",
    page: PAGES.errors,
    codes: ["ERROR_UNSUPPORTED_USE_CASE_TYPE", "ERROR_NO_VALID_LABEL_ATTRIBUTES"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "SageMaker's multi-label classification type",
    line: changed(sunrise("multilabel.png"), (line) => {
      line["testdataset-classification_Sunrise"] = [0];
      line["testdataset-classification_Sunrise-metadata"].type =
        "groundtruth/image-classification-multilabel";
    }),
    documented:
      "ERROR_UNSUPPORTED_USE_CASE_TYPE: the type is not groundtruth/image-classification or groundtruth/object-detection.",
    page: PAGES.errors,
    codes: ["ERROR_UNSUPPORTED_USE_CASE_TYPE"],
    hasErrors: true,
    listed: true,
  },
  {
    name: "a human-annotated box attribute with no boxes",
    line: changed(echoDots("no-boxes.png"), (line) => {
      line["bounding-box"].annotations = [];
      line["bounding-box-metadata"].objects = [];
      line["bounding-box-metadata"]["class-map"] = {};
    }),
    documented:
      "WARNING_NO_ANNOTATIONS and WARNING_NO_ATTRIBUTE_ANNOTATIONS: the line is valid, but isn't used for training.",
    page: PAGES.errors,
    codes: ["WARNING_NO_ANNOTATIONS", "WARNING_NO_ATTRIBUTE_ANNOTATIONS"],
    hasErrors: false,
    listed: true,
  },
];
