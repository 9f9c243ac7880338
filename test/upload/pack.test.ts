import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PrefixFingerprint } from "../../src/client/upload/fingerprint.js";
import {
  type PackedRequest,
  type PackItem,
  packRequests,
  planRequests,
} from "../../src/client/upload/pack.js";
import { isLineTooLargeError } from "../../src/errors/line-too-large-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../../src/limits.js";
import { collect } from "../support/async.js";

function item(text: string, lineNumber: number, sourceRef?: string): PackItem {
  return {
    lineNumber,
    text,
    byteLength: Buffer.byteLength(text),
    send: true,
    ...(sourceRef === undefined ? {} : { sourceRef }),
  };
}

function items(texts: readonly string[]): PackItem[] {
  return texts.map((text, i) => item(text, i + 1));
}

function bodyLines(request: PackedRequest): string[] {
  return Buffer.from(request.body).toString("utf8").split("\n");
}

/** Text with no newline (a manifest line never has one), any Unicode including astral characters. */
const lineText = fc
  .string({ unit: "binary", minLength: 1, maxLength: 40 })
  .map((text) => text.replace(/[\n\r]/g, "x"));

describe("packRequests", () => {
  it("puts small lines into one body joined with newlines, without a trailing newline", async () => {
    const [request, ...rest] = await collect(packRequests(items(["a", "bb", "ccc"])));
    expect(rest).toHaveLength(0);
    expect(Buffer.from(request!.body).toString()).toBe("a\nbb\nccc");
    expect(request).toMatchObject({ index: 0, firstLine: 1, lastLine: 3, lines: 3, bytes: 8, inputEnd: 3 });
  });

  it("never makes a body of exactly the ceiling: the line that would reach it opens the next request", async () => {
    // 4 + 1 + 5 = 10 bytes: exactly the ceiling, so it must split.
    const requests = await collect(packRequests(items(["aaaa", "bbbbb"]), { maxRequestBytes: 10 }));
    expect(requests.map((request) => request.bytes)).toEqual([4, 5]);
  });

  it("accepts a body one byte under the ceiling", async () => {
    const requests = await collect(packRequests(items(["aaaa", "bbbb"]), { maxRequestBytes: 10 }));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.bytes).toBe(9);
  });

  it("accepts a single line one byte under the ceiling and refuses one of exactly the ceiling, naming it", async () => {
    const fits = await collect(packRequests(items(["x".repeat(9)]), { maxRequestBytes: 10 }));
    expect(fits[0]!.bytes).toBe(9);

    const error = await collect(packRequests(items(["ok", "y".repeat(10)]), { maxRequestBytes: 10 })).catch(
      (caught: unknown) => caught,
    );
    expect(isLineTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ lineNumber: 2, byteLength: 10, maxRequestBytes: 10 });
  });

  it("counts multi-byte UTF-8 in bytes, not characters", async () => {
    // "é" is 2 bytes and "😀" 4: 3 characters that take 8 bytes.
    const text = "é😀é";
    expect(text.length).toBe(4);
    const requests = await collect(packRequests(items([text, text]), { maxRequestBytes: 17 }));
    expect(requests.map((request) => request.bytes)).toEqual([8, 8]);
    const together = await collect(packRequests(items([text, text]), { maxRequestBytes: 18 }));
    expect(together).toHaveLength(1);
    expect(together[0]!.body.byteLength).toBe(17);
    expect(bodyLines(together[0]!)).toEqual([text, text]);
  });

  it("refuses a line whose characters fit but whose bytes do not", async () => {
    const error = await collect(packRequests(items(["éééé"]), { maxRequestBytes: 8 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "LineTooLargeError", lineNumber: 1, byteLength: 8 });
  });

  it("uses the service's limit by default, staying strictly under 5,242,880 bytes", async () => {
    const line = "z".repeat(1_000_000);
    const requests = await collect(packRequests(items(Array.from({ length: 11 }, () => line))));
    expect(requests.map((request) => request.lines)).toEqual([5, 5, 1]);
    for (const request of requests) expect(request.bytes).toBeLessThan(MAX_GROUND_TRUTH_BYTES);
  });

  it("lets a later line replace an earlier one with the same source-ref inside one request, and reports both", async () => {
    const input = [
      item('{"source-ref":"s3://b/1.jpg","v":1}', 1, "s3://b/1.jpg"),
      item('{"source-ref":"s3://b/2.jpg"}', 2, "s3://b/2.jpg"),
      item('{"source-ref":"s3://b/1.jpg","v":2}', 3, "s3://b/1.jpg"),
    ];
    const [request] = await collect(packRequests(input));
    expect(bodyLines(request!)).toEqual([input[1]!.text, input[2]!.text]);
    expect(request).toMatchObject({ lines: 2, firstLine: 1, lastLine: 3 });
    expect(request!.bytes).toBe(request!.body.byteLength);
    expect(request!.duplicatesReplaced).toEqual([
      { sourceRef: "s3://b/1.jpg", lineNumber: 1, replacedBy: 3 },
    ]);
  });

  it("keeps a line whose duplicate only comes in a later request (the later request updates it)", async () => {
    const input = [item("aaaa", 1, "s3://b/1"), item("bbbb", 2, "s3://b/2"), item("cccc", 3, "s3://b/1")];
    const requests = await collect(packRequests(input, { maxRequestBytes: 10 }));
    expect(requests.map(bodyLines)).toEqual([["aaaa", "bbbb"], ["cccc"]]);
    expect(requests.flatMap((request) => request.duplicatesReplaced)).toEqual([]);
  });

  it("counts lines that are not sent toward the request's input range and fingerprint", async () => {
    const input: PackItem[] = [
      { lineNumber: 1, text: "bad", byteLength: 3, send: false },
      item("aaaa", 2),
      { lineNumber: 4, text: "worse", byteLength: 5, send: false },
      item("bbbbbbbb", 5),
      { lineNumber: 6, text: "tail", byteLength: 4, send: false },
    ];
    const fingerprint = new PrefixFingerprint();
    const requests = await collect(packRequests(input, { maxRequestBytes: 10, fingerprint }));
    expect(
      requests.map((request) => [request.firstLine, request.lastLine, request.inputEnd, request.throughLine]),
    ).toEqual([
      [2, 2, 3, 4],
      [5, 5, 5, 6],
    ]);
    const expected = createHash("sha256").update("bad\naaaa\nworse\n").digest("hex");
    expect(requests[0]!.fingerprint).toBe(expected);
    expect(requests[1]!.fingerprint).toBe(
      createHash("sha256").update("bad\naaaa\nworse\nbbbbbbbb\ntail\n").digest("hex"),
    );
  });

  it("counts from inputStart on a resume", async () => {
    const [request] = await collect(packRequests(items(["a", "b"]), { inputStart: 40 }));
    expect(request!.inputEnd).toBe(42);
  });

  it("hands out bodies that later requests never overwrite", async () => {
    const generator = packRequests(items(["aaaa", "bbbb", "cccc", "dddd"]), { maxRequestBytes: 10 });
    const first = (await generator.next()).value as PackedRequest;
    const rest = await collect(generator);
    expect(Buffer.from(first.body).toString()).toBe("aaaa\nbbbb");
    expect(rest.map((request) => Buffer.from(request.body).toString())).toEqual(["cccc\ndddd"]);
  });

  it("gives every request a buffer of its own, which no later request touches", async () => {
    const requests = await collect(
      packRequests(items(["aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff", "gggg"]), { maxRequestBytes: 10 }),
    );
    expect(requests.map((request) => Buffer.from(request.body).toString())).toEqual([
      "aaaa\nbbbb",
      "cccc\ndddd",
      "eeee\nffff",
      "gggg",
    ]);
    expect(new Set(requests.map((request) => request.body.buffer)).size).toBe(4);
  });

  it("counts inputEnd from the fingerprint's lines when given one (it holds the lines a resume skipped)", async () => {
    const fingerprint = new PrefixFingerprint();
    for (const text of ["x", "y", "z"]) fingerprint.update(text);
    const [request] = await collect(packRequests(items(["a", "b"]), { fingerprint }));
    expect(request!.inputEnd).toBe(5);
  });
});

