/**
 * Errors as the real SDK raises them: each one captured from a real call through a `RekognitionClient`
 * against the emulator on 127.0.0.1, with the emulator's fault injection (throttling, 500s, dropped
 * connections) or its real refusals (unknown dataset, busy dataset, bad parameter). They come out of the
 * SDK's own deserializer, HTTP handler and retry middleware, with the class, `name`, `code`, `$fault` and
 * `$metadata` the library really meets, so the tests about reading errors cannot drift from what the SDK
 * builds.
 */
import {
  AccessDeniedException,
  DescribeDatasetCommand,
  type RekognitionClient,
  type RekognitionClientConfig,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { beforeAll } from "vitest";
import type { FaultOptions, LocalRekognition } from "../../src/local/index.js";
import { emulatorClient, startLoopbackEmulator } from "./emulator.js";

/** The real SDK errors a test file can ask for; each call returns a fresh copy, free to change. */
export interface SdkErrors {
  /** ThrottlingException, after `attempts` SDK attempts (1 to 3) as `$metadata.attempts` says. */
  throttling(attempts?: 1 | 2 | 3): Error;
  /** ProvisionedThroughputExceededException. */
  throughput(): Error;
  /** InternalServerError (a 500). */
  internal(): Error;
  /** InvalidParameterException (a request outside the model's constraints). */
  invalidParameter(): Error;
  /** ResourceNotFoundException (a dataset that does not exist). */
  notFound(): Error;
  /** ResourceInUseException (an update sent while another is in progress). */
  inUse(): Error;
  /**
   * ResourceInUseException met by the SDK's own second attempt, after the first lost its response (the
   * update was applied, so the dataset is busy with it): `$metadata.attempts` is 2.
   */
  inUseAfterRetry(): Error;
  /**
   * A connection destroyed before any response: `ECONNRESET` ("socket hang up"), which the SDK's HTTP
   * handler names `TimeoutError`.
   */
  network(): Error;
  /** A connection refused (nothing listens on the port any more): the SDK's `ECONNREFUSED`. */
  refused(): Error;
  /**
   * AccessDeniedException. Built by hand with the SDK's own class: the emulator has no IAM, so it never
   * refuses a call for want of permission.
   */
  accessDenied(): Error;
}

/** The names of the errors {@link SdkErrors} offers. */
export type SdkErrorName = keyof SdkErrors;

/** One captured error of each kind (three throttles, by attempt count). */
type Captured = Omit<Record<SdkErrorName, Error>, "throttling"> & {
  readonly throttling: Readonly<Record<1 | 2 | 3, Error>>;
};

/**
 * The SDK's own retry loop without its backoff (which would be real time): up to `maxAttempts`, again at
 * once, for the errors the SDK deems retryable. The SDK's middleware still counts `$metadata.attempts`.
 */
function retriesWithoutBackoff(maxAttempts: number): NonNullable<RekognitionClientConfig["retryStrategy"]> {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const next = previous.getRetryCount() + 1;
      const retryable = info.errorType === "THROTTLING" || info.errorType === "TRANSIENT";
      if (next >= maxAttempts || !retryable) throw new Error("no retry left");
      return token(next);
    },
    recordSuccess: () => {},
  };
}

/**
 * Runs a command through the client's middleware, as `client.send` does. Not `send` itself: the files that
 * use these errors often mock `RekognitionClient` with aws-sdk-client-mock, which replaces `send` on the
 * class for every instance, so the capture must go around it to reach the emulator.
 */
function sendAroundMocks(
  client: RekognitionClient,
  command: DescribeDatasetCommand | UpdateDatasetEntriesCommand,
): Promise<unknown> {
  const handler = command.resolveMiddleware(client.middlewareStack as never, client.config, undefined);
  return handler(command as never);
}

/** The error `send` rejects with (fails when it resolves). */
async function failureOf(send: () => Promise<unknown>): Promise<Error> {
  try {
    await send();
  } catch (error) {
    return error as Error;
  }
  throw new Error("Expected the SDK call to fail, but it succeeded.");
}

/**
 * Calls until the error has the wanted name: a throttle is ThrottlingException or
 * ProvisionedThroughputExceededException by the emulator's seeded draw, so a few calls meet both.
 */
async function failureNamed(name: string, send: () => Promise<unknown>): Promise<Error> {
  for (let call = 0; call < 50; call++) {
    const error = await failureOf(send);
    if (error.name === name) return error;
  }
  throw new Error(`The emulator never answered ${name} in 50 calls.`);
}

