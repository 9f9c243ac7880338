/**
 * How an error from the SDK (or the network under it) is read: its AWS name, the attempts the SDK already
 * made, and whether retrying can help.
 *
 * @module
 * @internal
 */

/**
 * Errors that retrying can fix: throttling, capacity and server trouble. The Rekognition API reference lists
 * them for each dataset operation (e.g. "UpdateDatasetEntries", Errors); the AWS SDKs and Tools Reference
 * Guide, "Retry behavior", lists what the SDKs themselves retry.
 */
const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "LimitExceededException",
  "InternalServerError",
  "InternalServerErrorException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);

/**
 * Errors that retrying never fixes, whatever their fault or status says. ResourceInUse means "wait for the
 * dataset", which is the waiter's job, not a blind retry's.
 */
const FINAL_NAMES: ReadonlySet<string> = new Set([
  "InvalidParameterException",
  "AccessDeniedException",
  "ResourceNotFoundException",
  "ResourceInUseException",
  "InvalidPaginationTokenException",
  "ResourceNotReadyException",
  "ValidationException",
]);

/** Node's codes for a connection that failed or broke: the SDK's own transient list, plus DNS retry. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/** The AWS error name (`ThrottlingException`...), or `undefined` for an error that has none. @internal */
export function awsErrorName(error: unknown): string | undefined {
  const name = field(error, "name");
  if (typeof name !== "string" || name === "Error" || name === "TypeError") return undefined;
  return name;
}

/** How many attempts the SDK made inside one `send` (its `$metadata.attempts`), at least 1. @internal */
export function sdkAttempts(error: unknown): number {
  const attempts = field(field(error, "$metadata"), "attempts");
  return typeof attempts === "number" && Number.isInteger(attempts) && attempts > 1 ? attempts : 1;
}

function isNetworkError(error: unknown, depth: number): boolean {
  const code = field(error, "code");
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  const message = field(error, "message");
  if (typeof message === "string" && /socket hang up|network error|fetch failed|ECONNRESET/i.test(message)) {
    return true;
  }
  return depth < 3 && field(error, "cause") !== undefined && isNetworkError(field(error, "cause"), depth + 1);
}

/**
 * Whether retrying the request may succeed: throttling, capacity and server errors, any server fault or
 * 5xx/429 status, and broken connections. Never InvalidParameter, AccessDenied, ResourceNotFound or
 * ResourceInUse.
 *
 * @internal
 */
export function isRetryableError(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && FINAL_NAMES.has(name)) return false;
  if (name !== undefined && RETRYABLE_NAMES.has(name)) return true;
  if (field(error, "$fault") === "server") return true;
  const status = field(field(error, "$metadata"), "httpStatusCode");
  if (typeof status === "number" && (status >= 500 || status === 429)) return true;
  return isNetworkError(error, 0);
}

/** Refusals that happen before the service does any work: the request was certainly not applied. */
const REFUSED_UNDONE: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "LimitExceededException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
]);

/**
 * Whether a failed attempt may still have reached the service and done its work: a dropped connection, a
 * timeout or a server error leave it unknown; a throttling refusal or a client error do not. A user's
 * client that made several attempts inside one call may have lost one of them the same way.
 *
 * @internal
 */
export function mayHaveReachedService(error: unknown): boolean {
  if (sdkAttempts(error) > 1) return true;
  const name = awsErrorName(error);
  if (name !== undefined && REFUSED_UNDONE.has(name)) return false;
  return isRetryableError(error);
}
