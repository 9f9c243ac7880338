/**
 * upload, describe and labels against the emulator, run as a user runs them: progress on a pipe and on a
 * terminal, JSON results, a refused update (exit 1), and Ctrl-C in the middle of an upload, then the run
 * that resumes it.
 */
import { spawn, spawnSync } from "node:child_process";
import { access, readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRekognition, startLocalRekognition } from "../../src/local/index.js";
import { classificationLines, type Scratch, scratch } from "./manifests.js";
import { CLI_FROM_SOURCE, cliEnvironment, ROOT, runCliJson, startCli } from "./run-cli.js";

let local: LocalRekognition;
let files: Scratch;
beforeAll(async () => {
  local = await startLocalRekognition({ processing: { baseMs: 20, perMegabyteMs: 0 } });
  files = await scratch();
});
afterAll(async () => {
  await local.close();
  await files.remove();
});

/** Small requests, so that a 40-line manifest takes several. */
const SMALL_REQUESTS = ["--max-request-bytes", "3000"];

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe("rekognition-datasets upload", () => {
  it("uploads with one progress line per request on a pipe, or one JSON result; describe and labels then answer", async () => {
    const manifest = await files.write("forty.manifest", classificationLines(40));
    const plainArn = local.createDataset({ projectName: "plain" }).datasetArn;
    const jsonArn = local.createDataset({ projectName: "json" }).datasetArn;
    const endpoint = ["--endpoint-url", local.endpoint];
    const [plain, json] = await Promise.all([
      startCli([
        "upload",
        plainArn,
        manifest,
        ...endpoint,
        ...SMALL_REQUESTS,
        "--checkpoint",
        `${files.folder}/plain.ckpt`,
      ]),
      runCliJson([
        "upload",
        jsonArn,
        manifest,
        ...endpoint,
        ...SMALL_REQUESTS,
        "--checkpoint",
        `${files.folder}/json.ckpt`,
      ]),
    ]);

    expect(json.code).toBe(0);
    const result = json.json as { inputLinesDone: number; appliedRequestLines: number; requests: unknown[] };
    expect(result).toMatchObject({ inputLinesDone: 40, appliedRequestLines: 40 });
    expect(result.requests.length).toBeGreaterThan(1);
    expect(json.stderr).toBe(""); // no progress with --output json

    expect(plain.code).toBe(0);
    const progressLines = plain.stderr.split("\n").filter((line) => / applied: .* throttled$/.test(line));
    expect(progressLines).toHaveLength(result.requests.length);
    expect(progressLines.at(-1)).toMatch(/^request (\d+)\/\1 applied: 40\/40 lines, .*\(100%\)/);
    expect(plain.stdout).toMatch(/^Uploaded 40 lines .* in \d+ requests/);
    for (const arn of [plainArn, jsonArn]) expect(local.entries(arn)).toHaveLength(40);
    // Done: the checkpoints are gone, so the next upload starts from the first line.
    expect(await exists(`${files.folder}/plain.ckpt`)).toBe(false);
    expect(await exists(`${files.folder}/json.ckpt`)).toBe(false);

    const [description, labels] = await Promise.all([
      runCliJson(["describe", plainArn, ...endpoint, "--wait"]),
      runCliJson(["labels", plainArn, ...endpoint]),
    ]);
    expect(description.code).toBe(0);
    expect(description.json).toMatchObject({
      datasetArn: plainArn,
      status: "UPDATE_COMPLETE",
      statistics: { totalEntries: 40, labeledEntries: 40, totalLabels: 2 },
    });
    expect(labels.code).toBe(0);
    expect(labels.json).toEqual({
      datasetArn: plainArn,
      labels: expect.arrayContaining([
        { name: "cat", entryCount: 20, boundingBoxCount: 0 },
        { name: "dog", entryCount: 20, boundingBoxCount: 0 },
      ]),
    });
  });

  it("exits 1 when the service refuses the update (CLIENT_ERROR), with the error and the partial result as the JSON document", async () => {
    const manifest = await files.write("refused.manifest", classificationLines(3));
    const { datasetArn } = local.createDataset({ projectName: "refused" });
    local.setFaults({ failNextUpdates: 1, updateFailureCode: "CLIENT_ERROR" });
    try {
      const run = await runCliJson([
        "upload",
        datasetArn,
        manifest,
        "--endpoint-url",
        local.endpoint,
        "--no-checkpoint",
      ]);
      expect(run.code).toBe(1);
      expect(run.json).toMatchObject({
        error: { name: "UploadFailedError", exitCode: 1, result: { datasetArn, inputLinesDone: 0 } },
      });
      expect(run.stderr).toMatch(/^rekognition-datasets: The upload to .* failed/m);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      local.setFaults({});
    }
  });

  it("stops cleanly on Ctrl-C (exit 130, checkpoint kept, the command to resume printed); the same command resumes and completes", async () => {
    const lines = classificationLines(40);
    const manifest = await files.write("interrupted.manifest", lines);
    const checkpoint = `${manifest}.checkpoint.json`;
    const { datasetArn } = local.createDataset({ projectName: "interrupted" });
    const args = ["upload", datasetArn, manifest, "--endpoint-url", local.endpoint, ...SMALL_REQUESTS];
    // Slow every request, so that the upload is surely mid-way when the first request is reported applied.
    local.setFaults({ latencyMs: 60 });
    let interrupted: Awaited<ReturnType<typeof startCli>>;
    try {
      interrupted = await startCli(args, {
        onStderr: (all, child) => {
          if (/ applied: /.test(all) && child.exitCode === null && !child.killed) child.kill("SIGINT");
        },
      });
    } finally {
      local.setFaults({});
    }
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`The checkpoint is kept in ${checkpoint}; to resume, run:`);
    expect(interrupted.stderr).toContain(`rekognition-datasets upload ${datasetArn} ${manifest}`);
    expect(interrupted.stderr).not.toMatch(/\n\s+at /);
    const saved = JSON.parse(await readFile(checkpoint, "utf8")) as { inputLinesDone: number };
    expect(saved.inputLinesDone).toBeGreaterThan(0);
    expect(saved.inputLinesDone).toBeLessThan(lines.length);

    const resumed = await startCli(args);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Resumed after line \d+\./);
    expect(
      local
        .entries(datasetArn)
        .map((line) => line["source-ref"])
        .sort(),
    ).toEqual(lines.map((line) => line["source-ref"]).sort());
    expect(await exists(checkpoint)).toBe(false);
  });
});

