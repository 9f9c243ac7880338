/**
 * The RekognitionClient a DatasetClient builds for itself from `clientConfig`: one SDK attempt per call (the
 * retry layer here is the only one) and request timeouts that fail the attempt rather than only warn.
 *
 * @module
 * @internal
 */
import { RekognitionClient, type RekognitionClientConfig } from "@aws-sdk/client-rekognition";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";

/**
 * Default of `requestTimeoutMs`: one minute per attempt. An UpdateDatasetEntries body is up to 5 MB (about
 * 7 MB on the wire, base64 in JSON), which takes a minute at a little under 1 Mbit/s; every other request
 * answers in well under a second.
 *
 * @internal
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** Longest time to open a connection: an unreachable endpoint fails this attempt well before the OS gives up. */
const MAX_CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Checks `requestTimeoutMs` and applies its default.
 *
 * @throws {@link InvalidOptionsError} for anything but a finite number of milliseconds > 0.
 * @internal
 */
export function resolveRequestTimeoutMs(value: unknown): number {
  if (value === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new InvalidOptionsError({
    option: "requestTimeoutMs",
    expected: "a finite number of milliseconds > 0",
    value,
  });
}

/**
 * Builds the client. `maxAttempts` is always 1. Unless `config` brings its own `requestHandler`, the SDK's
 * Node handler gets `requestTimeout` (the whole attempt, to the response's headers), a `connectionTimeout`,
 * and `throwOnRequestTimeout: true`: without it the SDK only logs a warning when the time is up and goes on
 * waiting.
 *
 * @param config - the caller's `clientConfig`.
 * @param requestTimeoutMs - the attempt's time limit, checked.
 * @internal
 */
export function buildOwnClient(
  config: RekognitionClientConfig | undefined,
  requestTimeoutMs: number,
): RekognitionClient {
  return new RekognitionClient({
    ...config,
    ...(config?.requestHandler === undefined
      ? {
          requestHandler: {
            requestTimeout: requestTimeoutMs,
            connectionTimeout: Math.min(requestTimeoutMs, MAX_CONNECTION_TIMEOUT_MS),
            throwOnRequestTimeout: true,
          },
        }
      : {}),
    // Our retry loop is the only one: the SDK's own would multiply attempts and bypass our budget.
    maxAttempts: 1,
  });
}
