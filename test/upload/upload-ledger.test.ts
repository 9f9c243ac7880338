import { describe, expect, it } from "vitest";
import type { RequestPlan } from "../../src/client/upload/pack.js";
import { UploadLedger } from "../../src/client/upload/upload-ledger.js";
import type { InvalidLine } from "../../src/errors/invalid-lines-error.js";
import { ARN } from "./fake-operations.js";

function plan(index: number, firstLine: number, lastLine: number, bytes: number): RequestPlan {
  return {
    index,
    firstLine,
    lastLine,
    lines: lastLine - firstLine + 1,
    bytes,
    inputEnd: lastLine,
    throughLine: lastLine,
    duplicatesReplaced: [],
  };
}

function invalid(lineNumber: number): InvalidLine {
  return {
    lineNumber,
    codes: ["INVALID_JSON"],
    problems: [{ code: "INVALID_JSON", message: "not JSON", path: "", severity: "error" }],
  };
}

describe("UploadLedger", () => {
  it("starts empty, with the time since the start", () => {
    const ledger = new UploadLedger(ARN, 1000, 10);
    expect(ledger.result(1250)).toEqual({
      datasetArn: ARN,
      requests: [],
      inputLinesDone: 0,
      lastLineDone: 0,
      appliedRequestLines: 0,
      appliedRequestBytes: 0,
      linesSkipped: [],
      duplicatesReplaced: [],
      durationMs: 250,
      statisticsBefore: {},
      statisticsAfter: {},
    });
  });

  it("counts a request sent, then applied, in the events and the result", () => {
    const ledger = new UploadLedger(ARN, 0, 10);
    ledger.planned({ totalLines: 5, totalBytes: 900, totalRequests: 2 });
    const first = plan(0, 1, 3, 600);
    ledger.sending(first, 1);
    expect(ledger.result(0).unconfirmedRequest).toEqual({
      index: 0,
      firstLine: 1,
      lastLine: 3,
      lines: 3,
      bytes: 600,
      sends: 1,
    });
    expect(ledger.sent(first)).toEqual({
      type: "sent",
      requestIndex: 0,
      requestsDone: 1,
      linesDone: 3,
      bytesDone: 600,
      totalLines: 5,
      totalBytes: 900,
      totalRequests: 2,
    });
    expect(Object.isFrozen(ledger.sent(first))).toBe(true);
    expect(ledger.applied(first, 1)).toMatchObject({ type: "applied", requestsDone: 1, linesDone: 3 });
    const result = ledger.result(0);
    expect(result.unconfirmedRequest).toBeUndefined();
    expect(result).toMatchObject({
      inputLinesDone: 3,
      lastLineDone: 3,
      appliedRequestLines: 3,
      appliedRequestBytes: 600,
    });
  });

  it("counts a request sent twice (a resend) once, and its sends in its report", () => {
    const ledger = new UploadLedger(ARN, 0, 10);
    const first = plan(0, 1, 2, 100);
    ledger.sending(first, 1);
    ledger.sent(first);
    ledger.updateFailed();
    ledger.sending(first, 2);
    expect(ledger.sent(first)).toMatchObject({ requestsDone: 1, linesDone: 2, bytesDone: 100 });
    ledger.applied(first, 2);
    expect(ledger.result(0).requests).toEqual([expect.objectContaining({ index: 0, sends: 2 })]);
  });

  it("drops the unconfirmed request when a send is refused, and keeps an earlier one that may be applied", () => {
    const ledger = new UploadLedger(ARN, 0, 10);
    const first = plan(0, 1, 2, 100);
    ledger.notSent(ledger.sending(first, 1));
    expect(ledger.result(0).unconfirmedRequest).toBeUndefined();

    const mayBeApplied = ledger.sending(first, 2);
    ledger.notSent(ledger.sending(first, 3));
    expect(mayBeApplied).toBeUndefined();
    expect(ledger.result(0).unconfirmedRequest).toMatchObject({ index: 0, sends: 3 });
  });

  it("lists invalid lines up to the limit, counts them all, and reports skipped ones in full", () => {
    const ledger = new UploadLedger(ARN, 0, 2);
    for (const line of [1, 2, 3]) ledger.invalidLine(invalid(line), true);
    ledger.invalidLine(invalid(4), false);
    expect(ledger.invalidLineCount).toBe(4);
    expect(ledger.invalidLines.map((line) => line.lineNumber)).toEqual([1, 2]);
    expect(ledger.result(0).linesSkipped.map((line) => line.lineNumber)).toEqual([1, 2, 3]);
  });

  it("keeps the first statistics as before and the latest as after", () => {
    const ledger = new UploadLedger(ARN, 0, 10);
    ledger.described({ totalEntries: 1 });
    ledger.described({ totalEntries: 5 });
    ledger.described({ totalEntries: 9 });
    expect(ledger.result(0)).toMatchObject({
      statisticsBefore: { totalEntries: 1 },
      statisticsAfter: { totalEntries: 9 },
    });
  });

  it("reports a resume, its pending request, and forgets both when the resume is refused", () => {
    const ledger = new UploadLedger(ARN, 0, 10);
    ledger.resumeAt({ inputLinesDone: 4, lastLineDone: 6 });
    ledger.pendingRequestWas("confirmed-applied");
    expect(ledger.result(0)).toMatchObject({
      inputLinesDone: 4,
      lastLineDone: 6,
      resumedFromLine: 6,
      resumedPendingRequest: "confirmed-applied",
    });
    ledger.resumeRefused();
    const refused = ledger.result(0);
    expect(refused).toMatchObject({ inputLinesDone: 0, lastLineDone: 0 });
    expect(refused).not.toHaveProperty("resumedFromLine");
    expect(refused).not.toHaveProperty("resumedPendingRequest");
  });
});
