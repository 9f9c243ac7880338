/**
 * The first stage of an upload: whatever the caller gave (typed lines, strings, a file path, a stream)
 * becomes one stream of records, each with its input line number, the exact text to send, its size and its
 * problems.
 *
 * @module
 */
import { statSync } from "node:fs";
import { MAX_LINE_CHARACTERS } from "../../limits.js";
import { abortableIteration } from "../../manifest/abortable-iteration.js";
import { parseManifestLine, tooLongMessage } from "../../manifest/parse.js";
import { makeProblem, type ValidationProblem } from "../../manifest/problems.js";
import { type RawLine, readManifest, readRawLines } from "../../manifest/reader.js";
import { toJsonLine, utf8ByteLength } from "../../manifest/serialize.js";
import type { ManifestLine } from "../../manifest/types.js";
import { validateLineAt } from "../../manifest/validate.js";
import type { UploadSource } from "./types.js";

/** One input line, ready to be checked and packed. */
export interface UploadRecord {
  /** 1-based input position: a file's physical line number, or an iterable item's index + 1. */
  readonly lineNumber: number;
  /** The JSON line to send (typed lines are serialized; text is kept as it was read). */
  readonly text: string;
  /** `text`'s length in UTF-8 bytes (for an over-long line of a file: the line's real length). */
  readonly byteLength: number;
  /** The line, when the text is a JSON object. */
  readonly line?: ManifestLine;
  /** Every problem of the line (parse and validation), warnings included. */
  readonly problems: readonly ValidationProblem[];
}

/** Options of {@link readUploadSource}. */
export interface ReadUploadSourceOptions {
  /**
   * Ends the reading at once when aborted, even while the source is silent (the generator throws the
   * signal's reason and frees the source). Named `signal`, not `abortSignal`: this is the upload's own
   * internal stage, fed from `UploadOptions.abortSignal`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Tells whether a source can be read twice, so it can be checked in full before anything is sent: arrays,
 * `{ text }`, and paths or file URLs of anything but a FIFO (a named pipe gives its data once; a missing
 * path counts as re-readable, so the first read reports it). Other iterables and streams may be one-shot.
 *
 * @param source - an upload source.
 */
export function isRereadableSource(source: UploadSource): boolean {
  if (typeof source === "string" || source instanceof URL) return !isFifo(source);
  return Array.isArray(source) || isManifestText(source);
}

function isFifo(path: string | URL): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFIFO() === true;
  } catch {
    return false;
  }
}

/** `{ text }`: manifest content, told apart from an iterable of lines by having no iterator. */
function isManifestText(source: unknown): source is { readonly text: string } {
  return (
    typeof source === "object" &&
    source !== null &&
    typeof (source as { text?: unknown }).text === "string" &&
    !(Symbol.iterator in source) &&
    !(Symbol.asyncIterator in source)
  );
}

function isReadableStream(source: unknown): source is NodeJS.ReadableStream {
  return (
    typeof source === "object" &&
    source !== null &&
    typeof (source as { pipe?: unknown }).pipe === "function" &&
    typeof (source as { on?: unknown }).on === "function"
  );
}

/**
 * The record of a typed line: validated as an object, serialized to the exact text that will be sent.
 *
 * @param line - the item (anything: a value that is not a line is reported, not thrown).
 * @param lineNumber - its 1-based position.
 */
export function recordFromLine(line: unknown, lineNumber: number): UploadRecord {
  const problems = validateLineAt(line, lineNumber);
  let text: string | undefined;
  try {
    text = toJsonLine(line as ManifestLine);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.push(
      makeProblem("INVALID_JSON", "", `The line cannot be serialized to JSON (${why}).`, "error", lineNumber),
    );
  }
  // JSON.stringify gives undefined for undefined and functions; validation has already reported those.
  text ??= "";
  if (text.length > MAX_LINE_CHARACTERS) {
    problems.push(makeProblem("LINE_TOO_LONG", "", tooLongMessage(text.length), "error", lineNumber));
  }
  const isObject = typeof line === "object" && line !== null && !Array.isArray(line);
  const byteLength = utf8ByteLength(text);
  return isObject
    ? { lineNumber, text, byteLength, line: line as ManifestLine, problems }
    : { lineNumber, text, byteLength, problems };
}