/** Runs every capture that needs the emulator running, then destroys the clients it made. */
async function captureAll(local: LocalRekognition): Promise<Omit<Captured, "refused">> {
  const clients: RekognitionClient[] = [];
  const client = (maxAttempts = 1) => {
    const made = emulatorClient(local, {
      maxAttempts,
      ...(maxAttempts > 1 ? { retryStrategy: retriesWithoutBackoff(maxAttempts) } : {}),
    });
    clients.push(made);
    return made;
  };
  try {
    const { datasetArn } = local.createDataset();
    const describe =
      (through: RekognitionClient, arn = datasetArn) =>
      () =>
        sendAroundMocks(through, new DescribeDatasetCommand({ DatasetArn: arn }));
    const update = (arn: string, through = client()) =>
      sendAroundMocks(
        through,
        new UpdateDatasetEntriesCommand({
          DatasetArn: arn,
          Changes: { GroundTruth: new TextEncoder().encode('{"source-ref":"s3://bucket/a.jpg"}') },
        }),
      );
    const withFaults = async <T>(faults: FaultOptions, capture: () => Promise<T>): Promise<T> => {
      local.setFaults(faults);
      try {
        return await capture();
      } finally {
        local.setFaults({ throttleRate: 0, internalErrorRate: 0, dropConnectionRate: 0, operations: {} });
      }
    };
    const throttles = await withFaults({ throttleRate: 1 }, async () => {
      const name = "ThrottlingException";
      return {
        1: await failureNamed(name, describe(client())),
        2: await failureNamed(name, describe(client(2))),
        3: await failureNamed(name, describe(client(3))),
        throughput: await failureNamed("ProvisionedThroughputExceededException", describe(client())),
      };
    });
    const internal = await withFaults({ internalErrorRate: 1 }, () => failureOf(describe(client())));
    const network = await withFaults({ dropConnectionRate: 1 }, () => failureOf(describe(client())));
    const notFound = await failureOf(describe(client(), `${datasetArn.slice(0, -13)}1000000000000`));
    const invalidParameter = await failureOf(describe(client(), "not-an-arn"));
    await update(datasetArn);
    const inUse = await failureOf(() => update(datasetArn));
    const lostThenBusy = local.createDataset().datasetArn;
    const inUseAfterRetry = await withFaults(
      { operations: { UpdateDatasetEntries: { dropResponseRate: 1 } } },
      () => failureOf(() => update(lostThenBusy, client(2))),
    );
    return {
      throttling: { 1: throttles[1], 2: throttles[2], 3: throttles[3] },
      throughput: throttles.throughput,
      internal,
      network,
      notFound,
      invalidParameter,
      inUse,
      inUseAfterRetry,
      accessDenied: new AccessDeniedException({
        message: "User is not authorized to perform: rekognition:DescribeDataset",
        $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
      }),
    };
  } finally {
    for (const made of clients) made.destroy();
  }
}

/**
 * Starts an emulator whose updates stay in progress (so a second one is refused), captures, closes it, then
 * calls its port again to be refused.
 */
export async function captureSdkErrors(): Promise<Captured> {
  const local = await startLoopbackEmulator({ processing: { baseMs: 3_600_000, perMegabyteMs: 0 } });
  let captured: Omit<Captured, "refused">;
  try {
    captured = await captureAll(local);
  } finally {
    await local.close();
  }
  const closed = emulatorClient(local, { maxAttempts: 1 });
  try {
    const refused = await failureOf(() =>
      sendAroundMocks(closed, new DescribeDatasetCommand({ DatasetArn: DATASET_ARN_NOWHERE })),
    );
    return { ...captured, refused };
  } finally {
    closed.destroy();
  }
}

/** A well-formed ARN for a call that never reaches a service. */
const DATASET_ARN_NOWHERE =
  "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1690000000000";

/** A copy of an error with every own property (message, stack, `$metadata`...) and the same class. */
function copyOf(error: Error): Error {
  const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as Error;
  const metadata = (error as { $metadata?: object }).$metadata;
  if (metadata !== undefined) Object.assign(copy, { $metadata: { ...metadata } });
  return copy;
}

/**
 * Real SDK errors for one test file: captured once in a `beforeAll` this registers (call it at the top level
 * of the file), then handed out as fresh copies. Asking before the `beforeAll` ran (in an `it.each` table,
 * say) throws: name the error there and ask for it inside the test.
 */
export function realSdkErrors(): SdkErrors {
  let captured: Captured | undefined;
  beforeAll(async () => {
    captured = await captureSdkErrors();
  });
  const get = () => {
    if (captured === undefined) {
      throw new Error("Real SDK errors are captured in beforeAll: ask for them inside a test or a hook.");
    }
    return captured;
  };
  return {
    throttling: (attempts = 1) => copyOf(get().throttling[attempts]),
    throughput: () => copyOf(get().throughput),
    internal: () => copyOf(get().internal),
    invalidParameter: () => copyOf(get().invalidParameter),
    notFound: () => copyOf(get().notFound),
    inUse: () => copyOf(get().inUse),
    inUseAfterRetry: () => copyOf(get().inUseAfterRetry),
    refused: () => copyOf(get().refused),
    network: () => copyOf(get().network),
    accessDenied: () => copyOf(get().accessDenied),
  };
}
