import { ManifestValidationError } from "../errors/manifest-validation-error.js";
import { PayloadTooLargeError } from "../errors/payload-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../limits.js";
import { makeProblem, type ValidationProblem } from "../manifest/problems.js";
import { utf8ByteLength } from "../manifest/serialize.js";
import type { ManifestLine } from "../manifest/types.js";
import { recordFromLine } from "./upload/source.js";

/**
 * The changes of one UpdateDatasetEntries request:
 * - typed lines (any iterable), validated and serialized here;
 * - strings, each one line, sent as they are (an iterable of strings);
 * - a whole manifest text (one `string`), sent as it is;
 * - bytes, sent as they are.
 *
 * An iterable may mix typed lines and strings. Only typed lines are validated: text and bytes are sent
 * byte for byte, as given.
 */
export type EntryChanges = Iterable<ManifestLine | string> | string | Uint8Array;

/** One request's body, ready to send. @internal */
export interface EncodedChanges {
  /** The UTF-8 body, strictly under the ceiling. */
  readonly body: Uint8Array;
  /** Lines in an iterable input; `undefined` for a whole text or bytes (not parsed here). */
  readonly lineCount: number | undefined;
}

/**
 * Checks a byte ceiling option: a whole number of bytes no larger than the service's own limit.
 *
 * @internal
 */
export function resolveMaxRequestBytes(value: number | undefined): number {
  const ceiling = value ?? MAX_GROUND_TRUTH_BYTES;
  if (!Number.isInteger(ceiling) || ceiling < 2 || ceiling > MAX_GROUND_TRUTH_BYTES) {
    throw new TypeError(
      `Expected \`maxRequestBytes\` to be an integer in 2..${MAX_GROUND_TRUTH_BYTES}, got ${String(value)}.`,
    );
  }
  return ceiling;
}

function emptyChanges(): ManifestValidationError {
  return new ManifestValidationError(
    [
      makeProblem(
        "ERROR_EMPTY_MANIFEST",
        "",
        "There are no changes to send: UpdateDatasetEntries needs at least one byte of manifest lines.",
      ),
    ],
    { subject: "updateEntries() changes" },
  );
}

/** How many bad line numbers an error message lists; every problem is still in the error's `problems`. */
const LINES_IN_MESSAGE = 10;

/** Serializes an iterable of lines, validating typed ones (all problems of every bad line collected). */
function joinLines(changes: Iterable<ManifestLine | string>): { text: string; lineCount: number } {
  const texts: string[] = [];
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  let firstBad: number | undefined;
  let lineNumber = 0;
  for (const item of changes) {
    lineNumber += 1;
    if (typeof item === "string") {
      texts.push(item);
      continue;
    }
    // The same record an upload makes: validated, serialized, and the serialized length checked.
    const record = recordFromLine(item, lineNumber);
    const lineProblems = record.problems.filter((problem) => problem.severity === "error");
    const sourceRef = (item as { "source-ref"?: unknown })?.["source-ref"];
    if (typeof sourceRef === "string") {
      const earlier = seen.get(sourceRef);
      if (earlier === undefined) seen.set(sourceRef, lineNumber);
      else {
        // Never sent: what the service keeps of a repeated source-ref is not documented (see "A source-ref
        // repeated within one request" in docs/ARCHITECTURE.md).
        lineProblems.push(
          makeProblem(
            "DUPLICATE_SOURCE_REF",
            "source-ref",
            `This source-ref is already on line ${earlier}; one request must not carry it twice (the service does not document which line it would keep).`,
            "error",
            lineNumber,
          ),
        );
      }
    }
    if (lineProblems.length > 0) {
      firstBad ??= lineNumber;
      problems.push(...lineProblems);
      continue;
    }
    texts.push(record.text);
  }
  if (problems.length > 0) {
    const bad = [...new Set(problems.map((problem) => problem.lineNumber))];
    if (bad.length === 1 && firstBad !== undefined) {
      throw new ManifestValidationError(problems, { subject: "updateEntries() line", lineNumber: firstBad });
    }
    const listed = bad.slice(0, LINES_IN_MESSAGE).join(", ");
    const more = bad.length > LINES_IN_MESSAGE ? `, and ${bad.length - LINES_IN_MESSAGE} more` : "";
    throw new ManifestValidationError(problems, {
      subject: `updateEntries() input (${bad.length} bad lines: ${listed}${more})`,
    });
  }
  return { text: texts.join("\n"), lineCount: lineNumber };
}

/**
 * Turns changes into the body of one UpdateDatasetEntries request, refusing before anything is sent:
 * typed lines with errors ({@link ManifestValidationError}, every problem with its 1-based line number),
 * an empty body, and a body at or over `maxRequestBytes` UTF-8 bytes ({@link PayloadTooLargeError}).
 *
 * @internal
 */
export function encodeChanges(
  datasetArn: string,
  changes: EntryChanges,
  maxRequestBytes: number,
): EncodedChanges {
  let body: Uint8Array;
  let lineCount: number | undefined;
  if (changes instanceof Uint8Array) {
    body = changes;
  } else {
    let text: string;
    if (typeof changes === "string") text = changes;
    else ({ text, lineCount } = joinLines(changes));
    // Count before encoding: an oversize text is refused without allocating its bytes.
    const byteLength = utf8ByteLength(text);
    if (byteLength >= maxRequestBytes) {
      throw new PayloadTooLargeError({ datasetArn, byteLength, limit: maxRequestBytes });
    }
    body = new TextEncoder().encode(text);
  }
  if (body.byteLength === 0) throw emptyChanges();
  if (body.byteLength >= maxRequestBytes) {
    throw new PayloadTooLargeError({ datasetArn, byteLength: body.byteLength, limit: maxRequestBytes });
  }
  return { body, lineCount };
}
