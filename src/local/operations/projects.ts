/**
 * CreateProject, DescribeProjects and DeleteProject.
 *
 * @module
 */

import { MAX_LIST_RESULTS } from "../../limits.js";
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringList,
  requiredString,
} from "../request-fields.js";
import { invalidParameter, resourceInUse } from "../service-errors.js";
import type { Project } from "../store.js";
import { epochSeconds, type OperationHandler, projectArnMember } from "./context.js";

const FEATURES = ["CONTENT_MODERATION", "CUSTOM_LABELS"] as const;
const PROJECT_NAME = { min: 1, max: 255, pattern: /^[a-zA-Z0-9_.-]+$/ } as const;

/** CreateProject: a new, empty project. A name already taken is ResourceInUseException, as on the service. */
export const createProject: OperationHandler = ({ store, now }, body) => {
  const name = requiredString(body, "ProjectName", PROJECT_NAME);
  const feature = optionalEnum(body, "Feature", FEATURES) ?? "CUSTOM_LABELS";
  const autoUpdate = optionalEnum(body, "AutoUpdate", ["ENABLED", "DISABLED"] as const);
  if (store.projectByName(name) !== undefined) {
    throw resourceInUse(`A project named ${name} already exists: choose another name.`);
  }
  return { ProjectArn: store.createProject(name, feature, autoUpdate, now).arn };
};

function describe(project: Project): Record<string, unknown> {
  return {
    ProjectArn: project.arn,
    CreationTimestamp: epochSeconds(project.createdAt),
    Status: "CREATED",
    Feature: project.feature,
    ...(project.autoUpdate === undefined ? {} : { AutoUpdate: project.autoUpdate }),
    Datasets: [...project.datasets.values()].map((dataset) => ({
      CreationTimestamp: epochSeconds(dataset.createdAt),
      DatasetType: dataset.type,
      DatasetArn: dataset.arn,
      Status: dataset.status.status,
      StatusMessage: dataset.status.statusMessage,
      StatusMessageCode: dataset.status.statusMessageCode,
    })),
  };
}

/** DescribeProjects: every project, or those named, with their datasets; paged. */
export const describeProjects: OperationHandler = ({ store, tokens }, body) => {
  const names = optionalStringList(body, "ProjectNames", { minItems: 1, maxItems: 10 }, PROJECT_NAME);
  const features = optionalStringList(body, "Features", { minItems: 1, maxItems: 2 });
  for (const feature of features ?? []) {
    if (!(FEATURES as readonly string[]).includes(feature)) {
      throw invalidParameter(`Features must hold only ${FEATURES.join(", ")}.`);
    }
  }
  const maxResults = optionalInteger(body, "MaxResults", 1, MAX_LIST_RESULTS) ?? MAX_LIST_RESULTS;
  const token = optionalString(body, "NextToken", { max: 1024 });
  const scope = JSON.stringify(["DescribeProjects", names ?? null, features ?? null]);
  const offset = token === undefined ? 0 : tokens.read(scope, token);
  const matching = store
    .projects()
    .filter(
      (project) =>
        (names === undefined || names.includes(project.name)) &&
        (features === undefined || features.includes(project.feature)),
    );
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    ProjectDescriptions: page.map(describe),
    ...(next < matching.length ? { NextToken: tokens.issue(scope, next) } : {}),
  };
};

/**
 * DeleteProject: removes the project and its datasets at once (the service does it in the background and
 * answers `DELETING`). A dataset busy with an operation is ResourceInUseException.
 */
export const deleteProject: OperationHandler = ({ store }, body) => {
  const project = store.project(projectArnMember(body));
  for (const dataset of project.datasets.values()) {
    if (dataset.busy) {
      throw resourceInUse(
        `Dataset ${dataset.arn} is ${dataset.status.status}: wait for it to finish, then retry.`,
      );
    }
  }
  store.deleteProject(project);
  return { Status: "DELETING" };
};
