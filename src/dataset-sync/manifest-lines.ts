/**
 * Any upload source read as numbered lines, each parsed but not validated: the manifest side of a diff or
 * a sync. A diff only needs each line's `source-ref` and value; validation, which costs more than the
 * parse, is left to the lines a sync will send ({@link problemsOf}).
 *
 * Files, `{ text }` and streams are split by the manifest reader's own line splitter (LF and CRLF, a byte
 * order mark, lines over the service's limit never buffered whole, invalid UTF-8 flagged), so a diff reads
 * a file exactly as `readManifest` and the upload do.
 *
 * @module
 */
import type { UploadSource } from "../client/upload/types.js";
import { MAX_LINE_CHARACTERS } from "../limits.js";
import { parseManifestLine } from "../manifest/parse.js";
import type { ValidationProblem } from "../manifest/problems.js";
import { readRawLines } from "../manifest/reader.js";
import { toJsonLine } from "../manifest/serialize.js";
import type { ManifestLine } from "../manifest/types.js";
import { validateLineAt } from "../manifest/validate.js";

/** One line of a manifest side. */
export interface NumberedLine {
  /** A file's physical line number, or an item's 1-based position. */
  readonly lineNumber: number;
  /** The exact text an upload would send for it. */
  readonly text: string;
  /** The parsed line, when the text is a JSON object. */
  readonly line?: ManifestLine;
  /** Set when the line was given as a typed line (an object), not as text. */
  readonly typed?: true;
  /** Why there is no `line`: the code and message of the reading problem. */
  readonly unreadable?: { readonly code: string; readonly message: string };
}

/** `{ text }`: manifest content, told apart from an iterable of lines by having no iterator. */
function isManifestText(source: object): source is { readonly text: string } {
  return (
    typeof (source as { text?: unknown }).text === "string" &&
    !(Symbol.iterator in source) &&
    !(Symbol.asyncIterator in source)
  );
}

function isReadableStream(source: object): source is NodeJS.ReadableStream {
  const candidate = source as { pipe?: unknown; on?: unknown };
  return typeof candidate.pipe === "function" && typeof candidate.on === "function";
}

/**
 * Whether a source can be read a second time: file paths, file URLs, `{ text }` and arrays. Other iterables
 * and streams may be one-shot.
 */
export function isRereadable(source: UploadSource): boolean {
  return (
    typeof source === "string" || source instanceof URL || Array.isArray(source) || isManifestText(source)
  );
}

/** A parsed text, or why it could not be read. */
function parsedText(text: string, lineNumber: number): NumberedLine {
  if (text.length > MAX_LINE_CHARACTERS) {
    return {
      lineNumber,
      text,
      unreadable: {
        code: "LINE_TOO_LONG",
        message: `The line is ${text.length} characters long, over the service's limit.`,
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { lineNumber, text, unreadable: { code: "INVALID_JSON", message: "The line is not valid JSON." } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      lineNumber,
      text,
      unreadable: { code: "INVALID_JSON", message: "The line is not a JSON object." },
    };
  }
  return { lineNumber, text, line: value as ManifestLine };
}

function fromItem(item: unknown, lineNumber: number): NumberedLine | undefined {
  if (typeof item === "string") {
    if (item.trim() === "") return undefined;
    const parsed = parsedText(item, lineNumber);
    // A string spread over several lines is sent on one, as the upload does.
    return parsed.line !== undefined && (item.includes("\n") || item.includes("\r"))
      ? { ...parsed, text: toJsonLine(parsed.line) }
      : parsed;
  }
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    return {
      lineNumber,
      text: "",
      unreadable: { code: "INVALID_JSON", message: "The item is not an object." },
    };
  }
  try {
    return { lineNumber, text: toJsonLine(item as ManifestLine), line: item as ManifestLine, typed: true };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      lineNumber,
      text: "",
      unreadable: { code: "INVALID_JSON", message: `The item cannot be serialized (${why}).` },
    };
  }
}

/**
 * Reads any upload source as numbered lines in input order, blank lines left out.
 *
 * @param source - what an upload would read.
 * @param signal - stops reading (the generator throws the signal's reason).
 */
export async function* readManifestLines(
  source: UploadSource,
  signal: AbortSignal | undefined,
): AsyncGenerator<NumberedLine> {
  signal?.throwIfAborted();
  if (
    typeof source === "string" ||
    source instanceof URL ||
    isManifestText(source) ||
    isReadableStream(source)
  ) {
    for await (const raw of readRawLines(source, signal)) {
      if (raw.text === undefined) {
        yield {
          lineNumber: raw.lineNumber,
          text: "",
          unreadable: {
            code: "LINE_TOO_LONG",
            message: `The line is ${raw.byteLength} bytes long, over the service's limit.`,
          },
        };
      } else if (raw.invalidUtf8 === true) {
        yield {
          lineNumber: raw.lineNumber,
          text: raw.text,
          unreadable: { code: "INVALID_JSON", message: "The line is not valid UTF-8." },
        };
      } else {
        yield parsedText(raw.text, raw.lineNumber);
      }
    }
    return;
  }
  let lineNumber = 0;
  for await (const item of source as Iterable<unknown> | AsyncIterable<unknown>) {
    signal?.throwIfAborted();
    lineNumber++;
    const line = fromItem(item, lineNumber);
    if (line !== undefined) yield line;
  }
}

/**
 * Every problem of a line, as the upload will find them: `parseManifestLine`'s for text (its length
 * included), `validateLine`'s for a typed line.
 *
 * @param record - a line read by {@link readManifestLines}, with a parsed `line`.
 */
export function problemsOf(record: NumberedLine): readonly ValidationProblem[] {
  return record.typed === true
    ? validateLineAt(record.line, record.lineNumber)
    : parseManifestLine(record.text, record.lineNumber).problems;
}
