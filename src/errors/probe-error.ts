/**
 * {@link ProbeError}: what stops a probe of the service's undocumented behaviours.
 *
 * @module
 */
import { DatasetError, isDatasetError } from "./dataset-error.js";

/**
 * Why a probe stopped:
 * - `"no-free-dataset-type"`: the project already has a TRAIN and a TEST dataset. A project holds one of
 *   each, and the probe never touches an existing dataset: run it in another project (an empty one of
 *   yours, created for it).
 * - `"scratch-dataset-failed"`: the scratch dataset could not be created (`CREATE_FAILED`, or a request
 *   failed: see `cause`).
 * - `"request-failed"`: a request of an experiment failed in a way no question expects (see `cause`).
 * - `"cleanup-failed"`: the scratch dataset could not be deleted: delete `datasetArn` yourself.
 *
 * @example
 * ```ts
 * const reason: ProbeErrorReason = "cleanup-failed";
 * ```
 */
export type ProbeErrorReason =
  | "no-free-dataset-type"
  | "scratch-dataset-failed"
  | "request-failed"
  | "cleanup-failed";

/**
 * Details of a {@link ProbeError}.
 *
 * @example
 * ```ts
 * throw new ProbeError({ reason: "no-free-dataset-type", projectArn });
 * ```
 */
export interface ProbeErrorDetails {
  /** Why it stopped. */
  readonly reason: ProbeErrorReason;
  /** The project probed. */
  readonly projectArn: string;
  /** The scratch dataset, once it exists. */
  readonly datasetArn?: string;
  /** What went wrong underneath, if anything did. */
  readonly cause?: unknown;
}

const ADVICE: Record<ProbeErrorReason, string> = {
  "no-free-dataset-type":
    "the project already has a TRAIN and a TEST dataset, and the probe never touches an existing one: run it in a project with a free dataset type (an empty project of yours)",
  "scratch-dataset-failed": "the scratch dataset could not be created (see the cause)",
  "request-failed":
    "a request failed in a way no question expects (see the cause); the scratch dataset was deleted",
  "cleanup-failed": "the scratch dataset could not be deleted: delete it yourself (DeleteDataset)",
};

/**
 * A probe ({@link runProbe}) stopped before it could answer its questions, or could not delete what it
 * created: see {@link ProbeError.reason}.
 *
 * @example
 * ```ts
 * try {
 *   await runProbe({ projectArn, confirm: true });
 * } catch (error) {
 *   if (isProbeError(error) && error.reason === "cleanup-failed") console.error(`Delete ${error.datasetArn}`);
 * }
 * ```
 */
export class ProbeError extends DatasetError {
  /** Always `"ProbeError"`. */
  override readonly name = "ProbeError" as const;
  /** Why it stopped. */
  readonly reason: ProbeErrorReason;
  /** The project probed. */
  readonly projectArn: string;
  /** The scratch dataset, once it exists (after `"cleanup-failed"`, it still exists). */
  readonly datasetArn: string | undefined;

  /** @param details - why, and which project and dataset. */
  constructor(details: ProbeErrorDetails) {
    const dataset = details.datasetArn === undefined ? "" : ` (scratch dataset ${details.datasetArn})`;
    super(
      `The probe of ${details.projectArn}${dataset} stopped: ${ADVICE[details.reason]}.`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.reason = details.reason;
    this.projectArn = details.projectArn;
    this.datasetArn = details.datasetArn;
  }
}

/**
 * Tells whether `value` is a {@link ProbeError}, even from another copy of this package.
 *
 * @example
 * ```ts
 * if (isProbeError(error)) console.error(error.reason);
 * ```
 */
export function isProbeError(value: unknown): value is ProbeError {
  return isDatasetError(value, "ProbeError");
}
