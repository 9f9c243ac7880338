import type { UploadResult } from "../client/upload/types.js";
import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of a {@link LineTooLargeError}. */
export interface LineTooLargeErrorDetails {
  /** The line's input line number. */
  readonly lineNumber: number;
  /** The line's size in UTF-8 bytes. */
  readonly byteLength: number;
  /** The ceiling every request body must stay under. */
  readonly maxRequestBytes: number;
  /** What the upload did before it stopped, when an upload threw it. */
  readonly result?: UploadResult;
  /** The error this one wraps, if any. */
  readonly cause?: unknown;
}

/**
 * A single line is too large to fit in any request on its own: a body must stay strictly under
 * `maxRequestBytes` and lines are never split. Nothing carrying it was sent.
 */
export class LineTooLargeError extends DatasetError {
  /** Always `"LineTooLargeError"`. */
  override readonly name = "LineTooLargeError" as const;
  /** The line's input line number. */
  readonly lineNumber: number;
  /** The line's size in UTF-8 bytes. */
  readonly byteLength: number;
  /** The ceiling every request body must stay under. */
  readonly maxRequestBytes: number;
  /**
   * What the upload did before it stopped. Always set on the error an upload rejects with; `undefined` only
   * on the packer's own error, which the upload wraps.
   */
  readonly result: UploadResult | undefined;

  /** @param details - the line, its size and the ceiling. */
  constructor(details: LineTooLargeErrorDetails) {
    super(
      `Line ${details.lineNumber} is ${details.byteLength} bytes, too large for a request body, which must ` +
        `stay under ${details.maxRequestBytes} bytes. Shorten the line (fewer boxes or labels), or raise ` +
        "maxRequestBytes if it was set below the service's limit.",
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.lineNumber = details.lineNumber;
    this.byteLength = details.byteLength;
    this.maxRequestBytes = details.maxRequestBytes;
    this.result = details.result;
  }
}

/** Tells whether `value` is a {@link LineTooLargeError}, even from another copy of this package. */
export function isLineTooLargeError(value: unknown): value is LineTooLargeError {
  return isDatasetError(value, "LineTooLargeError");
}
