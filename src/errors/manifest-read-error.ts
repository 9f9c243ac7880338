import { DatasetError, isDatasetError } from "./dataset-error.js";

/** Why a manifest file could not be read. */
export type ManifestReadFailure =
  /** Nothing exists at the path (`ENOENT`). */
  | "not-found"
  /** The path is a directory (`EISDIR`). */
  | "is-directory"
  /** The file exists but the system refused to open or read it (permissions, I/O error, ...). */
  | "unreadable";

/** Details of a {@link ManifestReadError}. */
export interface ManifestReadErrorDetails {
  /** The path as the caller gave it (a `file:` URL is shown as its path). */
  readonly path: string;
  /** Why it could not be read. */
  readonly reason: ManifestReadFailure;
  /** The system's error code, e.g. `"ENOENT"`, when there is one. */
  readonly code?: string;
  /** The system error. */
  readonly cause?: unknown;
}

const WHAT_TO_DO: Record<ManifestReadFailure, string> = {
  "not-found": "no such file. Check the path (a string source is a file path; pass `{ text }` for content).",
  "is-directory": "it is a directory. Pass the manifest file inside it.",
  unreadable: "the system refused to read it. Check the file's permissions.",
};

/**
 * A manifest given as a file path (or `file:` URL) cannot be read: it does not exist, it is a directory,
 * or the system refused to open or read it. Nothing was read from it.
 */
export class ManifestReadError extends DatasetError {
  /** Always `"ManifestReadError"`. */
  override readonly name = "ManifestReadError" as const;
  /** The path that could not be read. */
  readonly path: string;
  /** Why it could not be read. */
  readonly reason: ManifestReadFailure;
  /** The system's error code (e.g. `"ENOENT"`), when there is one. */
  readonly code: string | undefined;

  /** @param details - the path, why it could not be read, and the system error. */
  constructor(details: ManifestReadErrorDetails) {
    const code = details.code === undefined ? "" : ` (${details.code})`;
    super(
      `Cannot read the manifest at ${details.path}${code}: ${WHAT_TO_DO[details.reason]}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.path = details.path;
    this.reason = details.reason;
    this.code = details.code;
  }
}

/** Tells whether `value` is a {@link ManifestReadError}, even from another copy of this package. */
export function isManifestReadError(value: unknown): value is ManifestReadError {
  return isDatasetError(value, "ManifestReadError");
}
