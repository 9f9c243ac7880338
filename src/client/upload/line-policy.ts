/**
 * The validation stage of an upload: decides, line by line, what is sent, what is skipped, and when an
 * invalid line stops everything.
 *
 * @module
 */
import type { InvalidLine } from "../../errors/invalid-lines-error.js";
import type { PackItem } from "./pack.js";
import type { UploadRecord } from "./source.js";
import type { InvalidLinePolicy } from "./types.js";

/**
 * Thrown inside the pipeline when an invalid line stops the upload (`"stop"` policy); the upload turns it
 * into an `InvalidLinesError` carrying its result.
 *
 * @internal
 */
export class InvalidLineStop extends Error {
  /** The line that stopped the upload. */
  readonly invalidLine: InvalidLine;

  /** @param invalidLine - the line that stopped the upload. */
  constructor(invalidLine: InvalidLine) {
    super(`Invalid line ${invalidLine.lineNumber}`);
    this.invalidLine = invalidLine;
  }
}

/**
 * The line's error-severity problems as an {@link InvalidLine}, or `undefined` when it has none (warnings
 * alone leave a line usable).
 *
 * @param record - one input line.
 */
export function invalidLineOf(record: UploadRecord): InvalidLine | undefined {
  let errors: UploadRecord["problems"][number][] | undefined;
  for (const problem of record.problems) {
    if (problem.severity === "error") (errors ??= []).push(problem);
  }
  if (errors === undefined) return undefined;
  return {
    lineNumber: record.lineNumber,
    codes: [...new Set(errors.map((problem) => problem.code))],
    problems: errors,
  };
}

/** Where {@link applyLinePolicy} reports what it left out. */
export interface LinePolicySink {
  /** Called for every invalid line (under `"stop"`, just before the stop). */
  onInvalid(line: InvalidLine): void;
}

/**
 * Turns records into pack items. A valid line is sent (keyed by its `source-ref` for duplicate handling);
 * an invalid one is, under `"skip"`, reported and passed on as not sent (it still counts for the
 * checkpoint), and under `"stop"`, reported and the stream fails with {@link InvalidLineStop} before any
 * request can carry it.
 *
 * @param records - the input lines.
 * @param policy - `"stop"` or `"skip"`.
 * @param sink - told about every invalid line.
 */
export async function* applyLinePolicy(
  records: AsyncIterable<UploadRecord>,
  policy: InvalidLinePolicy,
  sink: LinePolicySink,
): AsyncGenerator<PackItem, void, undefined> {
  for await (const record of records) yield packItemOf(record, policy, sink);
}

/**
 * {@link applyLinePolicy} for one record, for a loop that runs its stages without a generator between them.
 *
 * @param record - one input line.
 * @param policy - `"stop"` or `"skip"`.
 * @param sink - told about an invalid line.
 * @throws {@link InvalidLineStop} for an invalid line under `"stop"`.
 * @internal
 */
export function packItemOf(record: UploadRecord, policy: InvalidLinePolicy, sink: LinePolicySink): PackItem {
  const invalid = invalidLineOf(record);
  if (invalid === undefined) {
    const sourceRef = record.line?.["source-ref"];
    return typeof sourceRef === "string"
      ? {
          lineNumber: record.lineNumber,
          text: record.text,
          byteLength: record.byteLength,
          send: true,
          sourceRef,
        }
      : { lineNumber: record.lineNumber, text: record.text, byteLength: record.byteLength, send: true };
  }
  sink.onInvalid(invalid);
  if (policy === "stop") throw new InvalidLineStop(invalid);
  return { lineNumber: record.lineNumber, text: record.text, byteLength: record.byteLength, send: false };
}
