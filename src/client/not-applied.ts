import { isDatasetBusyError } from "../errors/dataset-busy-error.js";
import { isDatasetError } from "../errors/dataset-error.js";
import { isRequestFailedError } from "../errors/request-failed-error.js";
import { mayHaveReachedService } from "./aws-errors.js";

/**
 * Whether a failed UpdateDatasetEntries certainly left the dataset untouched: it was aborted before it was
 * sent, the service refused it before doing any work (ResourceInUse that did arrive, throttling, a client
 * error such as AccessDenied or InvalidParameter), or the dataset is unavailable. Anything else (a dropped
 * connection, a timeout, a server error, an abort while on the wire) may still be applied, and the caller
 * must keep guarding against it. updateEntries and the upload both decide with this one function.
 *
 * @param error - what the send rejected with (after the retry layer).
 * @param abortedBeforeSend - whether the caller's signal was already aborted before the send started.
 * @internal
 */
export function certainlyNotApplied(error: unknown, abortedBeforeSend = false): boolean {
  return (
    abortedBeforeSend ||
    (isDatasetBusyError(error) && !error.mayHaveBeenApplied) ||
    (isRequestFailedError(error) && !mayHaveReachedService(error.cause)) ||
    isDatasetError(error, "DatasetUnavailableError")
  );
}
