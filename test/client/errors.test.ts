import { describe, expect, it } from "vitest";
import { DatasetBusyError, isDatasetBusyError } from "../../src/errors/dataset-busy-error.js";
import { DatasetError, isDatasetError } from "../../src/errors/dataset-error.js";
import {
  DatasetUnavailableError,
  isDatasetUnavailableError,
} from "../../src/errors/dataset-unavailable-error.js";
import {
  InvalidDatasetArnError,
  isInvalidDatasetArnError,
} from "../../src/errors/invalid-dataset-arn-error.js";
import { isOperationAbortedError, OperationAbortedError } from "../../src/errors/operation-aborted-error.js";
import { isPayloadTooLargeError, PayloadTooLargeError } from "../../src/errors/payload-too-large-error.js";
import { isRequestFailedError, RequestFailedError } from "../../src/errors/request-failed-error.js";
import { isUpdateFailedError, UpdateFailedError } from "../../src/errors/update-failed-error.js";
import { isWaitTimeoutError, WaitTimeoutError } from "../../src/errors/wait-timeout-error.js";
import { DATASET_ARN, description, sdkErrors } from "./fixtures.js";

const cause = sdkErrors.throttling();

const cases = [
  [
    "InvalidDatasetArnError",
    new InvalidDatasetArnError({ datasetArn: "nope", reason: "it does not match" }),
    isInvalidDatasetArnError,
    /not a dataset ARN.*Nothing was sent/s,
  ],
  [
    "PayloadTooLargeError",
    new PayloadTooLargeError({ datasetArn: DATASET_ARN, byteLength: 6_000_000, limit: 5_242_880 }),
    isPayloadTooLargeError,
    /6000000 bytes.*under 5242880 bytes.*upload/s,
  ],
  [
    "DatasetBusyError",
    new DatasetBusyError({ datasetArn: DATASET_ARN, cause: sdkErrors.inUse() }),
    isDatasetBusyError,
    /busy.*ResourceInUseException.*waitUntilUpdated/s,
  ],
  [
    "UpdateFailedError",
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
    new DatasetUnavailableError({ datasetArn: DATASET_ARN, reason: "DELETE_IN_PROGRESS" }),
    isDatasetUnavailableError,
    /being deleted/,
  ],
  [
    "WaitTimeoutError",
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
    new RequestFailedError({
      operation: "UpdateDatasetEntries",
      datasetArn: DATASET_ARN,
      attempts: 8,
      awsErrorName: "ThrottlingException",
      retryable: true,
      cause,
    }),
    isRequestFailedError,
    /UpdateDatasetEntries.*8 attempt\(s\).*ThrottlingException.*Retries ran out/s,
  ],
  [
    "OperationAbortedError",
    new OperationAbortedError({ operation: "waitUntilUpdated", datasetArn: DATASET_ARN, cause: "stop" }),
    isOperationAbortedError,
    /waitUntilUpdated.*aborted/,
  ],
] as const;

describe("client errors", () => {
  it.each(cases)(
    "%s has its literal name, the brand, a guard and an actionable message",
    (name, error, guard, message) => {
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(DatasetError);
      expect(isDatasetError(error, name)).toBe(true);
      expect(guard(error)).toBe(true);
      expect(error.message).toMatch(message);
    },
  );

  it.each(cases)("the %s guard refuses other errors and look-alikes", (name, _error, guard) => {
    expect(guard(new Error("x"))).toBe(false);
    expect(guard({ name })).toBe(false);
    expect(guard(null)).toBe(false);
    const other = cases.find(([otherName]) => otherName !== name)![1];
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
    const failure = cases[6][1];
    expect(failure.cause).toBe(cause);
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
});
