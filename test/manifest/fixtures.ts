/**
 * Lines shared by the manifest tests: an image-level label line and an object localization line as the
 * Custom Labels guide writes them ("Importing image-level labels in manifest files", "Object localization in
 * manifest files"), and helpers to vary them.
 */
import type { ManifestLine } from "../../src/manifest/types.js";

/** A line as the tests mutate it: any key, any nesting. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are broken on purpose in every possible way.
export type Loose = Record<string, any>;

/** An image-level label line, in the form of the guide's sample. */
export const CLASSIFICATION_SAMPLE_TEXT =
  '{"source-ref":"s3://b/img/1.jpg","sunrise":1,"sunrise-metadata":{"confidence":1,"class-name":"Sunrise","human-annotated":"yes","creation-date":"2026-01-01T00:00:00.000","type":"groundtruth/image-classification","job-name":"my-job"}}';

/** The guide's object localization sample line, with one of its two boxes. */
export const DETECTION_SAMPLE_TEXT =
  '{"source-ref":"s3://b/img/2.png","bounding-box":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":1,"top":251,"left":399,"width":155,"height":101}]},"bounding-box-metadata":{"objects":[{"confidence":1}],"class-map":{"1":"Echo Dot"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2013-11-18T02:53:27","job-name":"my job"}}';

/** A fresh, mutable copy of the classification sample. */
export function classificationLine(): Loose {
  return JSON.parse(CLASSIFICATION_SAMPLE_TEXT);
}

/** A fresh, mutable copy of the detection sample. */
export function detectionLine(): Loose {
  return JSON.parse(DETECTION_SAMPLE_TEXT);
}

/** Narrow a mutable fixture to the line type. */
export function asLine(value: Record<string, unknown>): ManifestLine {
  return value as ManifestLine;
}
