/**
 * The body of one UpdateDatasetEntries request, from the same sources an upload reads and through the same
 * record stage (src/client/upload/source.ts, one-bucket.ts, line-policy.ts), so that updateEntries and the
 * upload cannot disagree on what a source means or which lines may be sent.
 *
 * @module
 */

import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { ManifestValidationError } from "../errors/manifest-validation-error.js";
import { PayloadTooLargeError } from "../errors/payload-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../limits.js";
import { makeProblem, type ValidationProblem } from "../manifest/problems.js";
import { applyLinePolicy } from "./upload/line-policy.js";
import { inOneBucket } from "./upload/one-bucket.js";
import { readUploadSource } from "./upload/source.js";
import type { UploadSource } from "./upload/types.js";

/**
 * The changes of one UpdateDatasetEntries request. The same sources as an upload's ({@link UploadSource}),
 * read the same way:
 * - an iterable or async iterable of typed lines or JSON-line strings (a string item is one line: one that
 *   spans several lines is put back on one; whitespace-only items are skipped);
 * - a manifest file path (a `string` is always a path, never content) or a `file:` URL;
 * - `{ text }`: manifest content held in memory;
 * - a readable stream of manifest content;
 *
 * every line validated (parse errors, the line's own rules, one S3 bucket, and no `source-ref` twice, since
 * the service's documentation does not say what one request holding it twice does). And:
 * - bytes (`Uint8Array`): the one way to send a body as it is, unparsed and unchecked but for its size.
 */
export type EntryChanges = UploadSource | Uint8Array;

/** One request's body, ready to send. @internal */
export interface EncodedChanges {
  /** The UTF-8 body, strictly under the ceiling. */
  readonly body: Uint8Array;
  /** Lines in the body; `undefined` for bytes (not parsed). */
  readonly lineCount: number | undefined;
}

/** The smallest ceiling that still lets a one-byte body through (a body must stay strictly under it). */
const MIN_REQUEST_BYTES = 2;

/**
 * Checks a byte ceiling option: a whole number of bytes no larger than the service's own limit.
 *
 * @throws {@link InvalidOptionsError} naming `maxRequestBytes` and the value.
 * @internal
 */
export function resolveMaxRequestBytes(value: unknown): number {
  const ceiling = value === undefined ? MAX_GROUND_TRUTH_BYTES : value;
  if (
    typeof ceiling !== "number" ||
    !Number.isInteger(ceiling) ||
    ceiling < MIN_REQUEST_BYTES ||
    ceiling > MAX_GROUND_TRUTH_BYTES
  ) {
    throw new InvalidOptionsError({
      option: "maxRequestBytes",
      expected: `an integer from ${MIN_REQUEST_BYTES} to ${MAX_GROUND_TRUTH_BYTES}`,
      value,
    });
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

function invalidChanges(problems: readonly ValidationProblem[]): ManifestValidationError {
  const bad = [...new Set(problems.map((problem) => problem.lineNumber))];
  if (bad.length === 1 && bad[0] !== undefined) {
    return new ManifestValidationError(problems, { subject: "updateEntries() line", lineNumber: bad[0] });
  }
  const listed = bad.slice(0, LINES_IN_MESSAGE).join(", ");
  const more = bad.length > LINES_IN_MESSAGE ? `, and ${bad.length - LINES_IN_MESSAGE} more` : "";
  return new ManifestValidationError(problems, {
    subject: `updateEntries() input (${bad.length} bad lines: ${listed}${more})`,
  });
}

function checkBytes(datasetArn: string, body: Uint8Array, maxRequestBytes: number): EncodedChanges {
  if (body.byteLength === 0) throw emptyChanges();
  if (body.byteLength >= maxRequestBytes) {
    throw new PayloadTooLargeError({ datasetArn, byteLength: body.byteLength, limit: maxRequestBytes });
  }
  return { body, lineCount: undefined };
}

/**
 * Reads changes into the body of one UpdateDatasetEntries request, refusing before anything is sent:
 * lines with errors ({@link ManifestValidationError}: every problem of every bad line, with its 1-based line
 * number), a `source-ref` twice, an empty body, and a body at or over `maxRequestBytes` UTF-8 bytes
 * ({@link PayloadTooLargeError}; reading stops as soon as the body reaches the ceiling).
 *
 * @param datasetArn - the dataset, for errors.
 * @param changes - what to send.
 * @param maxRequestBytes - the ceiling the body must stay strictly under.
 * @param signal - stops reading (the read rejects with the signal's reason).
 * @internal
 */
export async function encodeChanges(
  datasetArn: string,
  changes: EntryChanges,
  maxRequestBytes: number,
  signal?: AbortSignal,
): Promise<EncodedChanges> {
  if (changes instanceof Uint8Array) return checkBytes(datasetArn, changes, maxRequestBytes);
  const problems: ValidationProblem[] = [];
  const records = inOneBucket(readUploadSource(changes, signal === undefined ? {} : { signal }));
  // "skip" so that every bad line is reported, not only the first; none of them is sent.
  const items = applyLinePolicy(records, "skip", { onInvalid: (line) => problems.push(...line.problems) });
  const firstLineOf = new Map<string, number>();
  const texts: string[] = [];
  let byteLength = 0;
  for await (const item of items) {
    if (!item.send) continue;
    if (item.sourceRef !== undefined) {
      const earlier = firstLineOf.get(item.sourceRef);
      if (earlier !== undefined) {
        problems.push(
          makeProblem(
            "DUPLICATE_SOURCE_REF",
            "source-ref",
            `This source-ref is already on line ${earlier}; one request must not hold an image twice.`,
            "error",
            item.lineNumber,
          ),
        );
        continue;
      }
      firstLineOf.set(item.sourceRef, item.lineNumber);
    }
    byteLength += (texts.length === 0 ? 0 : 1) + item.byteLength;
    if (byteLength >= maxRequestBytes) {
      // Nothing more can make it fit: stop reading (a large file is not read to its end for nothing).
      throw new PayloadTooLargeError({ datasetArn, byteLength, limit: maxRequestBytes });
    }
    texts.push(item.text);
  }
  if (problems.length > 0) throw invalidChanges(problems);
  if (texts.length === 0) throw emptyChanges();
  return { body: new TextEncoder().encode(texts.join("\n")), lineCount: texts.length };
}
