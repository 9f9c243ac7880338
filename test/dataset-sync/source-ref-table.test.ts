import { describe, expect, it } from "vitest";
import {
  BASE_ONLY,
  MANIFEST_ONLY,
  MATCHED,
  SourceRefTable,
} from "../../src/dataset-sync/source-ref-table.js";

const digest = (n: number) =>
  String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (n * 31 + i * 7) & 0xff));

describe("Class: SourceRefTable", () => {
  it("finds every one of many source-refs again, with its digest and state, across growth", () => {
    const table = new SourceRefTable();
    const count = 20_000;
    for (let n = 0; n < count; n++) table.setDigest(table.add(`s3://bucket/${n}.jpg`, BASE_ONLY), digest(n));
    expect(table.size).toBe(count);
    for (let n = 0; n < count; n++) {
      const entry = table.find(`s3://bucket/${n}.jpg`);
      expect(entry).toBe(n);
      expect(table.sameDigest(entry, digest(n))).toBe(true);
      expect(table.sameDigest(entry, digest(n + 1))).toBe(false);
      expect(table.sourceRef(entry)).toBe(`s3://bucket/${n}.jpg`);
    }
    expect(table.find("s3://bucket/missing.jpg")).toBe(-1);
  });

  it("compares code unit for code unit: zero-width spaces, unpaired surrogates and case all count", () => {
    const table = new SourceRefTable();
    const refs = [
      "s3://b/a.jpg",
      "s3://b/a.jpg\u200b",
      "s3://b/\ud800.jpg",
      "s3://b/\udc00.jpg",
      "s3://b/A.jpg",
      "",
    ];
    for (const ref of refs) table.add(ref, MANIFEST_ONLY);
    refs.forEach((ref, index) => {
      expect(table.find(ref)).toBe(index);
      expect(table.sourceRef(index)).toBe(ref);
    });
  });

  it("gives back a source-ref longer than one slice of code units", () => {
    const table = new SourceRefTable();
    const long = `s3://b/${"k".repeat(20_000)}`;
    const entry = table.add(long, BASE_ONLY);
    expect(table.sourceRef(entry)).toBe(long);
    table.setState(entry, MATCHED);
    expect(table.state(entry)).toBe(MATCHED);
  });
});
