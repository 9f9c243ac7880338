import type { CheckpointMismatchError } from "./checkpoint-mismatch-error.js";
import type { ConversionError } from "./conversion-error.js";
import type { ConversionInputError } from "./conversion-input-error.js";
import type { DatasetBusyError } from "./dataset-busy-error.js";
import type { DatasetUnavailableError } from "./dataset-unavailable-error.js";
import type { DiffInputError } from "./diff-input-error.js";
import type { InvalidDatasetArnError } from "./invalid-dataset-arn-error.js";
import type { InvalidLinesError } from "./invalid-lines-error.js";
import type { InvalidOptionsError } from "./invalid-options-error.js";
import type { LineTooLargeError } from "./line-too-large-error.js";
import type { ManifestChangedError } from "./manifest-changed-error.js";
import type { ManifestReadError } from "./manifest-read-error.js";
import type { ManifestValidationError } from "./manifest-validation-error.js";
import type { OperationAbortedError } from "./operation-aborted-error.js";
import type { PayloadTooLargeError } from "./payload-too-large-error.js";
import type { ProbeError } from "./probe-error.js";
import type { RequestFailedError } from "./request-failed-error.js";
import type { UpdateFailedError } from "./update-failed-error.js";
import type { UploadAbortedError } from "./upload-aborted-error.js";
import type { UploadFailedError } from "./upload-failed-error.js";
import type { WaitTimeoutError } from "./wait-timeout-error.js";

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

/** Every error class of this package by its literal `name`: what {@link isDatasetError} narrows to. */
export interface DatasetErrorsByName {
  /** See {@link CheckpointMismatchError}. */
  CheckpointMismatchError: CheckpointMismatchError;
  /** See {@link ConversionError}. */
  ConversionError: ConversionError;
  /** See {@link ConversionInputError}. */
  ConversionInputError: ConversionInputError;
  /** See {@link DatasetBusyError}. */
  DatasetBusyError: DatasetBusyError;
  /** See {@link DatasetUnavailableError}. */
  DatasetUnavailableError: DatasetUnavailableError;
  /** See {@link DiffInputError}. */
  DiffInputError: DiffInputError;
  /** See {@link InvalidDatasetArnError}. */
  InvalidDatasetArnError: InvalidDatasetArnError;
  /** See {@link InvalidLinesError}. */
  InvalidLinesError: InvalidLinesError;
  /** See {@link InvalidOptionsError}. */
  InvalidOptionsError: InvalidOptionsError;
  /** See {@link LineTooLargeError}. */
  LineTooLargeError: LineTooLargeError;
  /** See {@link ManifestChangedError}. */
  ManifestChangedError: ManifestChangedError;
  /** See {@link ManifestReadError}. */
  ManifestReadError: ManifestReadError;
  /** See {@link ManifestValidationError}. */
  ManifestValidationError: ManifestValidationError;
  /** See {@link OperationAbortedError}. */
  OperationAbortedError: OperationAbortedError;
  /** See {@link PayloadTooLargeError}. */
  PayloadTooLargeError: PayloadTooLargeError;
  /** See {@link ProbeError}. */
  ProbeError: ProbeError;
  /** See {@link RequestFailedError}. */
  RequestFailedError: RequestFailedError;
  /** See {@link UpdateFailedError}. */
  UpdateFailedError: UpdateFailedError;
  /** See {@link UploadAbortedError}. */
  UploadAbortedError: UploadAbortedError;
  /** See {@link UploadFailedError}. */
  UploadFailedError: UploadFailedError;
  /** See {@link WaitTimeoutError}. */
  WaitTimeoutError: WaitTimeoutError;
}

/** The literal `name` of one of this package's error classes, e.g. `"UpdateFailedError"`. */
export type DatasetErrorName = keyof DatasetErrorsByName;

/**
 * Every {@link DatasetErrorName}, at run time (the compiler checks the list is complete).
 *
 * @internal
 */
export const DATASET_ERROR_NAMES: readonly DatasetErrorName[] = Object.keys({
  CheckpointMismatchError: true,
  ConversionError: true,
  ConversionInputError: true,
  DatasetBusyError: true,
  DatasetUnavailableError: true,
  DiffInputError: true,
  InvalidDatasetArnError: true,
  InvalidLinesError: true,
  InvalidOptionsError: true,
  LineTooLargeError: true,
  ManifestChangedError: true,
  ManifestReadError: true,
  ManifestValidationError: true,
  OperationAbortedError: true,
  PayloadTooLargeError: true,
  ProbeError: true,
  RequestFailedError: true,
  UpdateFailedError: true,
  UploadAbortedError: true,
  UploadFailedError: true,
  WaitTimeoutError: true,
} satisfies Record<DatasetErrorName, true>) as DatasetErrorName[];

/**
 * Tells whether `value` is an error thrown by this package (any subclass of {@link DatasetError}), even
 * when it comes from another copy of the package.
 *
 * @param value - anything caught.
 */
export function isDatasetError(value: unknown): value is DatasetError;
/**
 * Tells whether `value` is this package's error of that name, even when it comes from another copy of the
 * package, and narrows it to that class: `isDatasetError(error, "UpdateFailedError")` gives an
 * {@link UpdateFailedError}.
 *
 * @param value - anything caught.
 * @param name - the class's literal `name`.
 */
export function isDatasetError<Name extends DatasetErrorName>(
  value: unknown,
  name: Name,
): value is DatasetErrorsByName[Name];
export function isDatasetError(value: unknown, name?: DatasetErrorName): boolean {
  if (typeof value !== "object" || value === null) return false;
  if ((value as Record<PropertyKey, unknown>)[DATASET_ERROR_BRAND] !== true) return false;
  return name === undefined || (value as { name?: unknown }).name === name;
}
