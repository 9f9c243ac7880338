/**
 * The HTTP side of the emulator: reads each request, applies faults, routes it to its operation and
 * writes the answer; tracks sockets and delays so that closing leaves nothing behind.
 *
 * @module
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { FaultInjector } from "./faults.js";
import type { OperationContext } from "./operations/context.js";
import { OPERATIONS } from "./operations/index.js";
import type { ResolvedOptions } from "./options.js";
import type { PaginationTokens } from "./pagination.js";
import { operationOf, writeException, writeOutput } from "./protocol.js";
import type { RequestBody } from "./request-fields.js";
import { invalidParameter, ServiceException, serializationError } from "./service-errors.js";
import type { Store } from "./store.js";

/** What the server works on. */
export interface ServerState {
  /** Options with defaults applied. */
  readonly options: ResolvedOptions;
  /** Projects and datasets. */
  readonly store: Store;
  /** Faults in force. */
  readonly faults: FaultInjector;
  /** Pagination token issuer. */
  readonly tokens: PaginationTokens;
}

/** Label under which requests without a usable `X-Amz-Target` are counted. */
export const NO_TARGET = "(no target)";

/**
 * Largest body read into memory: room for a base64 `GroundTruth` at the limit plus the rest of the
 * request. A larger body is drained and refused, never buffered.
 */
function maxBodyBytes(maxGroundTruthBytes: number): number {
  return Math.ceil((maxGroundTruthBytes * 4) / 3) + 65_536;
}

/** The emulator's HTTP server. */
export class EmulatorServer {
  readonly #state: ServerState;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #delays = new Set<NodeJS.Timeout>();
  readonly #counts = new Map<string, number>();
  #closing = false;

  constructor(state: ServerState) {
    this.#state = state;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        // Only a bug gets here; answer as the service answers its own failures.
        if (!response.headersSent && !response.destroyed) {
          writeException(
            response,
            new ServiceException("InternalServerError", `Internal server error: ${String(error)}`),
          );
        }
      });
    });
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  /** Starts listening; resolves with the URL clients use. */
  listen(): Promise<string> {
    const { host, port } = this.#state.options;
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, host, () => {
        this.#server.off("error", reject);
        const address = this.#server.address();
        if (address === null || typeof address === "string") {
          reject(new Error("The emulator's server has no TCP address."));
          return;
        }
        const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
        resolve(`http://${hostPart}:${address.port}`);
      });
    });
  }

  /** Requests received per operation since start (or the last reset), unknown targets included. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  /** Forgets the request counts. */
  resetCounts(): void {
    this.#counts.clear();
  }

  /** Stops listening, cancels pending delays and destroys every open connection. */
  close(): Promise<void> {
    this.#closing = true;
    for (const timer of this.#delays) clearTimeout(timer);
    this.#delays.clear();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
      this.#sockets.clear();
    });
  }

  #delay(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!this.#closing);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#delays.delete(timer);
        resolve(!this.#closing);
      }, ms);
      this.#delays.add(timer);
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { options, faults, store, tokens } = this.#state;
    const operation = operationOf(request.headers["x-amz-target"]);
    const countKey = operation ?? NO_TARGET;
    this.#counts.set(countKey, (this.#counts.get(countKey) ?? 0) + 1);
    const body = await readBody(request, maxBodyBytes(options.maxGroundTruthBytes));
    const decision = faults.decide(countKey);
    if (!(await this.#delay(decision.latencyMs))) return;
    if (decision.fault.kind === "drop") {
      request.socket.destroy();
      return;
    }
    try {
      if (decision.fault.kind === "error") throw faultException(decision.fault.type);
      const handler = operation === undefined ? undefined : OPERATIONS.get(operation);
      if (handler === undefined) {
        throw new ServiceException(
          "UnknownOperationException",
          operation === undefined
            ? "Missing or invalid X-Amz-Target header."
            : `Unknown operation ${operation}.`,
        );
      }
      if (body === undefined) throw invalidParameter("The request is too large.");
      const now = options.clock();
      store.settle(now);
      const context: OperationContext = { store, now, options, faults, tokens };
      const output = handler(context, parseBody(body));
      if (decision.fault.kind === "dropResponse") {
        request.socket.destroy();
        return;
      }
      writeOutput(response, output);
    } catch (error) {
      if (!(error instanceof ServiceException)) throw error;
      writeException(response, error);
    }
  }
}

function faultException(
  type: "ThrottlingException" | "ProvisionedThroughputExceededException" | "InternalServerError",
): ServiceException {
  switch (type) {
    case "ThrottlingException":
      return new ServiceException(type, "Rate exceeded. Slow down and retry with backoff.");
    case "ProvisionedThroughputExceededException":
      return new ServiceException(type, "Provisioned rate exceeded. Slow down and retry with backoff.");
    case "InternalServerError":
      return new ServiceException(type, "Internal server error. Retry the request.");
  }
}

/** Reads the whole body, or drains it and gives `undefined` when it is over `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on("end", () => resolve(size <= limit ? Buffer.concat(chunks, size) : undefined));
    request.on("error", reject);
  });
}

/** Parses a JSON 1.1 request body: a JSON object (an empty body counts as `{}`). */
function parseBody(body: Buffer): RequestBody {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw serializationError("The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw serializationError("The request body must be a JSON object.");
  }
  return value as RequestBody;
}
