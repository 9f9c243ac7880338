/**
 * `convert` and `export` as a user runs them: a child process from source, on the converter fixtures. The
 * manifest written must be the golden one the library's own tests hold; the report is text or one JSON
 * document; `--strict` and `--dry-run` write nothing.
 */
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scratch, scratch } from "./manifests.js";
import { ROOT, runCliJson, startCli } from "./run-cli.js";

const FIXTURES = join(ROOT, "test/fixtures/convert");
const COCO = join(FIXTURES, "coco/every-rule.json");
const CSV = join(FIXTURES, "csv/aws-script-cases.csv");
/** The options the golden manifests were made with. */
const GOLDEN = ["--creation-date", "2026-01-01T00:00:00.000Z"];

interface Report {
  format: string;
  direction: string;
  itemsIn: number;
  linesOut: number;
  written: boolean;
  outputFile?: string;
  counts: Record<string, number>;
  issues: { code: string; severity: string; count: number }[];
}

let files: Scratch;
beforeAll(async () => {
  files = await scratch();
});
afterAll(() => files.remove());

describe("rekognition-datasets convert", () => {
  it("converts COCO to a file (the golden manifest) and reports as one JSON document, or as text", async () => {
    const jsonFile = join(files.folder, "coco-json.manifest");
    const textFile = join(files.folder, "coco-text.manifest");
    const args = ["convert", "coco", COCO, "--images", "s3://bucket/coco/", ...GOLDEN];
    const [json, text] = await Promise.all([
      runCliJson([...args, "-o", jsonFile]),
      startCli([...args, "--output-file", textFile]),
    ]);
    const golden = await readFile(join(FIXTURES, "coco/every-rule.expected.manifest"), "utf8");
    expect(json.code).toBe(0);
    expect(await readFile(jsonFile, "utf8")).toBe(golden);
    const report = json.json as Report;
    expect(report).toMatchObject({
      format: "coco",
      direction: "convert",
      itemsIn: 3,
      linesOut: golden.trimEnd().split("\n").length,
      written: true,
      outputFile: jsonFile,
    });
    expect(report.counts).toMatchObject({ CROWD_REGION_DROPPED: 1, BOX_CLIPPED: 1 });
    expect(json.stderr).toBe("");

    expect(text.code).toBe(0);
    expect(await readFile(textFile, "utf8")).toBe(golden);
    expect(text.stdout).toContain(
      `convert coco: 3 items in, ${report.linesOut} manifest lines out (written to ${textFile}).`,
    );
    expect(text.stdout).toMatch(/^CODE\s+SEVERITY\s+COUNT\s+FIRST EXAMPLE$/m);
    expect(text.stdout).toMatch(/^CROWD_REGION_DROPPED\s+warning\s+1\s+\S*every-rule\.json image \d+: /m);
  });

  it("--strict refuses the losses (exit 1, nothing written); --dry-run reports and writes nothing", async () => {
    const strictFile = join(files.folder, "strict", "out.manifest");
    await mkdir(join(files.folder, "strict"));
    const dryFile = join(files.folder, "dry.manifest");
    const [strict, dry] = await Promise.all([
      runCliJson(["convert", "coco", COCO, "--images", "s3://b/", "--strict", "-o", strictFile]),
      runCliJson(["convert", "coco", COCO, "--images", "s3://b/", "--dry-run", "-o", dryFile]),
    ]);
    expect(strict.code).toBe(1);
    expect((strict.json as Report).written).toBe(false);
    expect((strict.json as Report).counts.CROWD_REGION_DROPPED).toBe(1);
    expect(strict.stderr).toMatch(
      /^rekognition-datasets: Strict conversion refused: CROWD_REGION_DROPPED x1.*--strict/m,
    );
    // Neither the output nor its temporary file is left behind.
    expect(await readdir(join(files.folder, "strict"))).toEqual([]);

    expect(dry.code).toBe(0);
    expect(dry.json).toMatchObject({ format: "coco", linesOut: 2, written: false });
    expect((await readdir(files.folder)).filter((name) => name.startsWith("dry"))).toEqual([]);
  });

  it("streams a CSV's manifest to stdout with the report on stderr; refuses --output json with no -o", async () => {
    const [piped, json] = await Promise.all([
      startCli(["convert", "csv", CSV, "--images", "s3://bucket/csv/", ...GOLDEN]),
      startCli(["convert", "csv", CSV, "--images", "s3://bucket/csv/", "--output", "json"]),
    ]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(
      await readFile(join(FIXTURES, "csv/aws-script-cases.expected.manifest"), "utf8"),
    );
    expect(piped.stderr).toMatch(
      /^convert csv: \d+ items in, \d+ manifest lines out \(written to standard output\)\.$/m,
    );
    expect(piped.stderr).toMatch(/^DUPLICATE_IMAGE_MERGED\s+warning\s+\d+\s+\S*aws-script-cases\.csv:\d+/m);

    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { name: "UsageError", exitCode: 2 } });
    expect(json.stderr).toMatch(/^hint: Pass -o <file>/m);
  });

  it("names the formats for a bad one and a flag the format does not take (exit 2); bad input exits 1 with the place and a hint", async () => {
    const truncated = await files.write("truncated.json", ['{"images": [{"id": 1,']);
    const [format, flag, input] = await Promise.all([
      startCli(["convert", "cocoa", COCO]),
      startCli(["convert", "coco", COCO, "--layout", "boxes"]),
      startCli(["convert", "coco", truncated, "-o", join(files.folder, "never.manifest")]),
    ]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain(
      'Unknown format "cocoa" for convert: one of coco, yolo, voc, csv, groundtruth, folders.',
    );
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--layout does not apply to convert coco.");
    expect(input.code).toBe(1);
    expect(input.stderr).toMatch(
      /^rekognition-datasets: Cannot convert \S*truncated\.json.* as coco: .*Nothing was written\.$/m,
    );
    expect(input.stderr).toMatch(/^hint: The input must be a COCO instances file/m);
    for (const run of [format, flag, input]) {
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await readdir(files.folder)).filter((name) => name.includes("never"))).toEqual([]);
  });
});

describe("rekognition-datasets export", () => {
  it("writes a manifest as a CSV of boxes; an unknown export format exits 2 with the list", async () => {
    const out = join(files.folder, "boxes.csv");
    const manifest = join(FIXTURES, "coco/every-rule.expected.manifest");
    const [exported, bad] = await Promise.all([
      runCliJson([
        "export",
        "csv",
        manifest,
        "--layout",
        "boxes",
        "--images",
        "s3://bucket/coco/",
        "-o",
        out,
      ]),
      startCli(["export", "yolo", manifest]),
    ]);
    expect(exported.code).toBe(0);
    expect(exported.json).toMatchObject({ format: "csv", direction: "export", itemsIn: 2, written: true });
    const rows = (await readFile(out, "utf8")).trimEnd().split(/\r?\n/);
    expect(rows[0]).toBe("image,label,left,top,width,height,image_width,image_height");
    expect(rows.length - 1).toBe((exported.json as Report).linesOut);
    expect(rows.slice(1).every((row) => /^\d+\.jpg,[^,]+,(\d+,){5}\d+$/.test(row))).toBe(true);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown format "yolo" for export: one of coco, csv.');
  });
});
