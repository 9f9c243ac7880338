/**
 * Pull: every entry of a dataset read back as typed lines, and written to a manifest file or a stream.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { assertDatasetArn } from "../client/arn.js";
import type { DatasetClient } from "../client/dataset-client.js";
import { DiffInputError } from "../errors/diff-input-error.js";
import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { isOperationAbortedError, OperationAbortedError } from "../errors/operation-aborted-error.js";
import type { ManifestLine } from "../manifest/types.js";
import { checkOptionsObject } from "../options/check-options.js";
import { hasErrorLists } from "./entry-meaning.js";
import { checkAbortSignal } from "./options.js";
import type { DatasetEntry, PullDatasetOptions, PullEntriesOptions, PullResult } from "./types.js";

const PULL_ENTRIES_OPTIONS = ["filters", "abortSignal"] as const;
const PULL_DATASET_OPTIONS = ["file", "stream", ...PULL_ENTRIES_OPTIONS] as const;

/** Bytes gathered before one write to the file: few system calls, little memory. */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * Parses one entry as ListDatasetEntries returned it.
 *
 * @internal
 */
export function parseEntry(text: string, position: number): DatasetEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DiffInputError({
      lines: [
        {
          side: "dataset",
          lineNumber: position,
          code: "INVALID_JSON",
          message: "The entry is not a JSON object.",
        },
      ],
      lineCount: 1,
      hint: "ListDatasetEntries returned an entry that cannot be read; report it with the dataset's ARN.",
    });
  }
  return { position, text, line: value as ManifestLine };
}

function abortedError(operation: string, datasetArn: string, signal: AbortSignal): OperationAbortedError {
  return new OperationAbortedError({ operation, datasetArn, cause: signal.reason });
}

async function* entries(
  client: DatasetClient,
  datasetArn: string,
  options: PullEntriesOptions,
): AsyncGenerator<DatasetEntry> {
  const signal = options.abortSignal;
  const texts = client.listEntries(
    datasetArn,
    options.filters ?? {},
    signal === undefined ? {} : { abortSignal: signal },
  );
  let position = 0;
  for await (const text of texts) {
    // A page holds up to 100 entries: stop between them too, not only between pages.
    if (signal?.aborted === true) throw abortedError("pullEntries", datasetArn, signal);
    position++;
    yield parseEntry(text, position);
  }
}

/**
 * Every entry of a dataset as a typed line, in the order ListDatasetEntries returns them (which the service
 * does not define), across every page; each page paced and retried by the client, as every request is.
 * Entries keep the keys the service adds (`cl-metadata`; `errors`, `cl-errors`, `warnings` on flagged
 * entries). Options are checked at the call; the listing starts when iteration does.
 *
 * @param client - the DatasetClient to read through.
 * @param datasetArn - the dataset (checked at the call: `InvalidDatasetArnError`).
 * @param options - ListDatasetEntries filters (as `DatasetClient.listEntries` takes them) and an abort signal.
 * @returns an async iterable of entries; breaking out of the loop stops the listing.
 * @throws `InvalidOptionsError` for an unknown or ill-typed option; while iterating,
 *   `RequestFailedError`, `DatasetUnavailableError`, `OperationAbortedError`, and {@link DiffInputError}
 *   for an entry that is not a JSON object.
 * @example
 * ```ts
 * for await (const entry of pullEntries(datasets, datasetArn, { filters: { hasErrors: true } })) {
 *   console.log(entry.line["source-ref"], entry.line.errors);
 * }
 * ```
 */
export function pullEntries(
  client: DatasetClient,
  datasetArn: string,
  options: PullEntriesOptions = {},
): AsyncGenerator<DatasetEntry> {
  checkOptionsObject(options, PULL_ENTRIES_OPTIONS, "");
  checkAbortSignal(options?.abortSignal);
  // At the call: inside the generator, a bad ARN would only show at the first `next()`.
  assertDatasetArn(datasetArn);
  return entries(client, datasetArn, options);
}

/** Where the lines go: a file being written, or a stream. */
interface LineSink {
  write(text: string): Promise<void>;
  /** Makes the output final (renames the temporary file over the target). */
  commit(): Promise<void>;
  /** Removes what a failed pull left (the temporary file). */
  discard(): Promise<void>;
}

