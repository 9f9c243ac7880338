/**
 * The conversion report: what went in, what came out, and each loss or change as a stable code, counted,
 * with the first few places it happened. The collector keeps bounded memory whatever the input's size.
 *
 * @module
 */

import { CONVERSION_ISSUE_CODES, type ConversionIssueCode, type IssueSeverity } from "./issue-codes.js";
import type { runConversion } from "./run.js";

/** Where an issue happened: whatever the format can name. */
export interface IssueItem {
  /** The input file. */
  readonly file?: string;
  /** 1-based line (CSV row, manifest line) in `file`. */
  readonly line?: number;
  /** The format's own id of the image or record (COCO `image_id`, an annotation `id`...). */
  readonly imageId?: string | number;
  /** The image: a file name or `s3://` URI. */
  readonly image?: string;
}

/** One occurrence of an issue, as the report keeps the first few. */
export interface IssueExample {
  /** What happened there. */
  readonly message: string;
  /** Where. */
  readonly item: IssueItem;
}

/** One kind of loss or change, aggregated over the whole run. */
export interface ConversionIssue {
  /** The stable code, e.g. `"CROWD_REGION_DROPPED"`. */
  readonly code: ConversionIssueCode;
  /** How bad it is (fixed per code). */
  readonly severity: IssueSeverity;
  /** The first occurrence's message. */
  readonly message: string;
  /** The first occurrence's place. */
  readonly item: IssueItem;
  /** How many times it happened (boxes, labels, images, rows: whatever the code counts). */
  readonly count: number;
  /** The first occurrences (at most {@link MAX_ISSUE_EXAMPLES}), first one included. */
  readonly examples: readonly IssueExample[];
}

/** What a conversion (or an export) did. */
export interface ConversionReport {
  /** The format read or written, e.g. `"coco"`, `"csv"`, `"groundtruth"`. */
  readonly format: string;
  /** `"convert"`: format -> manifest; `"export"`: manifest -> format. */
  readonly direction: "convert" | "export";
  /**
   * Input records read: COCO images, CSV data rows, Ground Truth or manifest lines, label files.
   */
  readonly itemsIn: number;
  /** Output records: manifest lines (convert), images or CSV rows (export). In a dry run, what would be written. */
  readonly linesOut: number;
  /** Every kind of issue, in the order first met. */
  readonly issues: readonly ConversionIssue[];
  /** Each code's count. */
  readonly counts: Readonly<Partial<Record<ConversionIssueCode, number>>>;
  /** Total count of issues of severity `"error"`. */
  readonly errors: number;
  /** Total count of issues of severity `"warning"`. */
  readonly warnings: number;
  /** Whether anything was written (`false` for a dry run). */
  readonly written: boolean;
  /** The output file, when the output was a path. */
  readonly outputFile?: string;
}

/** Occurrences kept per code: enough to find the input's problem, bounded whatever the input's size. */
export const MAX_ISSUE_EXAMPLES = 5;

interface IssueTally {
  code: ConversionIssueCode;
  count: number;
  examples: IssueExample[];
}

/**
 * Gathers the issues of one run: per code, a count and the first few occurrences. A reader given to
 * {@link runConversion} reports through it.
 */
export class IssueCollector {
  readonly #tallies = new Map<ConversionIssueCode, IssueTally>();
  /** Input records read; readers add to it. */
  itemsIn = 0;
  /** Output records; the writer adds to it. */
  linesOut = 0;

  /**
   * Records `count` occurrences of `code`.
   *
   * @param code - the stable code.
   * @param message - what happened, for people.
   * @param item - where.
   * @param count - how many (e.g. boxes dropped at once).
   */
  add(code: ConversionIssueCode, message: string, item: IssueItem = {}, count = 1): void {
    let tally = this.#tallies.get(code);
    if (tally === undefined) {
      tally = { code, count: 0, examples: [] };
      this.#tallies.set(code, tally);
    }
    tally.count += count;
    if (tally.examples.length < MAX_ISSUE_EXAMPLES) tally.examples.push({ message, item });
  }

  /**
   * How many occurrences of `code` so far.
   *
   * @param code - the code.
   */
  count(code: ConversionIssueCode): number {
    return this.#tallies.get(code)?.count ?? 0;
  }

  /** Whether any issue is a loss: severity `"error"` or `"warning"` (what `strict` refuses). */
  hasLoss(): boolean {
    for (const tally of this.#tallies.values()) {
      if (CONVERSION_ISSUE_CODES[tally.code].severity !== "info") return true;
    }
    return false;
  }

  /**
   * The report as it stands.
   *
   * @param format - the format's name.
   * @param direction - convert or export.
   * @param written - whether the output was written.
   * @param outputFile - the output file, when there is one.
   */
  report(
    format: string,
    direction: ConversionReport["direction"],
    written: boolean,
    outputFile?: string,
  ): ConversionReport {
    const issues: ConversionIssue[] = [];
    const counts: Partial<Record<ConversionIssueCode, number>> = {};
    let errors = 0;
    let warnings = 0;
    for (const tally of this.#tallies.values()) {
      const severity = CONVERSION_ISSUE_CODES[tally.code].severity;
      const first = tally.examples[0]!;
      issues.push({
        code: tally.code,
        severity,
        message: first.message,
        item: first.item,
        count: tally.count,
        examples: tally.examples,
      });
      counts[tally.code] = tally.count;
      if (severity === "error") errors += tally.count;
      else if (severity === "warning") warnings += tally.count;
    }
    const report: ConversionReport = {
      format,
      direction,
      itemsIn: this.itemsIn,
      linesOut: this.linesOut,
      issues,
      counts,
      errors,
      warnings,
      written,
    };
    return outputFile === undefined ? report : { ...report, outputFile };
  }
}
