/**
 * The shapes every converter shares: the common options, and the plug-in shape of a format's reader (an
 * async iterable of {@link ConversionItem}s fed to the one shared writer).
 *
 * @module
 */
import type { ManifestLine } from "../manifest/types.js";
import type { IssueCollector, IssueItem } from "./report.js";

/** Where the output goes and whether to write at all: what converters and exports share. */
export interface OutputOptions {
  /**
   * A file path (written to a temporary file next to it and renamed into place only when the run succeeds,
   * so a failed run never leaves a half-written file under that name), or a writable stream (lines are
   * written as they are made; with `strict`, they are held in a temporary file until the run succeeds; the
   * stream is not ended, so `process.stdout` can be given). Required unless `dryRun`.
   */
  readonly output?: string | NodeJS.WritableStream;
  /** Read and convert everything and return the report, but write nothing. @defaultValue false */
  readonly dryRun?: boolean;
  /**
   * Refuse any loss: when the report has an issue of severity `"error"` or `"warning"`, write nothing and
   * throw a `ConversionError` carrying the report. @defaultValue false
   */
  readonly strict?: boolean;
  /** Stops the run: it rejects with the signal's reason and writes nothing. */
  readonly abortSignal?: AbortSignal;
}

/** A label map: labels renamed (`"kitty": "cat"`), merged (two names to one) or dropped (`null`). */
export type LabelMapInput =
  | Readonly<Record<string, string | null>>
  | ReadonlyMap<string, string | null>
  /** A file: a JSON object as above, or a two-column CSV `from,to` (an empty `to` drops the label). */
  | string;

/** What to do with an image that has no label and no box once every rule has run. */
export type ImageWithoutAnnotationsRule = "skip" | "keep";
/** What to do with a box reaching past the image's edge. */
export type OutOfBoundsRule = "clip" | "drop";
/** How fractional box coordinates become whole pixels. */
export type FractionalRule = "round" | "expand";
/** What to do with an image with more than 50 boxes. */
export type TooManyBoxesRule = "keep-largest" | "skip-image";

/** Options of every converter into a manifest. */
export interface ConvertOptions extends OutputOptions {
  /**
   * Where the images are in S3: a prefix `s3://bucket/` or `s3://bucket/folder/` to which each image's file
   * name is appended byte for byte (nothing is percent-encoded, trimmed or normalized; a missing final `/`
   * is added), or a function from the file name to the full `s3://` URI (encode there if you need to).
   * Names that already are `s3://` URIs are kept as they are.
   *
   * @defaultValue none: every name must already be an `s3://` URI
   */
  readonly images?: string | ((name: string) => string);
  /** Rename, merge or drop labels: an object, a Map, or a JSON or two-column CSV file. @defaultValue none */
  readonly labelMap?: LabelMapInput;
  /**
   * An image left with no label and no box: `"skip"` leaves it out; `"keep"` writes it with an empty box
   * list when its size is known (the service reads it as an image with none of the labels).
   *
   * @defaultValue "skip"
   */
  readonly onImageWithoutAnnotations?: ImageWithoutAnnotationsRule;
  /** A box reaching past the image: `"clip"` cuts it to the image; `"drop"` leaves it out. @defaultValue "clip" */
  readonly outOfBounds?: OutOfBoundsRule;
  /**
   * Fractional coordinates: `"round"` rounds each edge to the nearest pixel; `"expand"` moves each edge
   * outward to a whole pixel, so the box never loses any of the object.
   *
   * @defaultValue "round"
   */
  readonly fractional?: FractionalRule;
  /**
   * More than 50 boxes on an image (the service's limit): `"keep-largest"` keeps the 50 largest by area (ties
   * in input order); `"skip-image"` leaves the image out.
   *
   * @defaultValue "keep-largest"
   */
  readonly tooManyBoxes?: TooManyBoxesRule;
  /**
   * The `creation-date` of labels whose input has no usable date.
   *
   * @defaultValue the time of the run
   */
  readonly creationDate?: Date | string;
  /** The `job-name` written in every label's metadata. @defaultValue none (the key is left out) */
  readonly jobName?: string;
  /** The object-localization attribute's key. @defaultValue `"bounding-box"` */
  readonly boxAttribute?: string;
}

/** One box as a reader found it, in pixels from the top-left corner (fractions allowed). */
export interface ConvertedBox {
  /** The label, as in the input (the label map is applied by the writer). */
  readonly label: string;
  /** Pixels from the left edge. */
  readonly left: number;
  /** Pixels from the top edge. */
  readonly top: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** How sure the labeller was, 0..1. @defaultValue 1 */
  readonly confidence?: number;
  /** Where the box came from, for the report. @defaultValue the image's item */
  readonly item?: IssueItem;
}

/** One image as a reader found it: what the shared writer turns into a manifest line. */
export interface ConvertedImage {
  /** Marks an image (the default when absent). */
  readonly kind?: "image";
  /** The image's file name (relative, mapped through `images`) or its `s3://` URI. */
  readonly image: string;
  /** Where the image came from, for the report. */
  readonly item?: IssueItem;
  /** Width in pixels: needed when there are boxes. */
  readonly width?: number;
  /** Height in pixels: needed when there are boxes. */
  readonly height?: number;
  /** Colour channels, written when given. */
  readonly depth?: number;
  /** Image-level labels. */
  readonly labels?: readonly string[];
  /** Boxes. */
  readonly boxes?: readonly ConvertedBox[];
  /** The input's date for the labels; used when it is a UTC ISO-8601 date-time, replaced otherwise. */
  readonly creationDate?: unknown;
}

/** A ready manifest line a reader passes through (Ground Truth output): validated, then written. */
export interface PassThroughLine {
  /** Marks a ready line. */
  readonly kind: "line";
  /** The line. */
  readonly line: ManifestLine;
  /** Where it came from. */
  readonly item?: IssueItem;
}

/** What a format's reader yields. */
export type ConversionItem = ConvertedImage | PassThroughLine;

/** What the shared writer gives a format's reader. */
export interface ReaderContext {
  /** Report issues only the format can see here; add each input record read to `itemsIn`. */
  readonly report: IssueCollector;
  /**
   * The label map, reporting each rename and drop. The writer applies it to every `ConvertedImage`; call it
   * only for the labels of ready lines (`PassThroughLine`).
   */
  readonly mapLabel: (label: string, item: IssueItem) => string | null;
  /** The run's abort signal. */
  readonly abortSignal: AbortSignal | undefined;
}

/**
 * A format's reader: given the context, an async iterable of images (or ready lines). It throws a
 * `ConversionInputError` for input it cannot read at all, and reports what it drops through
 * `context.report`.
 */
export type FormatReader = (context: ReaderContext) => AsyncIterable<ConversionItem>;
