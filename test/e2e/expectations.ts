/**
 * What every end-to-end upload must satisfy, whatever was injected: the dataset holds exactly the input
 * (or exactly the applied prefix when the upload stopped), progress events add up, the result's figures
 * agree with each other and with the dataset.
 */
import { expect } from "vitest";
import type { UploadProgressEvent, UploadResult } from "../../src/client/upload/types.js";
import { isDatasetError, toJsonLine, utf8ByteLength } from "../../src/index.js";
import type { LocalRekognition } from "../../src/local/index.js";
import type { ManifestLine } from "../../src/manifest/types.js";

/** The line's `source-ref`. */
export function sourceRefOf(line: ManifestLine): string {
  return line["source-ref"];
}

/**
 * The dataset holds exactly `expected`: the same source-refs in the same order (so nothing lost and nothing
 * duplicated), each entry equal to its input line.
 */
export function expectStoredExactly(
  local: LocalRekognition,
  datasetArn: string,
  expected: readonly ManifestLine[],
): void {
  const stored = local.entries(datasetArn);
  expect(stored.map(sourceRefOf)).toEqual(expected.map(sourceRefOf));
  // Compared as serialized text: a deep toEqual over thousands of lines costs seconds.
  const storedText = stored.map(toJsonLine);
  const expectedText = expected.map(toJsonLine);
  const first = storedText.findIndex((text, index) => text !== expectedText[index]);
  expect(
    first === -1 ? undefined : { index: first, stored: storedText[first], expected: expectedText[first] },
  ).toBeUndefined();
}

/** What an upload ended with: its result, or the typed error it stopped with (and the result it carries). */
export type UploadOutcome =
  | { readonly kind: "completed"; readonly result: UploadResult }
  | { readonly kind: "stopped"; readonly error: Error & { readonly result: UploadResult } };

/** Runs an upload to its end; an error that is not ours with a result fails the test. */
export async function outcomeOf(upload: Promise<UploadResult>): Promise<UploadOutcome> {
  try {
    return { kind: "completed", result: await upload };
  } catch (error) {
    expect(isDatasetError(error), `not a DatasetError: ${String(error)}`).toBe(true);
    expect(error).toHaveProperty("result");
    return { kind: "stopped", error: error as Error & { readonly result: UploadResult } };
  }
}

/**
 * The rule every faulted upload keeps (for an input with no invalid line): it completed and the dataset
 * holds the input, or it stopped and the dataset holds exactly the lines its result names as applied, plus,
 * at most, the one request it sent without seeing its completion.
 */
export function expectCompleteOrExactPrefix(
  local: LocalRekognition,
  datasetArn: string,
  input: readonly ManifestLine[],
  outcome: UploadOutcome,
): void {
  if (outcome.kind === "completed") {
    expectStoredExactly(local, datasetArn, input);
    expect(outcome.result.inputLinesDone).toBe(input.length);
    return;
  }
  const result = outcome.error.result;
  const applied = input.slice(0, result.inputLinesDone);
  expect(result.lastLineDone).toBe(result.inputLinesDone);
  const stored = local.entries(datasetArn).map(sourceRefOf);
  const unconfirmed = result.unconfirmedRequest;
  if (unconfirmed !== undefined && stored.length > applied.length) {
    // Sent, not seen to complete, and in fact applied: exactly that request's lines, no more.
    expect(unconfirmed.firstLine).toBe(result.inputLinesDone + 1);
    expectStoredExactly(local, datasetArn, input.slice(0, unconfirmed.lastLine));
  } else {
    expectStoredExactly(local, datasetArn, applied);
  }
}

/**
 * The result's figures agree: requests are contiguous and in order, each strictly under the ceiling, their
 * lines and bytes add up to the totals, and the bytes are those of the lines sent.
 */
