/**
 * A brand that marks every error this package throws. `Symbol.for` gives the same symbol to every copy of
 * the package in a process (ESM and CJS builds loaded side by side), where `instanceof` would fail.
 */
const DATASET_ERROR_BRAND = Symbol.for("rekognition-datasets.error");

/**
 * Base class of every error this package throws. Catch it, or test with {@link isDatasetError}, which also
 * works across duplicate copies of the package.
 */
export abstract class DatasetError extends Error {
  /** The subclass's literal name, e.g. `"ManifestValidationError"`. */
  abstract override readonly name: string;

  /** @internal */
  readonly [DATASET_ERROR_BRAND] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Tells whether `value` is an error thrown by this package (any subclass of {@link DatasetError}), even
 * when it comes from another copy of the package.
 *
 * @param value - anything caught.
 * @param name - when given, also require this literal `name` (e.g. `"UpdateFailedError"`).
 */
export function isDatasetError(value: unknown, name?: string): value is DatasetError {
  if (typeof value !== "object" || value === null) return false;
  if ((value as Record<PropertyKey, unknown>)[DATASET_ERROR_BRAND] !== true) return false;
  return name === undefined || (value as { name?: unknown }).name === name;
}
