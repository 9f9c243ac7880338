import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Details of an {@link InvalidOptionsError}. */
export interface InvalidOptionsErrorDetails {
  /** The option's path from the call's options object, e.g. `"retry.minDelayMs"` or `"wait.maxDelay"`. */
  readonly option: string;
  /** What the option must be, e.g. `"an integer from 2 to 5242880"`. */
  readonly expected: string;
  /** The value given (quoted briefly in the message, never in full). */
  readonly value: unknown;
  /** For an unknown option name: the nearest known one, offered as a hint. */
  readonly didYouMean?: string;
}

/** How a value is shown in the message: briefly, and `NaN`, `Infinity` and `undefined` as themselves. */
function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return typeof value;
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

/**
 * An option of a call (or of the DatasetClient constructor) has a value the call cannot work with, or a name
 * it does not know. Thrown at the call, before anything is read or sent. JavaScript callers get no compiler
 * to catch a misspelt option, so an unknown key is refused too, with the nearest known name.
 */
export class InvalidOptionsError extends DatasetError {
  /** Always `"InvalidOptionsError"`. */
  override readonly name = "InvalidOptionsError" as const;
  /** The option's path, e.g. `"retry.minDelayMs"`. */
  readonly option: string;
  /** What the option must be. */
  readonly expected: string;
  /** The nearest known option name, for an unknown one. */
  readonly didYouMean: string | undefined;

  /** @param details - the option, what it must be, what it was and, for an unknown name, the nearest one. */
  constructor(details: InvalidOptionsErrorDetails) {
    const hint = details.didYouMean === undefined ? "" : ` Did you mean \`${details.didYouMean}\`?`;
    super(
      `Option \`${details.option}\` must be ${details.expected}, got ${describeValue(details.value)}.${hint} Nothing was sent.`,
    );
    this.option = details.option;
    this.expected = details.expected;
    this.didYouMean = details.didYouMean;
  }
}

/** Tells whether `value` is an {@link InvalidOptionsError}, even from another copy of this package. */
export function isInvalidOptionsError(value: unknown): value is InvalidOptionsError {
  return isDatasetError(value, "InvalidOptionsError");
}
