import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseEmulatorArgs, USAGE } from "../../src/local/cli-options.js";

describe("parseEmulatorArgs", () => {
  it("gives no options for no flags", () => {
    expect(parseEmulatorArgs([])).toEqual({ help: false, options: {} });
  });

  it("turns every flag into its option", () => {
    const command = parseEmulatorArgs([
      "--host=::1",
      "--port",
      "9000",
      "--region",
      "eu-west-2",
      "--account-id",
      "111122223333",
      "--seed",
      "7",
      "--base-ms",
      "10",
      "--per-megabyte-ms",
      "20",
      "--create-ms",
      "30",
      "--max-ground-truth-bytes",
      "1000",
      "--throttle-rate",
      "0.1",
      "--internal-error-rate",
      "0.2",
      "--drop-connection-rate",
      "0.3",
      "--drop-response-rate",
      "0.4",
      "--latency-ms",
      "5",
      "--fail-next-updates",
      "2",
      "--update-failure-rate",
      "0.5",
      "--update-failure-code",
      "CLIENT_ERROR",
      "--stale-status-ms",
      "1500",
    ]);
    expect(command).toEqual({
      help: false,
      options: {
        host: "::1",
        port: 9000,
        region: "eu-west-2",
        accountId: "111122223333",
        seed: 7,
        maxGroundTruthBytes: 1000,
        processing: { baseMs: 10, perMegabyteMs: 20, createMs: 30 },
        faults: {
          throttleRate: 0.1,
          internalErrorRate: 0.2,
          dropConnectionRate: 0.3,
          dropResponseRate: 0.4,
          latencyMs: 5,
          failNextUpdates: 2,
          updateFailureRate: 0.5,
          updateFailureCode: "CLIENT_ERROR",
          staleStatusMs: 1500,
        },
      },
    });
  });

  it("asks for the usage text with --help", () => {
    expect(parseEmulatorArgs(["--help"])).toEqual({ help: true });
  });

  it("names the command after the package's bin, which is what users type", async () => {
    const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
      bin: Record<string, string>;
    };
    // The emulator's bin is the one that points at the emulator's entry (the package has the CLI's too).
    const bin = Object.entries(manifest.bin).find(([, target]) => target.includes("/local/"))?.[0];
    expect(bin).toBe("rekognition-datasets-local");
    expect(USAGE.startsWith(`Usage: ${bin} [options]\n`)).toBe(true);
    expect(USAGE).not.toContain("rekognition-datasets-emulator");
  });

  it.each(["keep-first", "keep-last", "drop-all"] as const)("takes --repeated-source-ref %s", (rule) => {
    expect(parseEmulatorArgs(["--repeated-source-ref", rule])).toEqual({
      help: false,
      options: { repeatedSourceRef: rule },
    });
  });

  it.each([
    [["--port", "abc"], /--port expects a number/],
    [["--update-failure-code", "OOPS"], /SERVICE_ERROR or CLIENT_ERROR/],
    [["--repeated-source-ref", "keep-both"], /--repeated-source-ref expects keep-first, keep-last, drop-all/],
    [["--nope"], /nope/],
    [["positional"], /positional/],
  ])("refuses %j", (argv, pattern) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(pattern);
  });

  it("turns the undocumented behaviours' flags into their options", () => {
    const command = parseEmulatorArgs([
      "--payload-limit",
      "base64",
      "--oversize-error",
      "ValidationException",
      "--concurrent-update",
      "queue",
      "--float-coordinates",
      "flag",
      "--string-class-index",
      "drop",
      "--source-ref-only-line",
      "accept",
    ]);
    expect(command).toEqual({
      help: false,
      options: {
        payloadLimit: "base64",
        oversizeError: "ValidationException",
        concurrentUpdate: "queue",
        floatCoordinates: "flag",
        stringClassIndex: "drop",
        sourceRefOnlyLine: "accept",
      },
    });
  });

  it("refuses a word a behaviour flag does not take, listing the words it does", () => {
    expect(() => parseEmulatorArgs(["--float-coordinates", "round"])).toThrow(
      '--float-coordinates expects accept, flag, drop, got "round".',
    );
  });
});
