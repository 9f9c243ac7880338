import { describe, expect, it } from "vitest";
import { readEntryProblems, readFlaggedEntry } from "../../src/client/upload/flagged-entries.js";

/** An object-localization entry as ListDatasetEntries returns it (as the ListDatasetEntries API reference describes it), with problems at every level. */
const boxesEntry = JSON.stringify({
  "source-ref": "s3://b/img/2.png",
  "bounding-box": {
    image_size: [{ width: 640, height: 480, depth: 3 }],
    annotations: [
      { class_id: 1, top: 251, left: 399, width: 155, height: 101 },
      {
        class_id: 2,
        top: 0,
        left: 0,
        width: 0,
        height: 0,
        errors: [{ code: "ERROR_BOUNDING_BOX_TOO_SMALL", message: "The bounding box is too small." }],
      },
    ],
    errors: [{ code: "ERROR_INVALID_BOUNDING_BOX", message: "Bad box." }],
  },
  "bounding-box-metadata": {
    objects: [{ confidence: 1 }, { confidence: 1 }],
    "class-map": { "1": "Echo Dot" },
    type: "groundtruth/object-detection",
    "human-annotated": "yes",
    "creation-date": "2013-11-18T02:53:27",
    "job-name": "my job",
    errors: [{ code: "ERROR_MISSING_CLASS_MAP_ID", message: "class_id 2 is not in the class-map." }],
  },
  "cl-metadata": { is_labeled: true },
  "cl-errors": [{ code: "ERROR_INVALID_IMAGE", message: "The image cannot be read." }],
});

/** An image-level label entry with a warning, the guide's `warnings` key. */
const labelEntry = JSON.stringify({
  "source-ref": "s3://b/img/1.jpg",
  sunrise: 1,
  "sunrise-metadata": {
    confidence: 1,
    "class-name": "Sunrise",
    "human-annotated": "yes",
    "creation-date": "2026-01-01T00:00:00.000",
    type: "groundtruth/image-classification",
    "job-name": "my-job",
    warnings: [{ code: "WARNING_NO_ATTRIBUTE_ANNOTATIONS", message: "No annotations." }],
  },
  errors: [{ code: "ERROR_NO_VALID_LABEL_ATTRIBUTES", message: "No valid label attribute." }],
});

describe("readEntryProblems", () => {
  it("collects errors, cl-errors and warnings at the image, attribute, metadata and annotation levels", () => {
    expect(readEntryProblems(boxesEntry)).toEqual([
      {
        code: "ERROR_BOUNDING_BOX_TOO_SMALL",
        message: "The bounding box is too small.",
        path: "bounding-box.annotations[1]",
        severity: "error",
      },
      { code: "ERROR_INVALID_BOUNDING_BOX", message: "Bad box.", path: "bounding-box", severity: "error" },
      {
        code: "ERROR_MISSING_CLASS_MAP_ID",
        message: "class_id 2 is not in the class-map.",
        path: "bounding-box-metadata",
        severity: "error",
      },
      { code: "ERROR_INVALID_IMAGE", message: "The image cannot be read.", path: "", severity: "error" },
    ]);
  });

  it("marks problems from warnings lists as warnings", () => {
    expect(readEntryProblems(labelEntry)).toEqual([
      {
        code: "WARNING_NO_ATTRIBUTE_ANNOTATIONS",
        message: "No annotations.",
        path: "sunrise-metadata",
        severity: "warning",
      },
      {
        code: "ERROR_NO_VALID_LABEL_ATTRIBUTES",
        message: "No valid label attribute.",
        path: "",
        severity: "error",
      },
    ]);
  });

  it("returns nothing for a clean entry, the guide's sample lines included", () => {
    const clean = JSON.parse(labelEntry) as Record<string, unknown>;
    delete clean.errors;
    delete (clean["sunrise-metadata"] as Record<string, unknown>).warnings;
    expect(readEntryProblems(JSON.stringify(clean))).toEqual([]);
  });

  it("reads bare code strings and a single problem object too", () => {
    const entry = JSON.stringify({
      "source-ref": "s3://b/x.jpg",
      errors: ["ERROR_INVALID_IMAGE_DIMENSION"],
      warnings: { code: "WARNING_UNANNOTATED_RECORD", message: "Unlabelled." },
    });
    expect(readEntryProblems(entry)).toEqual([
      { code: "ERROR_INVALID_IMAGE_DIMENSION", message: "", path: "", severity: "error" },
      { code: "WARNING_UNANNOTATED_RECORD", message: "Unlabelled.", path: "", severity: "warning" },
    ]);
  });

  it("never throws on an entry that is not a JSON object", () => {
    for (const text of ["", "not json", "[1,2]", "42", "null"]) {
      expect(readEntryProblems(text)).toEqual([
        expect.objectContaining({ code: "UNREADABLE_ENTRY", path: "" }),
      ]);
    }
  });
});

describe("readFlaggedEntry", () => {
  it("names the entry by its source-ref", () => {
    const flagged = readFlaggedEntry(boxesEntry);
    expect(flagged.sourceRef).toBe("s3://b/img/2.png");
    expect(flagged.problems).toHaveLength(4);
  });

  it("leaves the source-ref out when the entry has none", () => {
    expect(readFlaggedEntry("{}")).toEqual({ problems: [] });
  });
});