async function fileSink(file: string): Promise<LineSink> {
  // Next to the target, so the rename stays on one file system and is atomic.
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temporary, "wx");
  let pending: string[] = [];
  let pendingBytes = 0;
  let closed = false;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    pendingBytes = 0;
    await handle.write(chunk);
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    async write(text) {
      pending.push(text);
      pendingBytes += text.length;
      if (pendingBytes >= WRITE_BUFFER_BYTES) await flush();
    },
    async commit() {
      await flush();
      await handle.sync();
      await close();
      await rename(temporary, file);
    },
    async discard() {
      await close().catch(() => undefined);
      await rm(temporary, { force: true });
    },
  };
}

function streamSink(stream: NodeJS.WritableStream, signal: AbortSignal | undefined): LineSink {
  return {
    async write(text) {
      if (!stream.write(text)) {
        await once(stream as unknown as NodeJS.EventEmitter, "drain", signal === undefined ? {} : { signal });
      }
    },
    async commit() {},
    async discard() {},
  };
}

/**
 * Writes every entry of a dataset to a manifest file (or a stream), one JSON line each exactly as the
 * service returned it, service-added keys included: the file can be diffed against a manifest at once, and
 * uploaded again as it is. A file is written to a temporary file next to it and renamed over it only when
 * every entry is in: an error or an abort leaves any earlier file untouched and no temporary file behind.
 *
 * @param client - the DatasetClient to read through.
 * @param datasetArn - the dataset (checked before anything is read).
 * @param options - `file` or `stream` (exactly one), ListDatasetEntries filters, abort signal.
 * @returns the counts of entries, bytes and flagged entries written.
 * @throws `InvalidOptionsError` for a bad option (neither or both of `file` and `stream` included);
 *   `InvalidDatasetArnError`, `RequestFailedError`, `DatasetUnavailableError`, `OperationAbortedError`;
 *   file system errors as Node gives them.
 * @example
 * ```ts
 * const pulled = await pullDataset(datasets, datasetArn, { file: "dataset.manifest" });
 * console.log(`${pulled.entries} entries, ${pulled.entriesWithErrors} flagged`);
 * ```
 */
export async function pullDataset(
  client: DatasetClient,
  datasetArn: string,
  options: PullDatasetOptions,
): Promise<PullResult> {
  checkOptionsObject(options, PULL_DATASET_OPTIONS, "");
  const { file, stream, ...pullOptions } = options ?? {};
  if ((file === undefined) === (stream === undefined)) {
    throw new InvalidOptionsError({
      option: file === undefined ? "file" : "stream",
      expected: "given alone: exactly one of `file` (a path) and `stream` (a writable stream)",
      value: file === undefined ? undefined : "both given",
    });
  }
  if (file !== undefined && (typeof file !== "string" || file === "")) {
    throw new InvalidOptionsError({ option: "file", expected: "a non-empty path", value: file });
  }
  if (stream !== undefined && typeof (stream as { write?: unknown }).write !== "function") {
    throw new InvalidOptionsError({ option: "stream", expected: "a writable stream", value: typeof stream });
  }
  const listing = pullEntries(client, datasetArn, pullOptions);
  const sink = file === undefined ? streamSink(stream!, pullOptions.abortSignal) : await fileSink(file);
  let count = 0;
  let bytes = 0;
  let withErrors = 0;
  try {
    for await (const entry of listing) {
      const text = `${entry.text}\n`;
      await sink.write(text);
      count++;
      bytes += Buffer.byteLength(text, "utf8");
      if (hasErrorLists(entry.line)) withErrors++;
    }
    if (pullOptions.abortSignal?.aborted === true) {
      throw abortedError("pullDataset", datasetArn, pullOptions.abortSignal);
    }
    await sink.commit();
  } catch (error) {
    await sink.discard();
    if (pullOptions.abortSignal?.aborted === true && !isOperationAbortedError(error)) {
      throw abortedError("pullDataset", datasetArn, pullOptions.abortSignal);
    }
    throw error;
  }
  return {
    datasetArn,
    entries: count,
    bytes,
    entriesWithErrors: withErrors,
    ...(file === undefined ? {} : { file }),
  };
}
