/**
 * Counts the requests the service throttled, so the demo can show its retry path at work. It is a
 * middleware in the RekognitionClient's own stack: the library needs nothing from it.
 *
 * @module
 */
import type { RekognitionClient } from "@aws-sdk/client-rekognition";

/** The throttling errors the service answers with. */
const THROTTLING = new Set(["ThrottlingException", "ProvisionedThroughputExceededException"]);

/** How many requests were throttled so far. */
export interface ThrottleCounter {
  /** Requests answered with a throttling error (each was retried by DatasetClient). */
  readonly throttled: number;
}

/**
 * Starts counting the throttled requests of `client`. With a DatasetClient built from `clientConfig` (SDK
 * retries off), each `send` is one HTTP request, so each count is one request the DatasetClient retried.
 *
 * @param client - the RekognitionClient, e.g. `datasetClient.client`.
 */
export function countThrottledRequests(client: RekognitionClient): ThrottleCounter {
  const counter = { throttled: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && THROTTLING.has(error.name)) counter.throttled++;
        throw error;
      }
    },
    { step: "initialize", name: "demoThrottleCounter" },
  );
  return counter;
}
