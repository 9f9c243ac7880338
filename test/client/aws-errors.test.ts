import { describe, expect, it } from "vitest";
import {
  awsErrorName,
  isRetryableError,
  mayHaveReachedService,
  sdkAttempts,
} from "../../src/client/aws-errors.js";
import { realSdkErrors } from "../support/sdk-errors.js";

const sdkErrors = realSdkErrors();

describe("reading SDK errors", () => {
  it.each([
    ["ThrottlingException", () => sdkErrors.throttling()],
    ["ProvisionedThroughputExceededException", () => sdkErrors.throughput()],
    ["InternalServerError", () => sdkErrors.internal()],
    ["a broken connection (ECONNRESET)", () => sdkErrors.network()],
    ["a refused connection", () => sdkErrors.refused()],
    // Built by hand: the SDK names its own client-side timeouts so; the emulator could only cause one by
    // a real delay, which these tests do not spend.
    ["an SDK timeout", () => Object.assign(new Error("timed out"), { name: "TimeoutError" })],
    // Built by hand: shapes the emulator never answers (a bare 503 from a proxy, a fault newer than the model).
    [
      "a 503 with no name",
      () => Object.assign(new Error("unavailable"), { $metadata: { httpStatusCode: 503 } }),
    ],
    [
      "an unmodeled server fault",
      () => Object.assign(new Error("x"), { name: "SomethingNew", $fault: "server" }),
    ],
    ["a network error wrapped as a cause", () => new Error("request failed", { cause: sdkErrors.network() })],
  ])("retries %s", (_, error) => {
    expect(isRetryableError(error())).toBe(true);
  });

  it.each([
    ["InvalidParameterException", () => sdkErrors.invalidParameter()],
    ["AccessDeniedException", () => sdkErrors.accessDenied()],
    ["ResourceNotFoundException", () => sdkErrors.notFound()],
    ["ResourceInUseException", () => sdkErrors.inUse()],
    ["a plain bug", () => new TypeError("x is not a function")],
    ["a thrown string", () => "boom"],
  ])("never retries %s", (_, error) => {
    expect(isRetryableError(error())).toBe(false);
  });

  it("reads the AWS name, and none for a plain Error", () => {
    expect(awsErrorName(sdkErrors.inUse())).toBe("ResourceInUseException");
    expect(awsErrorName(new Error("x"))).toBeUndefined();
    expect(awsErrorName(null)).toBeUndefined();
  });

  it("counts the SDK's own attempts, at least one", () => {
    expect(sdkAttempts(sdkErrors.throttling(3))).toBe(3);
    expect(sdkAttempts(new Error("x"))).toBe(1);
    expect(sdkAttempts({ $metadata: { attempts: 0 } })).toBe(1);
  });
});

describe("whether a failed attempt may still have been applied", () => {
  it.each([
    ["a broken connection", () => sdkErrors.network()],
    ["InternalServerError", () => sdkErrors.internal()],
    ["an SDK timeout", () => Object.assign(new Error("timed out"), { name: "TimeoutError" })],
    ["a refusal after the SDK's own retries", () => sdkErrors.inUseAfterRetry()],
  ])("may, after %s", (_, error) => {
    expect(mayHaveReachedService(error())).toBe(true);
  });

  it.each([
    ["ThrottlingException", () => sdkErrors.throttling()],
    ["ProvisionedThroughputExceededException", () => sdkErrors.throughput()],
    ["InvalidParameterException", () => sdkErrors.invalidParameter()],
    ["ResourceInUseException", () => sdkErrors.inUse()],
  ])("may not, after %s", (_, error) => {
    expect(mayHaveReachedService(error())).toBe(false);
  });
});
