import {
  DescribeDatasetCommand,
  ListDatasetEntriesCommand,
  type ListDatasetEntriesCommandInput,
  ListDatasetLabelsCommand,
  type RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import {
  MAX_CONTAINS_LABELS,
  MAX_LABEL_NAME_LENGTH,
  MAX_LIST_RESULTS,
  MAX_SOURCE_REF_CONTAINS_LENGTH,
  MIN_LABEL_NAME_LENGTH,
} from "../limits.js";
import { labelNameLength } from "../manifest/labels.js";
import { checkOptionsObject } from "../options/check-options.js";
import { withAttemptTimeout } from "./attempt-timeout.js";
import { everyKey } from "./call-options.js";
import { monotonicNow } from "./clock.js";
import { toDatasetDescription } from "./describe.js";
import type { DatasetOperations } from "./operations.js";
import type { Pacer } from "./pacing.js";
import { ProcessingRates } from "./processing-rate.js";
import { type ResolvedRetryOptions, withRetries } from "./retry.js";
import type { DatasetDescription, DatasetLabel, ListEntriesFilters } from "./types.js";
import { waitUntilUpdated } from "./waiter.js";

/** Everything a DatasetClient shares between its requests. @internal */
export interface RequestContext {
  /** The SDK client every request goes through. */
  readonly client: RekognitionClient;
  /** The retry policy. */
  readonly retry: ResolvedRetryOptions;
  /** The pace shared by every request. */
  readonly pace: Pacer;
  /** Jitter source (tests pin it). */
  readonly random?: () => number;
  /**
   * Longest time one attempt may take, in milliseconds (`requestTimeoutMs`); past it the attempt is aborted
   * and fails as a retryable timeout. `undefined` sets no limit.
   */
  readonly requestTimeoutMs?: number | undefined;
  /** A processing rate to start the waiter's model from (`processingBytesPerSecond`). */
  readonly processingBytesPerSecond?: number | undefined;
}

/** An update the service accepted, until a wait sees it end: what the waiter aims its polls with. */
interface AcceptedUpdate {
  /** GroundTruth size, bytes. */
  readonly bytes: number;
  /** When the UpdateDatasetEntries call returned, on the monotonic clock (ms). */
  readonly acceptedAt: number;
}

/** The dataset operations of a DatasetClient, listLabels included. @internal */
export interface ClientOperations extends DatasetOperations {
  /** Every ListDatasetLabels page flattened. */
  listLabels(datasetArn: string, signal?: AbortSignal): AsyncIterable<DatasetLabel>;
}

/** Every filter of ListDatasetEntries (the compiler keeps the list in step with {@link ListEntriesFilters}). */
const FILTER_KEYS = everyKey<ListEntriesFilters>({
  containsLabels: true,
  labeled: true,
  sourceRefContains: true,
  hasErrors: true,
  pageSize: true,
});

function refuse(filter: string, expected: string, value: unknown): InvalidOptionsError {
  return new InvalidOptionsError({ option: `filters.${filter}`, expected, value });
}

/**
 * Refuses, at the call, filters the service would refuse with InvalidParameterException, naming the filter
 * (`filters.pageSize`, `filters.containsLabels[1]`...). Label names are counted in code points, as the
 * validator counts them ({@link labelNameLength}), so a label a line may carry is a label it may filter on.
 *
 * @param filters - the caller's filters.
 * @throws {@link InvalidOptionsError} naming the first filter that cannot be used, and its value.
 * @internal
 */
export function checkFilters(filters: unknown): asserts filters is ListEntriesFilters | undefined {
  checkOptionsObject(filters, FILTER_KEYS, "filters");
  if (filters === undefined) return;
  const { pageSize, containsLabels, sourceRefContains, labeled, hasErrors } = filters;
  if (
    pageSize !== undefined &&
    (typeof pageSize !== "number" ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > MAX_LIST_RESULTS)
  ) {
    throw refuse("pageSize", `an integer from 1 to ${MAX_LIST_RESULTS}`, pageSize);
  }
  for (const [name, value] of [
    ["labeled", labeled],
    ["hasErrors", hasErrors],
  ] as const) {
    if (value !== undefined && typeof value !== "boolean") throw refuse(name, "true or false", value);
  }
  if (containsLabels !== undefined) {
    if (
      !Array.isArray(containsLabels) ||
      containsLabels.length < 1 ||
      containsLabels.length > MAX_CONTAINS_LABELS
    ) {
      throw refuse("containsLabels", `an array of 1 to ${MAX_CONTAINS_LABELS} label names`, containsLabels);
    }
    containsLabels.forEach((label: unknown, index) => {
      const length = typeof label === "string" ? labelNameLength(label) : -1;
      if (length < MIN_LABEL_NAME_LENGTH || length > MAX_LABEL_NAME_LENGTH) {
        throw refuse(
          `containsLabels[${index}]`,
          `a label name of ${MIN_LABEL_NAME_LENGTH} to ${MAX_LABEL_NAME_LENGTH} characters`,
          label,
        );
      }
    });
  }
  if (
    sourceRefContains !== undefined &&
    (typeof sourceRefContains !== "string" ||
      sourceRefContains.length < 1 ||
      // Characters as the service model counts them (code points), as for label names.
      labelNameLength(sourceRefContains) > MAX_SOURCE_REF_CONTAINS_LENGTH)
  ) {
    throw refuse(
      "sourceRefContains",
      `a string of 1 to ${MAX_SOURCE_REF_CONTAINS_LENGTH} characters`,
      sourceRefContains,
    );
  }
}

/** ListDatasetEntries' input from our filters, with only the keys that are set. */
function listEntriesInput(datasetArn: string, filters: ListEntriesFilters): ListDatasetEntriesCommandInput {
  return {
    DatasetArn: datasetArn,
    ...(filters.containsLabels === undefined ? {} : { ContainsLabels: [...filters.containsLabels] }),
    ...(filters.labeled === undefined ? {} : { Labeled: filters.labeled }),
    ...(filters.sourceRefContains === undefined ? {} : { SourceRefContains: filters.sourceRefContains }),
    ...(filters.hasErrors === undefined ? {} : { HasErrors: filters.hasErrors }),
    MaxResults: filters.pageSize ?? MAX_LIST_RESULTS,
  };
}

/**
 * Builds the paced, retried dataset operations over one SDK client. Each SDK call runs inside the pacer
 * (so every attempt takes a slot) inside the retry loop (so one layer decides about retries).
 *
 * @internal
 */
export function createDatasetOperations(context: RequestContext): ClientOperations {
  const { client } = context;
  // Paced inside retried: every attempt takes a pacing slot, and gets its own time limit once it starts.
  const request = <T>(
    operation: string,
    datasetArn: string,
    call: (signal: AbortSignal | undefined) => Promise<T>,
    signal: AbortSignal | undefined,
    onFailedAttempt?: (error: unknown) => void,
  ): Promise<T> =>
    withRetries(
      () => context.pace(() => withAttemptTimeout(operation, call, signal, context.requestTimeoutMs), signal),
      {
        operation,
        datasetArn,
        signal,
        retry: context.retry,
        ...(context.random === undefined ? {} : { random: context.random }),
        ...(onFailedAttempt === undefined ? {} : { onFailedAttempt }),
      },
    );
  const sendOptions = (signal: AbortSignal | undefined) =>
    signal === undefined ? {} : { abortSignal: signal };

  const describe = (
    datasetArn: string,
    signal?: AbortSignal,
    onFailedAttempt?: (error: unknown) => void,
  ): Promise<DatasetDescription> =>
    request(
      "DescribeDataset",
      datasetArn,
      async (s) =>
        toDatasetDescription(
          datasetArn,
          await client.send(new DescribeDatasetCommand({ DatasetArn: datasetArn }), sendOptions(s)),
        ),
      signal,
      onFailedAttempt,
    );

  // What this client learns about the service's pace, to time its waits (see poll-schedule.ts).
  const rates = new ProcessingRates(context.processingBytesPerSecond);
  const accepted = new Map<string, AcceptedUpdate>();

  return {
    describe: (datasetArn, signal) => describe(datasetArn, signal),

    async sendUpdate(datasetArn, body, signal) {
      await request(
        "UpdateDatasetEntries",
        datasetArn,
        (s) =>
          client.send(
            new UpdateDatasetEntriesCommand({ DatasetArn: datasetArn, Changes: { GroundTruth: body } }),
            sendOptions(s),
          ),
        signal,
      );
      accepted.set(datasetArn, { bytes: body.byteLength, acceptedAt: monotonicNow() });
    },

    waitUntilUpdated(datasetArn, options, settledElsewhere) {
      const update = accepted.get(datasetArn);
      return waitUntilUpdated(
        (signal, onFailedAttempt) => describe(datasetArn, signal, onFailedAttempt),
        datasetArn,
        options,
        {
          ...(settledElsewhere === undefined ? {} : { settledElsewhere }),
          ...(context.random === undefined ? {} : { random: context.random }),
          ...(update === undefined
            ? {}
            : {
                update: {
                  acceptedAt: update.acceptedAt,
                  expectedSeconds: rates.expectedSeconds(datasetArn, update.bytes),
                },
              }),
          onEnded: (processedSeconds) => {
            // Another wait on the same update may have ended first, and a later update replaced it.
            if (update === undefined || accepted.get(datasetArn) !== update) return;
            accepted.delete(datasetArn);
            if (processedSeconds !== undefined) rates.record(datasetArn, update.bytes, processedSeconds);
          },
        },
      );
    },

    // The filters are checked at the call (DatasetClient.listEntries), not at the first page.
    async *listEntries(datasetArn, filters = {}, signal) {
      const input = listEntriesInput(datasetArn, filters);
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const page = await request(
          "ListDatasetEntries",
          datasetArn,
          (s) =>
            client.send(
              new ListDatasetEntriesCommand(token === undefined ? input : { ...input, NextToken: token }),
              sendOptions(s),
            ),
          signal,
        );
        yield* page.DatasetEntries ?? [];
        nextToken = page.NextToken;
      } while (nextToken !== undefined && nextToken !== "");
    },

    async *listLabels(datasetArn, signal) {
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const page = await request(
          "ListDatasetLabels",
          datasetArn,
          (s) =>
            client.send(
              new ListDatasetLabelsCommand({
                DatasetArn: datasetArn,
                MaxResults: MAX_LIST_RESULTS,
                ...(token === undefined ? {} : { NextToken: token }),
              }),
              sendOptions(s),
            ),
          signal,
        );
        for (const label of page.DatasetLabelDescriptions ?? []) {
          if (label.LabelName === undefined) continue;
          const stats = label.LabelStats;
          yield {
            name: label.LabelName,
            ...(stats?.EntryCount === undefined ? {} : { entryCount: stats.EntryCount }),
            ...(stats?.BoundingBoxCount === undefined ? {} : { boundingBoxCount: stats.BoundingBoxCount }),
          };
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined && nextToken !== "");
    },
  };
}
