import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link ConversionInputError}. */
export interface ConversionInputErrorDetails {
  /** The input format, e.g. `"coco"`, `"csv"`, `"voc"`. */
  readonly format: string;
  /** The file (or `"<stream>"`) that cannot be read. */
  readonly file: string;
  /** Where in it, when known: 1-based line (and column), or a JSON path / XML element. */
  readonly line?: number;
  /** 1-based column on {@link ConversionInputErrorDetails.line}, when known. */
  readonly column?: number;
  /** A path inside the document (e.g. `"annotations[12].bbox"`), when that says more than a line. */
  readonly where?: string;
  /** What is wrong, for people. */
  readonly reason: string;
  /** The parser's own error. */
  readonly cause?: unknown;
}

/**
 * A converter's input cannot be read as its format at all (truncated JSON, an XML file that is not Pascal
 * VOC, a CSV with ragged rows, a YOLO data YAML without `names`, a missing file). Nothing was written: a
 * file output is only renamed into place once the whole input is converted.
 */
export class ConversionInputError extends DatasetError {
  /** Always `"ConversionInputError"`. */
  override readonly name = "ConversionInputError" as const;
  /** The input format. */
  readonly format: string;
  /** The file that cannot be read. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line: number | undefined;
  /** 1-based column, when known. */
  readonly column: number | undefined;
  /** A path inside the document, when known. */
  readonly where: string | undefined;
  /** What is wrong. */
  readonly reason: string;

  /** @param details - the format, the file, the place and what is wrong. */
  constructor(details: ConversionInputErrorDetails) {
    const place = [
      details.line === undefined
        ? ""
        : `:${details.line}${details.column === undefined ? "" : `:${details.column}`}`,
      details.where === undefined ? "" : ` (${details.where})`,
    ].join("");
    super(
      `Cannot convert ${details.file}${place} as ${details.format}: ${details.reason} Nothing was written.`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.format = details.format;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.where = details.where;
    this.reason = details.reason;
  }
}

/** Tells whether `value` is a {@link ConversionInputError}, even from another copy of this package. */
export function isConversionInputError(value: unknown): value is ConversionInputError {
  return isDatasetError(value, "ConversionInputError");
}
