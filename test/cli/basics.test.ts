/**
 * The CLI without a service: version, help, usage errors, validate, and the exit codes of a missing region
 * and of a service nobody answers for.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classificationLines, type Scratch, scratch } from "./manifests.js";
import { ROOT, runCliJson, startCli } from "./run-cli.js";

const SOME_ARN = "arn:aws:rekognition:us-east-1:123456789012:project/shelves/dataset/train/1700000000000";

let files: Scratch;
beforeAll(async () => {
  files = await scratch();
});
afterAll(() => files.remove());

describe("rekognition-datasets: calling it", () => {
  it("prints its version, and a usage error exits 2 with a one-line message and no stack", async () => {
    const { version } = JSON.parse(await readFile(`${ROOT}package.json`, "utf8")) as { version: string };
    const [versionRun, missing, unknownFlag, badArn] = await Promise.all([
      startCli(["--version"]),
      startCli(["upload", SOME_ARN]),
      startCli(["describe", SOME_ARN, "--bogus"]),
      startCli(["describe", "arn:aws:rekognition:us-east-1:123456789012:project/x"]),
    ]);
    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'manifest'");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--bogus'");
    expect(badArn.code).toBe(2);
    expect(badArn.stderr).toMatch(/is not a dataset ARN/);
    expect(badArn.stderr).toMatch(/^hint: .*describe-projects/m);
    for (const run of [missing, unknownFlag, badArn]) {
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("shows help for every command, with the global options", async () => {
    const run = await startCli(["sync", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: rekognition-datasets sync \[options\] <dataset-arn> <manifest>/);
    for (const flag of [
      "--dry-run",
      "--exact",
      "--region",
      "--profile",
      "--endpoint-url",
      "--output",
      "--json",
      "--quiet",
      "--no-progress",
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe("rekognition-datasets validate", () => {
  it("lists every problem with file, line, code, severity and path as one JSON document, and exits 1 on errors", async () => {
    const lines = classificationLines(3);
    const bad = await files.write("bad.manifest", [
      lines[0]!,
      '{"source-ref":"s3://cli-bucket/x.jpg"}',
      "not json",
      lines[0]!,
    ]);
    const good = await files.write("good.manifest", lines);
    const run = await runCliJson(["validate", bad, good]);
    expect(run.code).toBe(1);
    const report = run.json as {
      lines: number;
      errors: number;
      warnings: number;
      problems: {
        file: string;
        line: number | null;
        code: string;
        severity: string;
        path: string;
        message: string;
      }[];
    };
    expect(report.lines).toBe(7);
    expect(report.errors).toBe(report.problems.filter((problem) => problem.severity === "error").length);
    expect(report.warnings).toBe(report.problems.length - report.errors);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: bad, line: 2, code: "ERROR_NO_LABEL_ATTRIBUTES", severity: "error" }),
        expect.objectContaining({ file: bad, line: 3, severity: "error", path: "" }),
        expect.objectContaining({ file: bad, line: 4, code: "DUPLICATE_SOURCE_REF", path: "source-ref" }),
      ]),
    );
    expect(report.problems.filter((problem) => problem.file === good)).toEqual([]);
    expect(run.stderr).toBe("");
  });

  it("passes a clean manifest (exit 0) but fails it with --strict when it has a warning (exit 1)", async () => {
    const oneLabel = await files.write("one-label.manifest", classificationLines(4, ["cat"]));
    const [plain, strict] = await Promise.all([
      startCli(["validate", oneLabel]),
      startCli(["validate", "--strict", oneLabel]),
    ]);
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/warning\s+ERROR_MANIFEST_TOO_FEW_LABELS/);
    expect(strict.stdout).toContain("1 manifest, 4 lines: 0 errors, 1 warning.");
  });
});

describe("rekognition-datasets: configuration and service failures", () => {
  it("hints at the region when none is configured (exit 2), and exits 3 when the service cannot be reached", async () => {
    const [noRegion, unreachable] = await Promise.all([
      startCli(["describe", SOME_ARN, "--endpoint-url", "http://127.0.0.1:9"], {
        env: { AWS_REGION: undefined },
      }),
      startCli(["describe", SOME_ARN, "--endpoint-url", "http://127.0.0.1:9", "--max-attempts", "1"]),
    ]);
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toMatch(/^hint: No AWS region: pass --region/m);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/^hint: Nothing answered at the service's address/m);
    expect(unreachable.stderr).not.toContain("test"); // the dummy credentials are never printed
  });
});
