/**
 * The emulated S3: which images exist and their real sizes. The service checks each entry's image in S3 and
 * flags what no client-side validator can see (a missing or unreadable image, an `image_size` that is not the
 * image's); given an image catalogue, the emulator does the same.
 *
 * @module
 */

import { MAX_IMAGE_SIDE, MIN_IMAGE_SIDE } from "../limits.js";
import { METADATA_SUFFIX } from "../manifest/attribute-keys.js";
import { makeProblem, type ValidationProblem } from "../manifest/problems.js";
import { type ManifestLine, OBJECT_DETECTION_TYPE } from "../manifest/types.js";

/** An image as the emulated S3 holds it. */
export interface LocalImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * The images in the emulated S3, by `source-ref`: a map, or a function that answers for one source-ref
 * (`undefined` = no such object).
 */
export type LocalImages = ReadonlyMap<string, LocalImage> | ((sourceRef: string) => LocalImage | undefined);

function lookUp(images: LocalImages, sourceRef: string): LocalImage | undefined {
  return typeof images === "function" ? images(sourceRef) : images.get(sourceRef);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The problems the service finds when it reads a line's image: ERROR_INVALID_IMAGE when the object is
 * missing or outside the sizes the service takes, ERROR_INVALID_IMAGE_DIMENSION for each bounding-box
 * attribute whose `image_size` differs from the image's real size.
 */
export function imageProblems(line: ManifestLine, images: LocalImages): ValidationProblem[] {
  const sourceRef = line["source-ref"];
  const image = lookUp(images, sourceRef);
  if (image === undefined) {
    return [makeProblem("ERROR_INVALID_IMAGE", "source-ref", `The image ${sourceRef} does not exist in S3.`)];
  }
  const sides = [image.width, image.height];
  if (sides.some((side) => side < MIN_IMAGE_SIDE || side > MAX_IMAGE_SIDE)) {
    return [
      makeProblem(
        "ERROR_INVALID_IMAGE",
        "source-ref",
        `The image ${sourceRef} is ${image.width}x${image.height} px; each side must be ${MIN_IMAGE_SIDE}..${MAX_IMAGE_SIDE} px.`,
      ),
    ];
  }
  const problems: ValidationProblem[] = [];
  for (const key of Object.keys(line)) {
    const metadata = line[`${key}${METADATA_SUFFIX}`];
    if (!isObject(metadata) || metadata.type !== OBJECT_DETECTION_TYPE) continue;
    const value = line[key];
    const size = isObject(value) && Array.isArray(value.image_size) ? value.image_size[0] : undefined;
    if (!isObject(size)) continue; // a malformed image_size is the validator's to report
    if (size.width !== image.width || size.height !== image.height) {
      problems.push(
        makeProblem(
          "ERROR_INVALID_IMAGE_DIMENSION",
          `${key}.image_size[0]`,
          `image_size says ${String(size.width)}x${String(size.height)} px but the image is ${image.width}x${image.height} px.`,
        ),
      );
    }
  }
  return problems;
}
