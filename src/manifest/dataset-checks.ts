/**
 * Checks that need more than one line: duplicate images, one S3 bucket, and the dataset's label count.
 *
 * @module
 */

import { MAX_LABELS_PER_DATASET, MIN_LABELS_CLASSIFICATION, MIN_LABELS_DETECTION } from "../limits.js";
import { lineLabels } from "./labels.js";
import { hasErrorProblems, makeProblem, type ValidationProblem } from "./problems.js";
import { parseSourceRef } from "./source-ref.js";
import type { ManifestLine } from "./types.js";
import { validateLineAt } from "./validate.js";

/** What a dataset's model does, which sets its minimum number of labels. */
export type DatasetKind = "classification" | "detection";

/** A `DUPLICATE_SOURCE_REF` problem: it also carries the line where the image first appeared. */
export interface DuplicateSourceRefProblem extends ValidationProblem {
  /** Always `"DUPLICATE_SOURCE_REF"`. */
  readonly code: "DUPLICATE_SOURCE_REF";
  /** The 1-based line number where the same `source-ref` appeared first. */
  readonly firstLineNumber: number;
}

/** Options of {@link DatasetChecker}. */
export interface DatasetCheckerOptions {
  /**
   * The dataset's kind, for the minimum label count (2 for classification, 1 for detection).
   *
   * @defaultValue guessed from the lines: `"detection"` when any bounding-box attribute is seen, otherwise
   * `"classification"`
   */
  readonly kind?: DatasetKind;
  /**
   * The bucket every image must be in (e.g. the bucket of the images already in the dataset).
   *
   * @defaultValue the bucket of the first line that has no error of its own (the first line an upload
   * would send)
   */
  readonly bucket?: string;
}

/**
 * What {@link DatasetChecker.finish} and {@link checkManifest} report about a manifest: the dataset-level
 * problems, the per-line problems, and counts.
 */
export interface DatasetCheckReport {
  /**
   * Dataset-level problems: `ERROR_MANIFEST_TOO_MANY_LABELS` (over 250 labels), `ERROR_MANIFEST_TOO_FEW_LABELS`
   * (a warning: under 2 for classification, under 1 for detection; the dataset may already hold others) and
   * `ERROR_EMPTY_MANIFEST` (a warning: no line at all).
   */
  readonly problems: readonly ValidationProblem[];
  /**
   * Per-line problems, in line order. From {@link DatasetChecker.finish}: those of the dataset checks
   * (`DUPLICATE_SOURCE_REF`, `ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS`). From {@link checkManifest}: also each
   * record's own problems, before its dataset problems.
   */
  readonly lineProblems: readonly ValidationProblem[];
  /** Records checked (every non-blank line, parseable or not). */
  readonly lines: number;
  /** Distinct `source-ref` values seen. */
  readonly images: number;
  /** Distinct label names seen (class names, and class-map labels used by a box). */
  readonly labels: number;
  /** The distinct label names, sorted. */
  readonly labelNames: readonly string[];
  /** Distinct S3 buckets of the lines with no error of their own (the lines an upload would send). */
  readonly buckets: number;
  /** Those buckets, in order of first appearance (the dataset's first). */
  readonly bucketNames: readonly string[];
  /** The kind used for the minimum label count: given in the options, or guessed from the lines. */
  readonly kind: DatasetKind;
}

/**
 * What {@link DatasetChecker.check} needs of a record: a line number, the line when it parsed, and its
 * own problems when known.
 */
export interface CheckableRecord {
  /** The 1-based line number. */
  readonly lineNumber: number;
  /** The parsed line; absent when the text was not a JSON object. */
  readonly line?: ManifestLine;
  /**
   * The line's own problems (as `parseManifestLine` and `readManifest` give them), which decide whether it
   * takes part in the one-bucket rule.
   *
   * @defaultValue the line is validated here
   */
  readonly problems?: readonly ValidationProblem[];
}

/**
 * The rule that all of a dataset's images are in one S3 bucket (Custom Labels guide, "Validation rules for
 * manifest files": "Images in a dataset must be from same bucket"). Only lines with no error of their own
 * take part, since only they can be sent: the first of them (or the bucket given) sets the dataset's
 * bucket, and each later one elsewhere is an error. The upload and {@link DatasetChecker} both apply it
 * through this class, so they flag the same lines. Constant memory but for the names of the buckets seen,
 * so an upload of any size can apply it line by line.
 *
 * @internal
 */
export class OneBucketRule {
  #bucket: string | undefined;
  readonly #names: string[] = [];

  /** @param bucket - the dataset's bucket, when known; otherwise the first sendable line's. */
  constructor(bucket?: string) {
    this.#bucket = bucket;
    if (bucket !== undefined) this.#names.push(bucket);
  }

  /** Every bucket seen, the dataset's first. */
  get names(): readonly string[] {
    return this.#names;
  }

