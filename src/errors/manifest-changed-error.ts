import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * The manifest changed while it was uploaded: the send pass found lines other than the ones the upload
 * checked before sending anything (a file still being written, or edited meanwhile). Nothing of the request
 * holding those lines was sent. It reaches you as the `cause` of an `UploadFailedError` at its `read` stage,
 * whose `result` says which lines were applied before it.
 */
export class ManifestChangedError extends DatasetError {
  /** Always `"ManifestChangedError"`. */
  override readonly name = "ManifestChangedError" as const;
  /** The line through which the input no longer matches what was checked. */
  readonly lineNumber: number;

  /** @param lineNumber - the line through which the input no longer matches what was checked. */
  constructor(lineNumber: number) {
    super(
      `The input changed after it was checked: its lines through line ${lineNumber} are not the ones the check read, so nothing of them was sent. Upload it again once it is no longer being written.`,
    );
    this.lineNumber = lineNumber;
  }
}

/** Tells whether `value` is a {@link ManifestChangedError}, even from another copy of this package. */
export function isManifestChangedError(value: unknown): value is ManifestChangedError {
  return isDatasetError(value, "ManifestChangedError");
}
