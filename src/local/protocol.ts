/**
 * The AWS JSON 1.1 wire format: how a request names its operation, and how outputs and exceptions are
 * written back.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ServiceException } from "./service-errors.js";

/** The content type of every AWS JSON 1.1 request and response. */
export const CONTENT_TYPE = "application/x-amz-json-1.1";

/** The prefix of `X-Amz-Target` for Rekognition. */
export const TARGET_PREFIX = "RekognitionService.";

/**
 * The operation a request names, or `undefined` when the target header is missing or names another
 * service. `X-Amz-Target` may only appear once.
 */
export function operationOf(target: string | string[] | undefined): string | undefined {
  if (typeof target !== "string" || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return name === "" ? undefined : name;
}

function write(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    "content-type": CONTENT_TYPE,
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": randomUUID(),
    date: new Date().toUTCString(),
  });
  response.end(body);
}

/** Writes an operation's output with status 200. */
export function writeOutput(response: ServerResponse, output: Readonly<Record<string, unknown>>): void {
  write(response, 200, JSON.stringify(output));
}

/**
 * Writes an exception as the service does: `__type` names it, and Rekognition's own exceptions also carry
 * `Code`, `Message` and a `Logref`; Coral's carry a lower-case `message`.
 */
export function writeException(response: ServerResponse, exception: ServiceException): void {
  const wireType = exception.wireType;
  const body =
    wireType === exception.type
      ? { __type: wireType, Code: exception.type, Logref: randomUUID(), Message: exception.message }
      : { __type: wireType, message: exception.message };
  write(response, exception.status, JSON.stringify(body));
}