  /**
   * `ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS` when a line with no error of its own has its image in another
   * bucket than the dataset's; `undefined` otherwise. A line with an error (including a `source-ref` with no
   * bucket to read) neither sets the bucket nor is checked against it.
   *
   * @param sourceRef - the line's `source-ref`.
   * @param problems - the line's own problems.
   * @param lineNumber - the line's number, for the problem.
   */
  check(
    sourceRef: unknown,
    problems: readonly ValidationProblem[],
    lineNumber: number,
  ): ValidationProblem | undefined {
    if (hasErrorProblems(problems)) return undefined;
    const bucket = parseSourceRef(sourceRef)?.bucket;
    if (bucket === undefined) return undefined;
    if (this.#bucket === undefined) {
      this.#bucket = bucket;
      this.#names.push(bucket);
      return undefined;
    }
    if (bucket === this.#bucket) return undefined;
    if (!this.#names.includes(bucket)) this.#names.push(bucket);
    return makeProblem(
      "ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS",
      "source-ref",
      `The image is in bucket "${bucket}" but the dataset's images are in "${this.#bucket}"; a dataset's images must all be in one S3 bucket.`,
      "error",
      lineNumber,
    );
  }
}

/**
 * Checks a stream of lines for what no single line shows: a `source-ref` seen twice (`DUPLICATE_SOURCE_REF`,
 * which the service drops silently), images in more than one bucket (`ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS`)
 * and, at the end, the dataset's label count. Feed it every record in order with {@link DatasetChecker.check},
 * then call {@link DatasetChecker.finish}. Memory: one map entry per distinct image (250,000 images is a few
 * tens of MB), and the problems it reported.
 */
export class DatasetChecker {
  readonly #kind: DatasetKind | undefined;
  readonly #bucket: OneBucketRule;
  readonly #firstLineOf = new Map<string, number>();
  readonly #labels = new Set<string>();
  readonly #lineProblems: ValidationProblem[] = [];
  #lines = 0;
  #sawDetection = false;

  /** @param options - the dataset's kind and expected bucket, when known. */
  constructor(options: DatasetCheckerOptions = {}) {
    this.#kind = options.kind;
    this.#bucket = new OneBucketRule(options.bucket);
  }

  /**
   * Checks one record against the lines before it and returns its dataset problems (an empty array when
   * there is none). Records must come in line order.
   *
   * @param record - the record's line number and parsed line.
   */
  check(record: CheckableRecord): ValidationProblem[] {
    this.#lines++;
    const line = record.line;
    if (line === undefined) return [];
    const sourceRef = line["source-ref"];
    let problems: ValidationProblem[] | undefined;
    if (typeof sourceRef === "string") {
      const first = this.#firstLineOf.get(sourceRef);
      if (first === undefined) {
        this.#firstLineOf.set(sourceRef, record.lineNumber);
      } else {
        const duplicate: DuplicateSourceRefProblem = {
          code: "DUPLICATE_SOURCE_REF",
          message: `Line ${record.lineNumber} repeats the image of line ${first} (the same "source-ref"); a dataset holds one entry per image, so one line's labels would be lost. Merge their labels into one line.`,
          path: "source-ref",
          severity: "error",
          lineNumber: record.lineNumber,
          firstLineNumber: first,
        };
        (problems ??= []).push(duplicate);
      }
      const own = record.problems ?? validateLineAt(line, record.lineNumber);
      const elsewhere = this.#bucket.check(sourceRef, own, record.lineNumber);
      if (elsewhere !== undefined) (problems ??= []).push(elsewhere);
    }
    this.#collectLabels(line);
    if (problems === undefined) return [];
    this.#lineProblems.push(...problems);
    return problems;
  }

  /** Reports the dataset-level problems, the dataset checks' per-line problems and the counts so far. */
  finish(): DatasetCheckReport {
    const kind = this.#kind ?? (this.#sawDetection ? "detection" : "classification");
    const labels = this.#labels.size;
    const problems: ValidationProblem[] = [];
    if (this.#lines === 0) {
      problems.push(makeProblem("ERROR_EMPTY_MANIFEST", "", "The manifest has no line.", "warning"));
    }
    if (labels > MAX_LABELS_PER_DATASET) {
      problems.push(
        makeProblem(
          "ERROR_MANIFEST_TOO_MANY_LABELS",
          "",
          `The manifest has ${labels} distinct labels; a dataset may have at most ${MAX_LABELS_PER_DATASET}.`,
        ),
      );
    }
    const minimum = kind === "detection" ? MIN_LABELS_DETECTION : MIN_LABELS_CLASSIFICATION;
    if (this.#lines > 0 && labels < minimum) {
      problems.push(
        makeProblem(
          "ERROR_MANIFEST_TOO_FEW_LABELS",
          "",
          `The manifest has ${labels} distinct label${labels === 1 ? "" : "s"}; a ${kind} model trains with at least ${minimum}, so the dataset needs others already.`,
          "warning",
        ),
      );
    }
    return {
      problems,
      lineProblems: [...this.#lineProblems],
      lines: this.#lines,
      images: this.#firstLineOf.size,
      labels,
      labelNames: [...this.#labels].sort(),
      buckets: this.#bucket.names.length,
      bucketNames: [...this.#bucket.names],
      kind,
    };
  }

  #collectLabels(line: ManifestLine): void {
    const { boxesByLabel, hasDetection } = lineLabels(line);
    for (const name of boxesByLabel.keys()) this.#labels.add(name);
    if (hasDetection) this.#sawDetection = true;
  }
}

/**
 * Runs a {@link DatasetChecker} over every record (e.g. from `readManifest`) and returns its report with
 * every per-line problem: the records' own (when they carry `problems`) and the dataset checks'.
 *
 * @param records - records in line order.
 * @param options - the dataset's kind and expected bucket, when known.
 */
export async function checkManifest(
  records:
    | AsyncIterable<CheckableRecord & { readonly problems?: readonly ValidationProblem[] }>
    | Iterable<CheckableRecord & { readonly problems?: readonly ValidationProblem[] }>,
  options: DatasetCheckerOptions = {},
): Promise<DatasetCheckReport> {
  const checker = new DatasetChecker(options);
  const lineProblems: ValidationProblem[] = [];
  for await (const record of records) {
    if (record.problems !== undefined) lineProblems.push(...record.problems);
    lineProblems.push(...checker.check(record));
  }
  return { ...checker.finish(), lineProblems };
}
