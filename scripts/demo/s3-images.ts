/**
 * The emulated S3 bucket behind the sample: every image exists at the size its line declares, except a few
 * that were deleted after labelling and a few re-exported at another size. No client-side check can see
 * either: the service finds them when it reads the images, and flags the entries (ERROR_INVALID_IMAGE,
 * ERROR_INVALID_IMAGE_DIMENSION). The emulator does the same when given this catalogue.
 *
 * @module
 */
import type { ManifestLine } from "../../src/index.js";
import type { LocalImage, LocalImages } from "../../src/local/index.js";

/** Size of an image whose line declares none (image-level labels only): any size the service takes. */
const UNDECLARED_SIZE: LocalImage = { width: 1920, height: 1080 };

/** An image the emulated S3 holds differently from what its line says. */
export interface ImageSurprise {
  /** The image. */
  readonly sourceRef: string;
  /** What happened to it. */
  readonly description: string;
  /** The code the service flags its entry with. */
  readonly expectedCode: "ERROR_INVALID_IMAGE" | "ERROR_INVALID_IMAGE_DIMENSION";
}

/** The emulated bucket: the catalogue to give the emulator, and what differs from the manifest. */
export interface SimulatedBucket {
  /** Pass as the emulator's `images` option. */
  readonly images: LocalImages;
  /** The images that are not as their lines say, in sample order. */
  readonly surprises: readonly ImageSurprise[];
}

/** The size a line declares in its first bounding-box attribute, if any. */
function declaredSize(line: ManifestLine): LocalImage | undefined {
  for (const value of Object.values(line)) {
    const size = (value as { image_size?: { width?: unknown; height?: unknown }[] } | null)?.image_size?.[0];
    if (typeof size?.width === "number" && typeof size.height === "number") {
      return { width: size.width, height: size.height };
    }
  }
  return undefined;
}

/**
 * The bucket for a sample: `missing` images deleted and `resized` images re-exported at half their size,
 * spread evenly over the valid lines.
 *
 * @param lines - the sample's lines (broken ones, given as text, are passed over).
 * @param missing - how many images to delete.
 * @param resized - how many images with boxes to re-export at another size.
 */
export function simulatedBucket(
  lines: readonly (ManifestLine | string)[],
  missing = 3,
  resized = 2,
): SimulatedBucket {
  const valid = lines.filter((line): line is ManifestLine => typeof line !== "string");
  const sizes = new Map<string, LocalImage>();
  for (const line of valid) sizes.set(line["source-ref"], declaredSize(line) ?? UNDECLARED_SIZE);

  const surprises: ImageSurprise[] = [];
  const gone = new Set<string>();
  const changed = new Map<string, LocalImage>();
  // Alternate the two kinds, then spread them evenly over the sample, starting a little into it.
  const kinds: ("missing" | "resized")[] = [];
  for (let i = 0; i < Math.max(missing, resized); i++) {
    if (i < missing) kinds.push("missing");
    if (i < resized) kinds.push("resized");
  }
  kinds.forEach((kind, k) => {
    for (let at = Math.floor(((k + 0.5) * valid.length) / kinds.length); at < valid.length; at++) {
      const line = valid[at]!;
      const ref = line["source-ref"];
      if (gone.has(ref) || changed.has(ref)) continue;
      if (kind === "missing") {
        gone.add(ref);
        surprises.push({
          sourceRef: ref,
          description: "deleted from the bucket after it was labelled",
          expectedCode: "ERROR_INVALID_IMAGE",
        });
        return;
      }
      // A resized image must declare a size to disagree with.
      const size = declaredSize(line);
      if (size === undefined) continue;
      changed.set(ref, { width: Math.round(size.width / 2), height: Math.round(size.height / 2) });
      surprises.push({
        sourceRef: ref,
        description: "re-exported at half its size after it was labelled",
        expectedCode: "ERROR_INVALID_IMAGE_DIMENSION",
      });
      return;
    }
  });

  return {
    images: (sourceRef) =>
      gone.has(sourceRef) ? undefined : (changed.get(sourceRef) ?? sizes.get(sourceRef)),
    surprises,
  };
}