/** Whether util-linux's `script` (a pseudo-terminal for a command) is on this machine. */
const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

describe("rekognition-datasets upload on a terminal", () => {
  it.skipIf(!hasScript)(
    "draws a live bar with requests, lines, MB, rate, ETA and throttles (needs util-linux `script`)",
    async () => {
      const manifest = await files.write("tty.manifest", classificationLines(40));
      const { datasetArn } = local.createDataset({ projectName: "tty" });
      const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
      const command = [
        ...CLI_FROM_SOURCE,
        "upload",
        datasetArn,
        manifest,
        "--endpoint-url",
        local.endpoint,
        ...SMALL_REQUESTS,
      ]
        .map(quote)
        .join(" ");
      // script runs the command on a pseudo-terminal (stdout and stderr both TTYs) and copies what it draws.
      const child = spawn("script", ["-qfec", command, "/dev/null"], {
        cwd: ROOT,
        env: cliEnvironment({ COLUMNS: "160" }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let screen = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        screen += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
      expect(code).toBe(0);
      expect(screen).toMatch(
        /100% \| request (\d+)\/\1 applied \| 40\/40 lines \| 0\.0 MB \| [\d.]+ MB\/s \| ETA \S+ \| 0 throttled/,
      );
      expect(screen).toContain("Uploaded 40 lines");
      expect(local.entries(datasetArn)).toHaveLength(40);
    },
  );
});
