/**
 * A small in-memory DatasetOperations for the upload tests: a dataset that stores entries by source-ref,
 * with scripted answers per call. Not a mock of the SDK: it plays the role the DatasetClient plays.
 */

import { expect } from "vitest";
import type { DatasetOperations } from "../../src/client/operations.js";
import type {
  DatasetDescription,
  DatasetStatus,
  ListEntriesFilters,
  UpdateBaseline,
  WaitOptions,
} from "../../src/client/types.js";
import { OperationAbortedError } from "../../src/errors/operation-aborted-error.js";

export const ARN = "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1700000000000";

/** One call the upload made. */
export type Call =
  | { readonly op: "describe" }
  | { readonly op: "send"; readonly body: string }
  | { readonly op: "wait"; readonly baseline?: UpdateBaseline; readonly options: WaitOptions }
  | { readonly op: "list"; readonly filters?: ListEntriesFilters };

/** What a scripted call may do instead of the default. */
export type Scripted<T> = (call: number) => T | Promise<T>;

export class FakeOperations implements DatasetOperations {
  readonly calls: Call[] = [];
  /** Every body as the upload handed it over, kept as it is (not copied). */
  readonly sentBodies: Uint8Array[] = [];
  /** The dataset's entries by source-ref, as applied. */
  readonly entries = new Map<string, string>();
  status: DatasetStatus = "CREATE_COMPLETE";
  flaggedEntries: string[] = [];
  #clock = 1;
  #pending: string | undefined;
  #sends = 0;
  #waits = 0;
  #describes = 0;
  /** Scripted sendUpdate calls by call number (0-based); absent ones are accepted. */
  readonly sendScript = new Map<number, Scripted<void>>();
  /** Scripted waitUntilUpdated calls by call number; absent ones apply the pending body. */
  readonly waitScript = new Map<number, Scripted<DatasetDescription | undefined>>();
  /** Scripted describe calls by call number; absent ones describe the dataset. */
  readonly describeScript = new Map<number, Scripted<DatasetDescription>>();

  get bodies(): string[] {
    return this.calls.flatMap((call) => (call.op === "send" ? [call.body] : []));
  }

  get ops(): string[] {
    return this.calls.map((call) => call.op);
  }

  description(): DatasetDescription {
    return {
      datasetArn: ARN,
      status: this.status,
      lastUpdatedTimestamp: new Date(this.#clock * 1000),
      statistics: { totalEntries: this.entries.size, labeledEntries: this.entries.size },
    };
  }

  #check(signal: AbortSignal | undefined, operation: string): void {
    if (signal?.aborted === true)
      throw new OperationAbortedError({ operation, datasetArn: ARN, cause: signal.reason });
  }

  async describe(datasetArn: string, signal?: AbortSignal): Promise<DatasetDescription> {
    this.#check(signal, "DescribeDataset");
    expect(datasetArn).toBe(ARN);
    this.calls.push({ op: "describe" });
    const script = this.describeScript.get(this.#describes++);
    return script === undefined ? this.description() : script(this.#describes - 1);
  }

  async sendUpdate(datasetArn: string, body: Uint8Array, signal?: AbortSignal): Promise<void> {
    this.#check(signal, "UpdateDatasetEntries");
    expect(datasetArn).toBe(ARN);
    const text = Buffer.from(body).toString("utf8");
    this.sentBodies.push(body);
    this.calls.push({ op: "send", body: text });
    const script = this.sendScript.get(this.#sends++);
    if (script !== undefined) await script(this.#sends - 1);
    this.#pending = text;
    this.status = "UPDATE_IN_PROGRESS";
  }

  async waitUntilUpdated(
    datasetArn: string,
    options: WaitOptions & { readonly baseline?: UpdateBaseline },
  ): Promise<DatasetDescription> {
    this.#check(options.abortSignal, "waitUntilUpdated");
    expect(datasetArn).toBe(ARN);
    const { baseline, ...rest } = options;
    this.calls.push(
      baseline === undefined ? { op: "wait", options: rest } : { op: "wait", baseline, options: rest },
    );
    const script = this.waitScript.get(this.#waits++);
    if (script !== undefined) {
      try {
        const answer = await script(this.#waits - 1);
        if (answer !== undefined) return answer;
      } catch (error) {
        this.#pending = undefined;
        this.status = "UPDATE_FAILED";
        this.#clock++;
        throw error;
      }
    }
    this.#applyPending();
    return this.description();
  }

  /** Ends the update in progress as the service would while nobody waits: applied. */
  completePendingUpdate(): void {
    this.#applyPending();
  }

  /** Ends the update in progress as the service would while nobody waits: failed, nothing applied. */
  failPendingUpdate(): void {
    this.#pending = undefined;
    this.status = "UPDATE_FAILED";
    this.#clock++;
  }

  #applyPending(): void {
    if (this.#pending !== undefined) {
      for (const line of this.#pending.split("\n")) {
        const sourceRef = (JSON.parse(line) as { "source-ref": string })["source-ref"];
        this.entries.set(sourceRef, line);
      }
      this.#pending = undefined;
      this.#clock++;
    }
    this.status = "UPDATE_COMPLETE";
  }

  async *listEntries(
    datasetArn: string,
    filters?: ListEntriesFilters,
    signal?: AbortSignal,
  ): AsyncIterable<string> {
    this.#check(signal, "ListDatasetEntries");
    expect(datasetArn).toBe(ARN);
    this.calls.push(filters === undefined ? { op: "list" } : { op: "list", filters });
    yield* this.flaggedEntries;
  }
}