describe("planRequests", () => {
  it("plans exactly the requests packRequests makes, without bodies", async () => {
    const input = items(["aaaa", "bbbbb", "c", "dd", "eeeeeeee"]);
    const packed = await collect(packRequests(input, { maxRequestBytes: 10 }));
    const planned = await collect(planRequests(input, { maxRequestBytes: 10 }));
    expect(planned).toEqual(packed.map(({ body: _body, ...plan }) => plan));
    expect(planned.some((plan) => "body" in plan)).toBe(false);
  });
});

describe("packRequests properties", () => {
  it("keeps every body under the ceiling, lines in order, none split, lost or duplicated, close to the minimum count", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineText, { maxLength: 60 }),
        fc.integer({ min: 8, max: 200 }),
        async (texts, ceiling) => {
          const fitting = texts.filter((text) => Buffer.byteLength(text) < ceiling);
          const requests = await collect(packRequests(items(fitting), { maxRequestBytes: ceiling }));
          for (const request of requests) {
            expect(request.bytes).toBeLessThan(ceiling);
            expect(request.body.byteLength).toBe(request.bytes);
          }
          expect(requests.flatMap(bodyLines)).toEqual(fitting);
          expect(requests.map((request) => request.index)).toEqual(requests.map((_, i) => i));
          // Bounds on the count: no body can hold more than ceiling - 1 bytes, and two neighbours together
          // always hold at least a ceiling's worth (greedy in-order packing).
          const joined =
            requests.reduce((sum, request) => sum + request.bytes, 0) + Math.max(0, requests.length - 1);
          if (requests.length > 0)
            expect(requests.length).toBeGreaterThanOrEqual(Math.ceil((joined + 1) / ceiling));
          expect(Math.floor(requests.length / 2) * ceiling).toBeLessThanOrEqual(joined);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sends exactly the last line of each source-ref inside a request, even after heavy replacement", async () => {
    const arbitrary = fc.array(fc.tuple(lineText, fc.integer({ min: 0, max: 3 })), { maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.integer({ min: 45, max: 120 }), async (pairs, ceiling) => {
        const input = pairs.map(([text, ref], i) => item(text, i + 1, `s3://b/${ref}`));
        const fitting = input.filter((candidate) => candidate.byteLength < ceiling);
        const requests = await collect(packRequests(fitting, { maxRequestBytes: ceiling }));
        const plans = await collect(planRequests(fitting, { maxRequestBytes: ceiling }));
        expect(plans).toEqual(requests.map(({ body: _body, ...plan }) => plan));
        let next = 0;
        for (const request of requests) {
          expect(request.bytes).toBeLessThan(ceiling);
          expect(request.body.byteLength).toBe(request.bytes);
          const members = fitting.filter(
            (candidate) =>
              candidate.lineNumber >= request.firstLine && candidate.lineNumber <= request.lastLine,
          );
          expect(members[0]).toBe(fitting[next]);
          next += members.length;
          const lastByRef = new Map(members.map((member) => [member.sourceRef, member]));
          const kept = members.filter((member) => lastByRef.get(member.sourceRef) === member);
          expect(bodyLines(request)).toEqual(kept.map((member) => member.text));
          expect(request.lines).toBe(kept.length);
          expect(request.duplicatesReplaced).toHaveLength(members.length - kept.length);
        }
        expect(next).toBe(fitting.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("packRequests misuse", () => {
  it("refuses an item whose byteLength is not its text's UTF-8 length", async () => {
    const wrong: PackItem = { lineNumber: 3, text: "é", byteLength: 1, send: true };
    await expect(collect(packRequests([wrong]))).rejects.toThrow(TypeError);
  });
});
