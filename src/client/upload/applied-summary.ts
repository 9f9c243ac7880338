import type { UploadResult } from "./types.js";

/**
 * One sentence saying what an upload applied before it stopped, for error messages: a program reads
 * `result`, a person reads this.
 *
 * @param result - the partial result.
 * @internal
 */
export function describeApplied(result: UploadResult): string {
  const resumed =
    result.resumedFromLine === undefined ? "" : ` (resumed after line ${result.resumedFromLine})`;
  const done =
    result.inputLinesDone === 0
      ? "No input line is applied"
      : `Input lines through line ${result.lastLineDone} (${result.inputLinesDone} line(s)) are applied`;
  const unconfirmed =
    result.unconfirmedRequest === undefined
      ? ""
      : ` Request ${result.unconfirmedRequest.index} (lines ${result.unconfirmedRequest.firstLine}-` +
        `${result.unconfirmedRequest.lastLine}) was sent but not seen to complete: it may or may not be applied.`;
  return `${done}${resumed}; ${result.requests.length} request(s) applied in this run.${unconfirmed}`;
}
