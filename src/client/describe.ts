import type { DescribeDatasetCommandOutput } from "@aws-sdk/client-rekognition";
import type {
  DatasetDescription,
  DatasetStatistics,
  DatasetStatus,
  DatasetStatusMessageCode,
} from "./types.js";

const STATUSES: ReadonlySet<string> = new Set<DatasetStatus>([
  "CREATE_IN_PROGRESS",
  "CREATE_COMPLETE",
  "CREATE_FAILED",
  "UPDATE_IN_PROGRESS",
  "UPDATE_COMPLETE",
  "UPDATE_FAILED",
  "DELETE_IN_PROGRESS",
]);

const MESSAGE_CODES: ReadonlySet<string> = new Set<DatasetStatusMessageCode>([
  "SUCCESS",
  "SERVICE_ERROR",
  "CLIENT_ERROR",
]);

/** Whether a value is one of the service's dataset statuses (read from a response or a checkpoint file). @internal */
export function isDatasetStatus(value: unknown): value is DatasetStatus {
  return typeof value === "string" && STATUSES.has(value);
}

function isMessageCode(value: unknown): value is DatasetStatusMessageCode {
  return typeof value === "string" && MESSAGE_CODES.has(value);
}

/** A Date from what the SDK gave (a Date; a number or string from a hand-made mock), else undefined. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number" || typeof value === "string") {
    const date = new Date(typeof value === "number" && value < 1e12 ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Turns a DescribeDataset response into a {@link DatasetDescription}: statuses typed (a value this version
 * does not know is left out rather than guessed), dates as `Date`, statistics always an object. Every field
 * is optional in the service model, so nothing here assumes one is present.
 *
 * @internal
 */
export function toDatasetDescription(
  datasetArn: string,
  output: Pick<DescribeDatasetCommandOutput, "DatasetDescription">,
): DatasetDescription {
  const raw = output.DatasetDescription ?? {};
  const stats = raw.DatasetStats ?? {};
  const statistics: { -readonly [K in keyof DatasetStatistics]: DatasetStatistics[K] } = {};
  const labeled = count(stats.LabeledEntries);
  const total = count(stats.TotalEntries);
  const labels = count(stats.TotalLabels);
  const errors = count(stats.ErrorEntries);
  if (labeled !== undefined) statistics.labeledEntries = labeled;
  if (total !== undefined) statistics.totalEntries = total;
  if (labels !== undefined) statistics.totalLabels = labels;
  if (errors !== undefined) statistics.errorEntries = errors;

  const created = toDate(raw.CreationTimestamp);
  const updated = toDate(raw.LastUpdatedTimestamp);
  return {
    datasetArn,
    ...(isDatasetStatus(raw.Status) ? { status: raw.Status } : {}),
    ...(typeof raw.StatusMessage === "string" ? { statusMessage: raw.StatusMessage } : {}),
    ...(isMessageCode(raw.StatusMessageCode) ? { statusMessageCode: raw.StatusMessageCode } : {}),
    ...(created === undefined ? {} : { creationTimestamp: created }),
    ...(updated === undefined ? {} : { lastUpdatedTimestamp: updated }),
    statistics,
  };
}
