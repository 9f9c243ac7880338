/**
 * The emulator's in-memory state: projects and their datasets, with ARNs shaped as the service shapes them.
 *
 * @module
 */

import type { StoredEntry } from "./change.js";
import { Dataset, type DatasetType } from "./dataset.js";
import { resourceNotFound } from "./service-errors.js";

/** One emulated project. */
export interface Project {
  /** The project's ARN. */
  readonly arn: string;
  /** Its name. */
  readonly name: string;
  /** When it was created (epoch ms). */
  readonly createdAt: number;
  /** `CUSTOM_LABELS` or `CONTENT_MODERATION`. */
  readonly feature: string;
  /** `ENABLED` or `DISABLED` (content moderation only). */
  readonly autoUpdate: string | undefined;
  /** Its datasets by type. */
  readonly datasets: Map<DatasetType, Dataset>;
}

/** Projects and datasets, and the ARNs that name them. */
export class Store {
  readonly #arnPrefix: string;
  readonly #projects = new Map<string, Project>();
  readonly #datasets = new Map<string, Dataset>();
  #lastId = 0;

  constructor(region: string, accountId: string) {
    this.#arnPrefix = `arn:aws:rekognition:${region}:${accountId}:project/`;
  }

  /** A fresh numeric id: the creation time in ms, bumped so two resources never share one. */
  #nextId(now: number): number {
    this.#lastId = Math.max(Math.floor(now), this.#lastId + 1);
    return this.#lastId;
  }

  /** Applies every transition due at `now`, on every dataset. */
  settle(now: number): void {
    for (const dataset of this.#datasets.values()) dataset.settle(now);
  }

  /** Finds a project by name. */
  projectByName(name: string): Project | undefined {
    for (const project of this.#projects.values()) if (project.name === name) return project;
    return undefined;
  }

  /** Every project, oldest first. */
  projects(): Project[] {
    return [...this.#projects.values()];
  }

  /** Creates a project; the caller has checked that the name is free. */
  createProject(name: string, feature: string, autoUpdate: string | undefined, now: number): Project {
    const project: Project = {
      arn: `${this.#arnPrefix}${name}/${this.#nextId(now)}`,
      name,
      createdAt: now,
      feature,
      autoUpdate,
      datasets: new Map(),
    };
    this.#projects.set(project.arn, project);
    return project;
  }

  /** The project named by `arn`, or ResourceNotFoundException. */
  project(arn: string): Project {
    const project = this.#projects.get(arn);
    if (project === undefined) throw resourceNotFound(`no project has the ARN ${arn}.`);
    return project;
  }

  /** Deletes a project and its datasets. */
  deleteProject(project: Project): void {
    for (const dataset of project.datasets.values()) this.#datasets.delete(dataset.arn);
    this.#projects.delete(project.arn);
  }

  /** Creates a dataset in `project`; the caller has checked that none of that type exists. */
  createDataset(
    project: Project,
    type: DatasetType,
    now: number,
    createMs: number,
    entries?: readonly StoredEntry[],
  ): Dataset {
    const arn = `${this.#arnPrefix}${project.name}/dataset/${type.toLowerCase()}/${this.#nextId(now)}`;
    const dataset = new Dataset({
      arn,
      projectArn: project.arn,
      type,
      now,
      createMs,
      ...(entries ? { entries } : {}),
    });
    project.datasets.set(type, dataset);
    this.#datasets.set(arn, dataset);
    return dataset;
  }

  /** The dataset named by `arn`, or ResourceNotFoundException. */
  dataset(arn: string): Dataset {
    const dataset = this.#datasets.get(arn);
    if (dataset === undefined) throw resourceNotFound(`no dataset has the ARN ${arn}.`);
    return dataset;
  }

  /** The dataset named by `arn`, if it exists. */
  findDataset(arn: string): Dataset | undefined {
    return this.#datasets.get(arn);
  }

  /** Every dataset, oldest first. */
  datasets(): Dataset[] {
    return [...this.#datasets.values()];
  }

  /** Deletes a dataset; the caller has checked that it is not busy. */
  deleteDataset(dataset: Dataset): void {
    this.#datasets.delete(dataset.arn);
    const project = this.#projects.get(dataset.projectArn);
    if (project?.datasets.get(dataset.type) === dataset) project.datasets.delete(dataset.type);
  }
}
