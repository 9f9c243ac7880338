/**
 * A realistic, reproducible sample dataset built with the library's builders: photos of store shelves, each
 * with one or two image-level scene labels and, on most images, bounding boxes around products.
 *
 * Everything comes from a seeded generator, so the same options always give the same lines (the demo's
 * output and the end-to-end tests depend on that).
 *
 * @module
 */
// In your code: `from "rekognition-datasets"`.
import {
  type BoxInput,
  combineLines,
  imageLabels,
  type ManifestLine,
  objectLocalization,
} from "../../src/index.js";

/** Image-level labels: where the photo was taken. */
export const SCENE_LABELS: readonly string[] = ["Aisle", "Checkout", "Storefront", "Warehouse", "Cold room"];

/** Object labels: the products the boxes point at. */
export const PRODUCT_LABELS: readonly string[] = [
  "Cereal box",
  "Milk carton",
  "Soda can",
  "Water bottle",
  "Coffee bag",
  "Pasta pack",
  "Olive oil",
  "Tomato can",
  "Detergent",
  "Toothpaste",
];

/**
 * One class id per product for the whole dataset, so that a product has the same id on every image (as a
 * labelling job's output would).
 */
const PRODUCT_IDS: Readonly<Record<string, number>> = Object.fromEntries(
  PRODUCT_LABELS.map((label, index) => [label, index]),
);

/** Camera resolutions the sample's photos come in. */
const IMAGE_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 960 },
  { width: 4032, height: 3024 },
  { width: 800, height: 600 },
] as const;

/** Options of {@link sampleLines}. */
export interface SampleOptions {
  /** How many images (lines) to make. */
  readonly images: number;
  /**
   * Seed of the generator: the same seed gives the same lines.
   * @defaultValue 7
   */
  readonly seed?: number;
  /**
   * The S3 bucket every image is in (a dataset's images must share one bucket).
   * @defaultValue "demo-shelf-photos"
   */
  readonly bucket?: string;
  /**
   * Most product boxes on one image.
   * @defaultValue 4
   */
  readonly maxBoxes?: number;
  /**
   * The labelling job's name, written on every label.
   * @defaultValue "shelf-audit-2026-11"
   */
  readonly jobName?: string;
  /**
   * `creation-date` of every label; fixed so that the sample is the same on every run.
   * @defaultValue "2026-11-01T09:30:00.000Z"
   */
  readonly creationDate?: string;
}

/** A small, fast, seeded generator of numbers in [0, 1) (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [min, max], both included. */
function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A product box well inside an image of the given size, and big enough to survive the service's scaling. */
function productBox(random: () => number, width: number, height: number): BoxInput {
  const boxWidth = between(random, Math.round(width / 20), Math.round(width / 4));
  const boxHeight = between(random, Math.round(height / 15), Math.round(height / 3));
  return {
    label: pick(random, PRODUCT_LABELS),
    left: between(random, 0, width - boxWidth),
    top: between(random, 0, height - boxHeight),
    width: boxWidth,
    height: boxHeight,
  };
}

/**
 * The sample, one valid line per image, in a fixed order: image `n` is
 * `s3://<bucket>/shelves/store-<s>/img-<n>.jpg`. About one image in six has no boxes (image-level labels
 * only); the others carry 1..`maxBoxes` product boxes as well.
 *
 * @param options - how many images, the seed, the bucket and the label provenance.
 */
export function* sampleLines(options: SampleOptions): Generator<ManifestLine> {
  const random = seededRandom(options.seed ?? 7);
  const bucket = options.bucket ?? "demo-shelf-photos";
  const maxBoxes = options.maxBoxes ?? 4;
  const provenance = {
    jobName: options.jobName ?? "shelf-audit-2026-11",
    creationDate: options.creationDate ?? "2026-11-01T09:30:00.000Z",
  };
  for (let n = 1; n <= options.images; n++) {
    const store = String(between(random, 1, 40)).padStart(3, "0");
    const sourceRef = `s3://${bucket}/shelves/store-${store}/img-${String(n).padStart(6, "0")}.jpg`;
    const scene = pick(random, SCENE_LABELS);
    const labels = random() < 0.3 ? [scene, pick(random, SCENE_LABELS)] : [scene];
    const labelled = imageLabels({ sourceRef, labels, ...provenance });
    if (random() < 1 / 6) {
      yield labelled;
      continue;
    }
    const size = pick(random, IMAGE_SIZES);
    const boxes = Array.from({ length: between(random, 1, maxBoxes) }, () =>
      productBox(random, size.width, size.height),
    );
    const boxed = objectLocalization({
      sourceRef,
      imageSize: { ...size, depth: 3 },
      boxes,
      classIds: PRODUCT_IDS,
      ...provenance,
    });
    yield combineLines(labelled, boxed);
  }
}

/**
 * {@link sampleLines} as an array.
 *
 * @param options - how many images, the seed, the bucket and the label provenance.
 */
export function buildSample(options: SampleOptions): ManifestLine[] {
  return [...sampleLines(options)];
}