export function expectConsistentResult(
  result: UploadResult,
  sent: readonly ManifestLine[],
  maxRequestBytes: number,
): void {
  let nextLine = result.requests[0]?.firstLine ?? 1;
  let lines = 0;
  let bytes = 0;
  for (const [index, request] of result.requests.entries()) {
    expect(request.index).toBe(index);
    expect(request.firstLine).toBe(nextLine);
    expect(request.bytes).toBeLessThan(maxRequestBytes);
    expect(request.sends).toBeGreaterThanOrEqual(1);
    nextLine = request.lastLine + 1;
    lines += request.lines;
    bytes += request.bytes;
  }
  expect(result.appliedRequestLines).toBe(lines);
  expect(result.appliedRequestBytes).toBe(bytes);
  expect(result.appliedRequestLines).toBe(sent.length);
  // Each request's body is its lines joined by "\n": one separator fewer than lines per request.
  const lineBytes = sent.reduce((total, line) => total + utf8ByteLength(toJsonLine(line)), 0);
  expect(result.appliedRequestBytes).toBe(lineBytes + sent.length - result.requests.length);
  expect(result.durationMs).toBeGreaterThan(0);
}

/**
 * Collects progress events and checks, at each `"applied"` event, that the emulator really holds the
 * entries the event counts (so no wait ended on a stale completion).
 */
export class ProgressProbe {
  /** Every event, in order. */
  readonly events: UploadProgressEvent[] = [];
  /** Entry counts the emulator held at each `"applied"` event, against what the event implied. */
  readonly heldAtApplied: { readonly held: number; readonly expected: number }[] = [];
  readonly #local: LocalRekognition;
  readonly #datasetArn: string;
  readonly #entriesBefore: number;

  /**
   * @param entriesBefore - entries the dataset held before the upload (none of them in the input).
   */
  constructor(local: LocalRekognition, datasetArn: string, entriesBefore = 0) {
    this.#local = local;
    this.#datasetArn = datasetArn;
    this.#entriesBefore = entriesBefore;
  }

  /** Pass as `onProgress`. */
  readonly onProgress = (event: UploadProgressEvent): void => {
    this.events.push(event);
    if (event.type !== "applied") return;
    const summary = this.#local.datasets().find((dataset) => dataset.arn === this.#datasetArn);
    this.heldAtApplied.push({
      held: summary?.statistics.totalEntries ?? -1,
      expected: this.#entriesBefore + event.linesDone,
    });
  };

  /**
   * Events are consistent with the result: one `"sent"` then one `"applied"` per request, counts rising by
   * each request's figures, totals (when given) equal to what was done, and the dataset holding the counted
   * lines at every `"applied"` event.
   */
  expectConsistentWith(result: UploadResult): void {
    const sent = this.events.filter((event) => event.type === "sent");
    const applied = this.events.filter((event) => event.type === "applied");
    expect(applied).toHaveLength(result.requests.length);
    expect(sent.length).toBeGreaterThanOrEqual(applied.length);
    for (const [index, event] of applied.entries()) {
      const request = result.requests[index]!;
      expect(event.requestIndex).toBe(request.index);
      expect(event.requestsDone).toBe(index + 1);
      const previous = applied[index - 1];
      expect(event.linesDone - (previous?.linesDone ?? 0)).toBe(request.lines);
      expect(event.bytesDone - (previous?.bytesDone ?? 0)).toBe(request.bytes);
    }
    const last = applied.at(-1);
    if (last !== undefined) {
      expect(last.linesDone).toBe(result.appliedRequestLines);
      expect(last.bytesDone).toBe(result.appliedRequestBytes);
      if (last.totalRequests !== undefined) {
        expect(last.totalRequests).toBe(result.requests.length);
        expect(last.totalLines).toBe(result.appliedRequestLines);
        expect(last.totalBytes).toBe(result.appliedRequestBytes);
      }
    }
    // A request resent (busy, service error) is announced again with the same counts: it is one request.
    for (const event of sent) {
      const first = sent.find((other) => other.requestIndex === event.requestIndex)!;
      expect(event).toEqual(first);
    }
    // Each request's first "sent" comes before its "applied".
    for (const event of applied) {
      const sentAt = this.events.findIndex((e) => e.type === "sent" && e.requestIndex === event.requestIndex);
      expect(sentAt).toBeGreaterThanOrEqual(0);
      expect(sentAt).toBeLessThan(this.events.indexOf(event));
    }
    for (const check of this.heldAtApplied) expect(check.held).toBe(check.expected);
  }
}
