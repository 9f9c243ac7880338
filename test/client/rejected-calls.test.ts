/**
 * A call that rejects, whatever the reason and wherever it stops, leaves the DatasetClient as it found it:
 * the next updateEntries and the next upload to the same dataset, on the same client, still run (they
 * neither hang nor fail), and each sends its one request.
 */
import {
  DescribeDatasetCommand,
  ListDatasetEntriesCommand,
  RekognitionClient,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { mockClient } from "aws-sdk-client-mock";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DatasetClient } from "../../src/client/dataset-client.js";
import { labelLine } from "../support/lines.js";
import { DATASET_ARN, describeOutput, realClient } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

const rekognition = mockClient(RekognitionClient);
const T0 = Date.parse("2026-11-22T00:00:00Z");
const FAST_WAIT = { minDelay: 0.1, maxDelay: 0.1, maxWaitTime: 5 };

/** Where a call stops: its first look at the dataset, its send, or its wait after the send. */
type Stage = "describe" | "send" | "wait";

/** What goes wrong in the first call. */
type Fault =
  | { readonly kind: "reject"; readonly stage: "describe" | "send"; readonly error: keyof typeof sdkErrors }
  | { readonly kind: "update-failed" | "never-ends"; readonly stage: "wait" }
  | { readonly kind: "abort"; readonly stage: Stage | "before" }
  | { readonly kind: "bad-options"; readonly options: unknown }
  | { readonly kind: "bad-input" };

type Call = "upload" | "updateEntries" | "waitUntilUpdated" | "describe" | "listEntries";

const badOptions: Record<Call, readonly unknown[]> = {
  upload: [
    { abortSignal: {} },
    { signal: new AbortController().signal },
    null,
    { wait: 5 },
    { wait: { minDelay: 10, maxDelay: 1 } },
    { onProgress: "x" },
    { checkpoint: { file: "/no/such/folder/checkpoint.json" } },
    { maxRequestBytes: 1 },
    { onInvalidLine: "ignore" },
  ],
  updateEntries: [
    { abortSignal: {} },
    { abortController: new AbortController() },
    null,
    { waitIfBusy: "yes" },
    { maxRequestBytes: 0 },
  ],
  waitUntilUpdated: [{ abortSignal: {} }, { signal: new AbortController().signal }, "fast"],
  describe: [{ abortSignal: {} }, null],
  listEntries: [{ pageSize: 0 }, null, { labelled: true }],
};

const sendErrors = [
  "accessDenied",
  "invalidParameter",
  "inUse",
  "internal",
  "network",
  "throttling",
] as const;
const describeErrors = ["accessDenied", "notFound", "internal", "throttling"] as const;

/** A first call and its fault, only in combinations where the call reaches the faulty stage. */
const scenario: fc.Arbitrary<{ call: Call; fault: Fault }> = fc.oneof(
  fc
    .constantFrom<Call>("upload", "updateEntries", "waitUntilUpdated", "describe", "listEntries")
    .chain((call) =>
      fc
        .constantFrom(...badOptions[call])
        .map((options) => ({ call, fault: { kind: "bad-options", options } as Fault })),
    ),
  fc
    .constantFrom<Call>("upload", "updateEntries")
    .map((call) => ({ call, fault: { kind: "bad-input" } as Fault })),
  fc
    .tuple(fc.constantFrom<Call>("upload", "updateEntries"), fc.constantFrom(...describeErrors))
    .map(([call, error]) => ({ call, fault: { kind: "reject", stage: "describe", error } as Fault })),
  fc
    .tuple(fc.constantFrom<Call>("upload", "updateEntries"), fc.constantFrom(...sendErrors))
    .map(([call, error]) => ({ call, fault: { kind: "reject", stage: "send", error } as Fault })),
  fc
    .tuple(
      fc.constantFrom<Call>("upload", "waitUntilUpdated"),
      fc.constantFrom("update-failed", "never-ends"),
    )
    .map(([call, kind]) => ({ call, fault: { kind, stage: "wait" } as Fault })),
  fc
    .tuple(
      fc.constantFrom<Call>("upload", "updateEntries"),
      fc.constantFrom<Stage | "before">("before", "describe", "send"),
    )
    .map(([call, stage]) => ({ call, fault: { kind: "abort", stage } as Fault })),
  fc
    .constantFrom<Call>("upload", "waitUntilUpdated")
    .map((call) => ({ call, fault: { kind: "abort", stage: "wait" } as Fault })),
);

/** The real setImmediate, taken before any test fakes timers: a turn of the event loop lets file I/O land. */
const realSetImmediate = globalThis.setImmediate;

/**
 * Runs a promise as far as the fake timers and real file I/O (the checkpoint folder check stats a path) let
 * it, and says how it ended, or that it did not: a jammed call stays pending through every round.
 */
async function outcome<T>(promise: Promise<T>): Promise<"resolved" | "rejected" | "pending"> {
  let state: "resolved" | "rejected" | "pending" = "pending";
  promise.then(
    () => {
      state = "resolved";
    },
    () => {
      state = "rejected";
    },
  );
  for (let round = 0; round < 50 && state === "pending"; round++) {
    await vi.runAllTimersAsync();
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  }
  return state;
}

