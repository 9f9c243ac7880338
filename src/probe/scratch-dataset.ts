/**
 * The probe's scratch dataset: created in a dataset type the project does not use yet, never in place of
 * an existing dataset, and deleted again whatever happened in between.
 *
 * @module
 * @internal
 */
import {
  CreateDatasetCommand,
  DeleteDatasetCommand,
  type RekognitionClient,
} from "@aws-sdk/client-rekognition";
import type { DatasetClient } from "../client/dataset-client.js";
import { isDatasetUnavailableError } from "../errors/dataset-unavailable-error.js";
import { ProbeError } from "../errors/probe-error.js";
import { awaitIdle, awsErrorName } from "./context.js";
import type { ProbeClock } from "./types.js";

/** What creating and deleting the scratch dataset needs. */
export interface ScratchDeps {
  readonly projectArn: string;
  readonly sdk: RekognitionClient;
  readonly datasets: DatasetClient;
  readonly clock: ProbeClock;
  readonly maxWaitMs: number;
  readonly sent: { requests: number; bytes: number };
}

/** The scratch dataset. */
export interface ScratchDataset {
  readonly datasetArn: string;
  readonly type: "TRAIN" | "TEST";
}

/**
 * TEST first: a project in use is more likely to have its TRAIN dataset, and a TEST dataset of the probe's
 * is as good for every question.
 */
const TYPES = ["TEST", "TRAIN"] as const;

/**
 * Creates an empty dataset of a type the project does not have (CreateDataset with no source; a type
 * already taken is ResourceAlreadyExistsException, which leaves the existing dataset untouched), and
 * waits for `CREATE_COMPLETE`.
 *
 * @throws {@link ProbeError} `"no-free-dataset-type"` when both types exist, `"scratch-dataset-failed"`
 *   when creation fails.
 */
export async function createScratchDataset(
  deps: ScratchDeps,
  signal: AbortSignal | undefined,
): Promise<ScratchDataset> {
  for (const type of TYPES) {
    deps.sent.requests += 1;
    let datasetArn: string | undefined;
    try {
      const created = await deps.sdk.send(
        new CreateDatasetCommand({ ProjectArn: deps.projectArn, DatasetType: type }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      datasetArn = created.DatasetArn;
    } catch (error) {
      if (signal?.aborted === true) throw error;
      if (awsErrorName(error) === "ResourceAlreadyExistsException") continue;
      throw new ProbeError({ reason: "scratch-dataset-failed", projectArn: deps.projectArn, cause: error });
    }
    if (datasetArn === undefined) {
      throw new ProbeError({ reason: "scratch-dataset-failed", projectArn: deps.projectArn });
    }
    return { datasetArn, type };
  }
  throw new ProbeError({ reason: "no-free-dataset-type", projectArn: deps.projectArn });
}

/** Waits for the new dataset to be ready; `CREATE_FAILED` is a {@link ProbeError}. */
export async function awaitCreated(
  deps: ScratchDeps,
  scratch: ScratchDataset,
  signal: AbortSignal | undefined,
): Promise<void> {
  const description = await awaitIdle({ ...deps, datasetArn: scratch.datasetArn }, signal);
  if (description.status !== "CREATE_COMPLETE") {
    throw new ProbeError({
      reason: "scratch-dataset-failed",
      projectArn: deps.projectArn,
      datasetArn: scratch.datasetArn,
      cause: new Error(
        `The dataset is ${description.status ?? "of unknown status"}: ${description.statusMessage ?? ""}`,
      ),
    });
  }
}

/**
 * Deletes the scratch dataset, waiting out an operation in progress first (a dataset cannot be deleted
 * while it is created or updated), and again if the service still says it is in use. Takes no abort
 * signal: it runs after an abort too.
 *
 * @throws {@link ProbeError} `"cleanup-failed"` when it cannot.
 */
export async function deleteScratchDataset(deps: ScratchDeps, scratch: ScratchDataset): Promise<void> {
  const fail = (cause: unknown) =>
    new ProbeError({
      reason: "cleanup-failed",
      projectArn: deps.projectArn,
      datasetArn: scratch.datasetArn,
      cause,
    });
  const start = deps.clock.now();
  for (;;) {
    try {
      await awaitIdle({ ...deps, datasetArn: scratch.datasetArn }, undefined);
    } catch (error) {
      // Already gone or going: nothing left to delete.
      if (isDatasetUnavailableError(error) && error.reason !== "CREATE_FAILED") return;
      throw fail(error);
    }
    deps.sent.requests += 1;
    try {
      await deps.sdk.send(new DeleteDatasetCommand({ DatasetArn: scratch.datasetArn }));
      return;
    } catch (error) {
      const name = awsErrorName(error);
      if (name === "ResourceNotFoundException") return;
      if (name !== "ResourceInUseException" || deps.clock.now() - start >= deps.maxWaitMs) throw fail(error);
    }
  }
}
