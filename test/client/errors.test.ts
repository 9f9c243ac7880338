import { readdir, readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { DatasetBusyError, isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { DATASET_ERROR_NAMES, DatasetError, isDatasetError } from "../../src/errors/dataset-error.js";
import {
  DatasetUnavailableError,
  isDatasetUnavailableError,
} from "../../src/errors/dataset-unavailable-error.js";
import {
  InvalidDatasetArnError,
  isInvalidDatasetArnError,
} from "../../src/errors/invalid-dataset-arn-error.js";
import { InvalidOptionsError, isInvalidOptionsError } from "../../src/errors/invalid-options-error.js";
import { isOperationAbortedError, OperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { isPayloadTooLargeError, PayloadTooLargeError } from "../../src/errors/payload-too-large-error.js";
import { isRequestFailedError, RequestFailedError } from "../../src/errors/request-failed-error.js";
import { isUpdateFailedError, UpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isWaitTimeoutError, WaitTimeoutError } from "../../src/errors/wait-timeout-error.js";
import { DATASET_ARN, description } from "../support/rekognition.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

/** The SDK errors the cases carry as their cause, taken once the real ones are captured. */
const causes: { throttling?: Error; inUse?: Error } = {};
beforeAll(() => {
  causes.throttling = sdkErrors.throttling();
  causes.inUse = sdkErrors.inUse();
});

const cases = [
  [
    "InvalidDatasetArnError",
    () => new InvalidDatasetArnError({ datasetArn: "nope", reason: "it does not match" }),
    isInvalidDatasetArnError,
    /not a dataset ARN.*Nothing was sent/s,
  ],
  [
    "PayloadTooLargeError",
    () => new PayloadTooLargeError({ datasetArn: DATASET_ARN, byteLength: 6_000_000, limit: 5_242_880 }),
    isPayloadTooLargeError,
    /6000000 bytes.*under 5242880 bytes.*upload/s,
  ],
  [
    "DatasetBusyError",
    () => new DatasetBusyError({ datasetArn: DATASET_ARN, cause: causes.inUse }),
    isDatasetBusyError,
    /busy.*ResourceInUseException.*waitUntilUpdated/s,
  ],
  [
    "UpdateFailedError",
    () =>
      new UpdateFailedError({
        datasetArn: DATASET_ARN,
        statusMessage: "Boom",
        statusMessageCode: "SERVICE_ERROR",
      }),
    isUpdateFailedError,
    /UPDATE_FAILED.*Boom.*again later/s,
  ],
  [
    "DatasetUnavailableError",
    () => new DatasetUnavailableError({ datasetArn: DATASET_ARN, reason: "DELETE_IN_PROGRESS" }),
    isDatasetUnavailableError,
    /being deleted/,
  ],
  [
    "WaitTimeoutError",
    () =>
      new WaitTimeoutError({
        datasetArn: DATASET_ARN,
        maxWaitTime: 60,
        lastDescription: description("UPDATE_IN_PROGRESS"),
      }),
    isWaitTimeoutError,
    /after 60 s.*UPDATE_IN_PROGRESS.*wait again/s,
  ],
  [
    "RequestFailedError",
    () =>
      new RequestFailedError({
        operation: "UpdateDatasetEntries",
        datasetArn: DATASET_ARN,
        attempts: 8,
        awsErrorName: "ThrottlingException",
        retryable: true,
        cause: causes.throttling,
      }),
    isRequestFailedError,
    /UpdateDatasetEntries.*8 attempt\(s\).*ThrottlingException.*Retries ran out/s,
  ],
  [
    "InvalidOptionsError",
    () =>
      new InvalidOptionsError({
        option: "retry.minDelayMs",
        expected: "a number of milliseconds, 0 or more",
        value: Number.NaN,
      }),
    isInvalidOptionsError,
    /`retry\.minDelayMs` must be a number of milliseconds, 0 or more, got NaN\. Nothing was sent/,
  ],
  [
    "OperationAbortedError",
    () =>
      new OperationAbortedError({ operation: "waitUntilUpdated", datasetArn: DATASET_ARN, cause: "stop" }),
    isOperationAbortedError,
    /waitUntilUpdated.*aborted/,
  ],
] as const;

describe("client errors", () => {
  it.each(cases)(
    "%s has its literal name, the brand, a guard and an actionable message",
    (name, build, guard, message) => {
      const error = build();
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(DatasetError);
      expect(isDatasetError(error, name)).toBe(true);
      expect(guard(error)).toBe(true);
      expect(error.message).toMatch(message);
    },
  );

  it.each(cases)("the %s guard refuses other errors and look-alikes", (name, _build, guard) => {
    expect(guard(new Error("x"))).toBe(false);
    expect(guard({ name })).toBe(false);
    expect(guard(null)).toBe(false);
    const other = cases.find(([otherName]) => otherName !== name)![1]();
    expect(guard(other)).toBe(false);
  });

  it("recognises an error from another copy of the package by its brand and name", () => {
    const brand = Symbol.for("rekognition-datasets.error");
    const foreign = Object.assign(new Error("from the CJS build"), {
      name: "UpdateFailedError",
      [brand]: true,
    });
    expect(isUpdateFailedError(foreign)).toBe(true);
  });

  it("keeps the SDK error as the cause and the fields a program needs", () => {
    const failure = cases[6][1]();
    expect(failure.name).toBe("RequestFailedError");
    expect(failure.cause).toBe(causes.throttling);
    expect(failure).toMatchObject({ attempts: 8, awsErrorName: "ThrottlingException", retryable: true });
  });

  it("says what to do for a client-side update failure and for an unknown code", () => {
    expect(
      new UpdateFailedError({ datasetArn: DATASET_ARN, statusMessageCode: "CLIENT_ERROR" }).message,
    ).toMatch(/fix the lines/);
    const unknown = new UpdateFailedError({ datasetArn: DATASET_ARN });
    expect(unknown.statusMessageCode).toBeUndefined();
    expect(unknown.message).toMatch(/no StatusMessageCode/);
  });

  it("says a non-retryable request failure must be fixed, not retried", () => {
    const error = new RequestFailedError({
      operation: "DescribeDataset",
      datasetArn: DATASET_ARN,
      attempts: 1,
      retryable: false,
      cause: sdkErrors.accessDenied(),
    });
    expect(error.awsErrorName).toBeUndefined();
    expect(error.message).toMatch(/not retried: fix its cause/);
  });

  it("narrows to the class named, so its fields can be read without a cast", () => {
    const caught: unknown = cases[3][1]();
    if (isDatasetError(caught, "UpdateFailedError")) {
      // Compiles only because the guard narrowed `caught` to UpdateFailedError.
      expect(caught.statusMessageCode).toBe("SERVICE_ERROR");
    } else {
      expect.unreachable("an UpdateFailedError");
    }
    expect(isDatasetError(caught, "DatasetBusyError")).toBe(false);
    // @ts-expect-error: a name no error class has is refused by the compiler.
    expect(isDatasetError(caught, "UpdateFailed")).toBe(false);
  });

  it("knows every error class of the package by name", async () => {
    const folder = new URL("../../src/errors/", import.meta.url);
    const declared: string[] = [];
    for (const file of await readdir(folder)) {
      const text = await readFile(new URL(file, folder), "utf8");
      for (const match of text.matchAll(/override readonly name = "(\w+)" as const/g))
        declared.push(match[1]!);
    }
    expect(declared.length).toBeGreaterThan(10);
    expect([...DATASET_ERROR_NAMES].sort()).toEqual(declared.sort());
  });

  it("has one error for bad options: InvalidOptionsError names the path, shows the value, offers a name", () => {
    const error = new InvalidOptionsError({
      option: "signal",
      expected: "one of the known options (abortSignal)",
      value: {},
      didYouMean: "abortSignal",
    });
    expect(error.message).toMatch(/`signal`.*got \{\}\. Did you mean `abortSignal`\?/);
    expect(DATASET_ERROR_NAMES).not.toContain("InvalidUploadOptionsError");
  });
});
