import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { DescribeProjectsCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { describe, expect, it } from "vitest";

const MAIN = new URL("../../src/local/main.ts", import.meta.url).pathname;

describe("the standalone emulator (src/local/main.ts)", () => {
  it("prints its endpoint, serves the real client, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--port", "0", "--region", "eu-west-1"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = once(child, "exit");
    try {
      const lines = createInterface({ input: child.stdout });
      const iterator = lines[Symbol.asyncIterator]();
      const endpoint = (await iterator.next()).value as string;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await iterator.next()).value).toMatch(/ready/);

      const client = new RekognitionClient({
        endpoint,
        region: "eu-west-1",
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
        maxAttempts: 1,
      });
      const { ProjectDescriptions } = await client.send(new DescribeProjectsCommand({}));
      expect(ProjectDescriptions).toEqual([]);
      client.destroy();

      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("exits 2 with the usage text on an unknown flag", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--bogus"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage:/);
  });
});
