import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of an {@link InvalidUploadOptionsError}. */
export interface InvalidUploadOptionsErrorDetails {
  /** The option's name, e.g. `"maxRequestBytes"`. */
  readonly option: string;
  /** What the option must be, e.g. `"an integer from 2 to 5242880"`. */
  readonly expected: string;
  /** The value given (quoted briefly in the message). */
  readonly value: unknown;
}

/** An upload option has a value it cannot work with; nothing was read or sent. */
export class InvalidUploadOptionsError extends DatasetError {
  /** Always `"InvalidUploadOptionsError"`. */
  override readonly name = "InvalidUploadOptionsError" as const;
  /** The option's name. */
  readonly option: string;
  /** What the option must be. */
  readonly expected: string;

  /** @param details - the option, what it must be and what it was. */
  constructor(details: InvalidUploadOptionsErrorDetails) {
    let seen: string;
    try {
      seen = String(JSON.stringify(details.value) ?? details.value).slice(0, 80);
    } catch {
      seen = typeof details.value;
    }
    super(`Upload option ${details.option} must be ${details.expected}, got ${seen}. Nothing was sent.`);
    this.option = details.option;
    this.expected = details.expected;
  }
}

/** Tells whether `value` is an {@link InvalidUploadOptionsError}, even from another copy of this package. */
export function isInvalidUploadOptionsError(value: unknown): value is InvalidUploadOptionsError {
  return isDatasetError(value, "InvalidUploadOptionsError");
}