/** The mocked service: healthy (every update completes at once), except at the first call's faulty stage. */
class Service {
  faulty = true;
  /** Whether the first call's request went out (so its next looks at the dataset are its wait). */
  sent = false;
  #ticks = 0;
  constructor(
    readonly fault: Fault,
    readonly controller: AbortController,
  ) {
    rekognition.reset();
    rekognition.on(DescribeDatasetCommand).callsFake(() => this.#describe());
    rekognition.on(UpdateDatasetEntriesCommand).callsFake(() => this.#send());
    rekognition.on(ListDatasetEntriesCommand).resolves({ DatasetEntries: [] });
  }

  #at(stage: Stage): boolean {
    return (
      this.faulty && this.fault.kind !== "bad-options" && "stage" in this.fault && this.fault.stage === stage
    );
  }

  /** Every look at the dataset shows it idle and newer than the last: any update it waits for is over. */
  #idle() {
    this.#ticks++;
    return describeOutput("UPDATE_COMPLETE", new Date(T0 + this.#ticks * 1000));
  }

  #abortAndHang(): Promise<never> {
    this.controller.abort(new Error("stopped by the test"));
    return new Promise(() => {});
  }

  #describe() {
    const stage: Stage = this.sent ? "wait" : "describe";
    if (!this.#at(stage)) return Promise.resolve(this.#idle());
    const fault = this.fault;
    this.#ticks++;
    const at = new Date(T0 + this.#ticks * 1000);
    switch (fault.kind) {
      case "abort":
        return this.#abortAndHang();
      case "reject":
        return Promise.reject(sdkErrors[fault.error]());
      case "update-failed":
        return Promise.resolve(describeOutput("UPDATE_FAILED", at, { StatusMessageCode: "CLIENT_ERROR" }));
      default:
        return Promise.resolve(describeOutput("UPDATE_IN_PROGRESS", at));
    }
  }

  #send() {
    if (this.#at("send")) {
      const fault = this.fault;
      if (fault.kind === "abort") return this.#abortAndHang();
      if (fault.kind === "reject") return Promise.reject(sdkErrors[fault.error]());
    }
    this.sent = true;
    return Promise.resolve({});
  }
}

function firstCall(datasets: DatasetClient, call: Call, fault: Fault, signal: AbortSignal): Promise<unknown> {
  const options: Record<string, unknown> = { abortSignal: signal };
  if (fault.kind === "bad-options") {
    const bad = fault.options;
    switch (call) {
      case "upload":
        return datasets.upload(DATASET_ARN, [labelLine(1)], bad as never);
      case "updateEntries":
        return datasets.updateEntries(DATASET_ARN, [labelLine(1)], bad as never);
      case "waitUntilUpdated":
        return datasets.waitUntilUpdated(DATASET_ARN, bad as never);
      case "describe":
        return datasets.describe(DATASET_ARN, bad as never);
      default:
        return (async () => {
          for await (const _ of datasets.listEntries(DATASET_ARN, bad as never)) void _;
        })();
    }
  }
  const lines =
    fault.kind === "bad-input" ? [labelLine(1), { "source-ref": "http://not-s3" }] : [labelLine(1)];
  switch (call) {
    case "upload":
      // No busy resends: a ResourceInUse refusal ends the upload there.
      return datasets.upload(DATASET_ARN, lines as never, { ...options, maxBusyResends: 0, wait: FAST_WAIT });
    case "updateEntries":
      return datasets.updateEntries(DATASET_ARN, lines as never, options);
    default:
      return datasets.waitUntilUpdated(DATASET_ARN, { ...options, ...FAST_WAIT });
  }
}

describe("Class: DatasetClient, after a call that rejected", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-22T00:00:05Z") });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("still runs the next updateEntries and upload to the same dataset, whatever the option or stage", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ call, fault }) => {
        const controller = new AbortController();
        if (fault.kind === "abort" && fault.stage === "before") controller.abort(new Error("already"));
        const service = new Service(fault, controller);
        // A wait with no update of its own only looks at the dataset: those looks are its wait stage.
        if (call === "waitUntilUpdated") service.sent = true;
        const datasets = new DatasetClient({
          client: realClient(),
          retry: { attempts: 2, minDelayMs: 10, maxDelayMs: 10, maxRetryTimeMs: 1000 },
        });

        expect(await outcome(firstCall(datasets, call, fault, controller.signal))).toBe("rejected");

        service.faulty = false;
        const sentBefore = rekognition.commandCalls(UpdateDatasetEntriesCommand).length;
        expect(await outcome(datasets.updateEntries(DATASET_ARN, [labelLine(2)]))).toBe("resolved");
        expect(await outcome(datasets.upload(DATASET_ARN, [labelLine(3)], { wait: FAST_WAIT }))).toBe(
          "resolved",
        );
        expect(rekognition.commandCalls(UpdateDatasetEntriesCommand)).toHaveLength(sentBefore + 2);
      }),
      { numRuns: 100 },
    );
  });
});