/**
 * The record of a JSON-line string, or `undefined` for a whitespace-only string (skipped, like a blank line
 * of a file). A string that spans several lines (JSON allows newlines between tokens) is re-serialized on
 * one line, since a newline inside a body would split it into two entries.
 *
 * @param text - the item.
 * @param lineNumber - its 1-based position.
 */
export function recordFromText(text: string, lineNumber: number): UploadRecord | undefined {
  if (text.trim() === "") return undefined;
  const parsed = parseManifestLine(text, lineNumber);
  let sent = text;
  if (parsed.line !== undefined && (text.includes("\n") || text.includes("\r")))
    sent = toJsonLine(parsed.line);
  const byteLength = utf8ByteLength(sent);
  return parsed.line === undefined
    ? { lineNumber, text: sent, byteLength, problems: parsed.problems }
    : { lineNumber, text: sent, byteLength, line: parsed.line, problems: parsed.problems };
}

async function* fromItems(
  items: Iterable<unknown> | AsyncIterable<unknown>,
  signal: AbortSignal | undefined,
): AsyncGenerator<UploadRecord, void, undefined> {
  let lineNumber = 0;
  // An async iterable may stay silent: only racing each step against the abort ends the upload at once.
  const steps = Symbol.asyncIterator in items ? abortableIteration(items, signal) : items;
  for await (const item of steps) {
    signal?.throwIfAborted();
    lineNumber++;
    const record =
      typeof item === "string" ? recordFromText(item, lineNumber) : recordFromLine(item, lineNumber);
    if (record !== undefined) yield record;
  }
}

/**
 * Reads any upload source as records in input order. Files and streams go through `readManifest`
 * (streamed, memory bounded); strings through `parseManifestLine`; typed lines through `validateLine` and
 * `toJsonLine`. Nothing is filtered out except blank lines: invalid lines come with their problems.
 *
 * @param source - what to upload.
 * @param options - an abort signal.
 */
export function readUploadSource(
  source: UploadSource,
  options: ReadUploadSourceOptions = {},
): AsyncGenerator<UploadRecord, void, undefined> {
  if (
    typeof source === "string" ||
    source instanceof URL ||
    isManifestText(source) ||
    isReadableStream(source)
  ) {
    // The reader's records are upload records as they are: no extra generator between them (each costs a
    // few promise turns per line).
    return readManifest(source, options.signal === undefined ? {} : { abortSignal: options.signal });
  }
  return fromItems(source as Iterable<unknown> | AsyncIterable<unknown>, options.signal);
}

/** A source read as manifest text: a file path, a file URL, or `{ text }`. */
export type TextUploadSource = string | URL | { readonly text: string };

/**
 * Tells whether `source` is read as manifest text (a path, a file URL or `{ text }`), whose lines
 * {@link readUploadLines} can give without parsing them.
 *
 * @param source - an upload source.
 */
export function isTextUploadSource(source: UploadSource): source is TextUploadSource {
  return typeof source === "string" || source instanceof URL || isManifestText(source);
}

/**
 * The physical lines of a text source, split exactly as {@link readUploadSource} splits them (the same
 * reader, limits and abortable opening) but neither parsed nor validated: for a send pass that replays the
 * checks its pre-pass made.
 *
 * @param source - a path, a file URL or `{ text }`.
 * @param options - an abort signal.
 */
export function readUploadLines(
  source: TextUploadSource,
  options: ReadUploadSourceOptions = {},
): AsyncGenerator<RawLine, void, undefined> {
  return readRawLines(source, options.signal);
}
