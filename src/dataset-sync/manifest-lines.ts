/**
 * Any upload source read as numbered lines, each parsed and validated: the manifest side of a diff or a
 * sync. Files and streams go through `readManifest` (streamed, memory bounded); strings through
 * `parseManifestLine`; typed lines through `validateLine` and `toJsonLine`.
 *
 * @module
 */
import type { UploadSource } from "../client/upload/types.js";
import { parseManifestLine } from "../manifest/parse.js";
import type { ValidationProblem } from "../manifest/problems.js";
import { readManifest } from "../manifest/reader.js";
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
  /** Its problems (parse and validation), warnings included. */
  readonly problems: readonly ValidationProblem[];
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

function lineOf(item: unknown, lineNumber: number): NumberedLine | undefined {
  if (typeof item === "string") {
    if (item.trim() === "") return undefined;
    const parsed = parseManifestLine(item, lineNumber);
    // A string spread over several lines is sent on one, as the upload does.
    const text =
      parsed.line !== undefined && (item.includes("\n") || item.includes("\r"))
        ? toJsonLine(parsed.line)
        : item;
    return parsed.line === undefined
      ? { lineNumber, text, problems: parsed.problems }
      : { lineNumber, text, line: parsed.line, problems: parsed.problems };
  }
  const problems = validateLineAt(item, lineNumber);
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    return { lineNumber, text: String(item), problems };
  }
  let text: string;
  try {
    text = toJsonLine(item as ManifestLine);
  } catch {
    // Not serializable (a cycle, a BigInt): validation has reported it; it cannot be compared or sent.
    return { lineNumber, text: "", problems };
  }
  return { lineNumber, text, line: item as ManifestLine, problems };
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
  if (
    typeof source === "string" ||
    source instanceof URL ||
    isManifestText(source) ||
    isReadableStream(source)
  ) {
    yield* readManifest(source, signal === undefined ? {} : { signal });
    return;
  }
  let lineNumber = 0;
  for await (const item of source as Iterable<unknown> | AsyncIterable<unknown>) {
    signal?.throwIfAborted();
    lineNumber++;
    const line = lineOf(item, lineNumber);
    if (line !== undefined) yield line;
  }
}
