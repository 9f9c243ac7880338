/**
 * The DatasetClient constructor's options, checked before anything is built: JavaScript callers get no
 * compiler, and a `client` that cannot send or a `retry: "fast"` would otherwise fail at the first request,
 * or never.
 *
 * @module
 * @internal
 */
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { assertOptionsObject, checkOptionsObject } from "../options/check-options.js";
import { everyKey } from "./call-options.js";
import type { DatasetClientOptions, DatasetClientWithClient } from "./dataset-client.js";
import type { ThrottleOptions } from "./pacing.js";

/** Every constructor option (the compiler keeps the list in step with the options' types). */
const CLIENT_OPTION_KEYS = everyKey<DatasetClientWithClient>({
  client: true,
  clientConfig: true,
  retry: true,
  throttle: true,
  requestTimeoutMs: true,
  processingBytesPerSecond: true,
});

const THROTTLE_KEYS = everyKey<ThrottleOptions>({ limit: true, interval: true });

/**
 * Whether a value can serve as the RekognitionClient: anything with a `send` method. Duck-typed, not
 * `instanceof RekognitionClient`, because the caller's copy of the SDK may not be this package's.
 */
function canSend(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && typeof (value as { send?: unknown }).send === "function"
  );
}

function checkThrottle(throttle: unknown): void {
  checkOptionsObject(throttle, THROTTLE_KEYS, "throttle");
  if (throttle === undefined) return;
  const { limit, interval } = throttle;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidOptionsError({
      option: "throttle.limit",
      expected: "an integer of 1 or more",
      value: limit,
    });
  }
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) {
    throw new InvalidOptionsError({
      option: "throttle.interval",
      expected: "a number of milliseconds, 0 or more",
      value: interval,
    });
  }
}

/**
 * Checks the constructor's options: an object or absent, known keys only, `client` something that can
 * send, never with `clientConfig`, `clientConfig` an object, `retry` an object (its values are the retry
 * layer's to check), and `throttle` a limit per interval.
 *
 * @param options - what the caller passed.
 * @throws {@link InvalidOptionsError} naming the first option that cannot be used, and its value.
 * @internal
 */
export function checkClientOptions(options: unknown): asserts options is DatasetClientOptions | undefined {
  checkOptionsObject(options, CLIENT_OPTION_KEYS, "");
  if (options === undefined) return;
  const { client, clientConfig } = options;
  if (client !== undefined && clientConfig !== undefined) {
    // The type forbids it; this catches plain JavaScript callers, where one of the two would be ignored.
    throw new InvalidOptionsError({
      option: "clientConfig",
      expected: "absent when `client` is given (configure your own client instead)",
      value: clientConfig,
    });
  }
  if (client !== undefined && !canSend(client)) {
    throw new InvalidOptionsError({
      option: "client",
      expected: "a RekognitionClient (an object with a send method)",
      value: client,
    });
  }
  const rate = options.processingBytesPerSecond;
  if (rate !== undefined && !(typeof rate === "number" && Number.isFinite(rate) && rate > 0)) {
    throw new InvalidOptionsError({
      option: "processingBytesPerSecond",
      expected: "a number of bytes per second above 0",
      value: rate,
    });
  }
  assertOptionsObject(clientConfig, "clientConfig");
  assertOptionsObject(options.retry, "retry");
  checkThrottle(options.throttle);
}
