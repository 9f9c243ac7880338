/**
 * {@link startLocalRekognition}: starts the emulator and hands back what a test or a script needs to
 * use and inspect it.
 *
 * @module
 */

import type { DatasetStatistics } from "../client/types.js";
import type { ManifestLine } from "../manifest/types.js";
import type { DatasetStatus, DatasetType } from "./dataset.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { type LocalRekognitionOptions, resolveOptions } from "./options.js";
import { PaginationTokens } from "./pagination.js";
import { mulberry32 } from "./prng.js";
import { EmulatorServer } from "./server.js";
import { Store } from "./store.js";

/** Credentials the emulator accepts (it accepts any: signatures are not checked). */
export interface LocalCredentials {
  /** A dummy access key id. */
  readonly accessKeyId: string;
  /** A dummy secret key. */
  readonly secretAccessKey: string;
}

/** One dataset as the emulator holds it, for inspection. */
export interface LocalDatasetSummary {
  /** The dataset's ARN. */
  readonly arn: string;
  /** Its project's ARN. */
  readonly projectArn: string;
  /** TRAIN or TEST. */
  readonly type: DatasetType;
  /** Its real status now (never the stale view). */
  readonly status: DatasetStatus;
  /** Its statistics, as DescribeDataset shows them (every field known). */
  readonly statistics: Required<DatasetStatistics>;
}

/** What {@link LocalRekognition.createDataset} makes. */
export interface LocalDatasetHandle {
  /** The new project's ARN. */
  readonly projectArn: string;
  /** The new dataset's ARN. */
  readonly datasetArn: string;
}

/** Options of {@link LocalRekognition.createDataset}. */
export interface LocalCreateDatasetOptions {
  /**
   * Name of the project to create it in; an existing project of that name is reused.
   *
   * @defaultValue a fresh `local-project-N`
   */
  readonly projectName?: string;
  /**
   * The dataset's type.
   *
   * @defaultValue "TRAIN"
   */
  readonly type?: DatasetType;
}

/** A running emulator. */
export interface LocalRekognition {
  /** URL to pass as the `endpoint` of a `RekognitionClient`, e.g. `http://127.0.0.1:54321`. */
  readonly endpoint: string;
  /** The region the emulator claims; pass it as the client's `region`. */
  readonly region: string;
  /** Dummy credentials, so that the client needs no real ones. */
  readonly credentials: LocalCredentials;
  /**
   * The dataset's entries as they were sent (without `cl-metadata` or problem lists), in the order their
   * source-refs were first added. Throws when no such dataset exists.
   */
  entries(datasetArn: string): ManifestLine[];
  /** The dataset's entries exactly as ListDatasetEntries returns them. Throws when no such dataset exists. */
  entryLines(datasetArn: string): string[];
  /** Every dataset, settled against the clock. */
  datasets(): LocalDatasetSummary[];
  /**
   * Creates a project and an empty dataset directly, bypassing HTTP and faults: a shortcut for tests.
   */
  createDataset(options?: LocalCreateDatasetOptions): LocalDatasetHandle;
  /** Changes some faults while running; fields not given keep their value. */
  setFaults(faults: FaultOptions): void;
  /** The faults in force (`failNextUpdates` shows how many forced failures are left). */
  faults(): FaultOptions;
  /** Requests received per operation name (requests with no usable target under `"(no target)"`). */
  requestCounts(): Record<string, number>;
  /** Sets every request count back to zero. */
  resetRequestCounts(): void;
  /** Stops the server, closes every connection and cancels injected delays; nothing keeps the process alive. */
  close(): Promise<void>;
}

/**
 * The dummy credentials handed out for convenience: a fresh object each time, because the SDK writes
 * bookkeeping into the credentials object it is given.
 */
function dummyCredentials(): LocalCredentials {
  return { accessKeyId: "AKIDLOCALREKOGNITION", secretAccessKey: "local-rekognition-secret" };
}

/**
 * Starts a local emulator of the Rekognition Custom Labels dataset API on loopback. Point an unmodified
 * `RekognitionClient` at its `endpoint` with its `region` and any credentials.
 *
 * @example
 * ```ts
 * const local = await startLocalRekognition();
 * const client = new RekognitionClient({ endpoint: local.endpoint, region: local.region, credentials: local.credentials });
 * // ... CreateProject, CreateDataset, UpdateDatasetEntries ...
 * await local.close();
 * ```
 */
export async function startLocalRekognition(options?: LocalRekognitionOptions): Promise<LocalRekognition> {
  const resolved = resolveOptions(options);
  const store = new Store(resolved.region, resolved.accountId);
  const faults = new FaultInjector(resolved.faults, mulberry32(resolved.seed));
  const server = new EmulatorServer({ options: resolved, store, faults, tokens: new PaginationTokens() });
  const endpoint = await server.listen();
  let shortcutProjects = 0;

  const settled = () => {
    store.settle(resolved.clock());
    return store;
  };
  const known = (arn: string) => {
    const dataset = settled().findDataset(arn);
    if (dataset === undefined) throw new Error(`The local emulator has no dataset ${arn}.`);
    return dataset;
  };

  return {
    endpoint,
    region: resolved.region,
    get credentials() {
      return dummyCredentials();
    },
    entries: (arn) =>
      known(arn)
        .entries()
        .map((entry) => structuredClone(entry.line) as ManifestLine),
    entryLines: (arn) =>
      known(arn)
        .entries()
        .map((entry) => entry.text),
    datasets: () =>
      settled()
        .datasets()
        .map((dataset) => ({
          arn: dataset.arn,
          projectArn: dataset.projectArn,
          type: dataset.type,
          status: dataset.status.status,
          statistics: dataset.statistics,
        })),
    createDataset: (create = {}) => {
      const now = resolved.clock();
      const current = settled();
      let name = create.projectName;
      if (name === undefined) {
        do name = `local-project-${++shortcutProjects}`;
        while (current.projectByName(name) !== undefined);
      }
      const project =
        current.projectByName(name) ?? current.createProject(name, "CUSTOM_LABELS", undefined, now);
      const type = create.type ?? "TRAIN";
      if (project.datasets.has(type)) throw new Error(`Project ${name} already has a ${type} dataset.`);
      const dataset = current.createDataset(project, type, now, resolved.processing.createMs);
      return { projectArn: project.arn, datasetArn: dataset.arn };
    },
    setFaults: (partial) => faults.set(partial),
    faults: () => faults.current,
    requestCounts: () => server.counts(),
    resetRequestCounts: () => server.resetCounts(),
    close: () => server.close(),
  };
}
