/**
 * What every operation handler receives, and the shape of a handler.
 *
 * @module
 */

import { DATASET_ARN_PATTERN, MAX_DATASET_ARN_LENGTH, MIN_DATASET_ARN_LENGTH } from "../../limits.js";
import type { FaultInjector } from "../faults.js";
import type { ResolvedOptions } from "../options.js";
import type { PaginationTokens } from "../pagination.js";
import { type RequestBody, requiredString } from "../request-fields.js";
import type { Store } from "../store.js";

/** The emulator's state and services, as one request sees them. */
export interface OperationContext {
  /** Projects and datasets, already settled against `now`. */
  readonly store: Store;
  /** The emulator's clock at the start of the request (epoch ms). */
  readonly now: number;
  /** The emulator's options. */
  readonly options: ResolvedOptions;
  /** The faults in force. */
  readonly faults: FaultInjector;
  /** Pagination token issuer. */
  readonly tokens: PaginationTokens;
}

/** One operation: reads the request body, returns the output body, or throws a `ServiceException`. */
export type OperationHandler = (context: OperationContext, body: RequestBody) => Record<string, unknown>;

/** Epoch seconds, the AWS JSON 1.1 form of a timestamp (fractions keep milliseconds). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The service model's pattern for `ProjectArn`. */
export const PROJECT_ARN_PATTERN =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/[0-9]+$/;

/** Reads the required `DatasetArn` member, checked against the service model. */
export function datasetArnMember(body: RequestBody, name = "DatasetArn"): string {
  return requiredString(body, name, {
    min: MIN_DATASET_ARN_LENGTH,
    max: MAX_DATASET_ARN_LENGTH,
    pattern: DATASET_ARN_PATTERN,
  });
}

/** Reads the required `ProjectArn` member, checked against the service model. */
export function projectArnMember(body: RequestBody): string {
  return requiredString(body, "ProjectArn", { min: 20, max: 2048, pattern: PROJECT_ARN_PATTERN });
}
