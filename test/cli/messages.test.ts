/** The CLI's pure pieces: which failure exits with which code and hint, the tables, and when colour is allowed. */
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/cli/errors-to-messages.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { colorAllowed, paint, table } from "../../src/cli/output.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { ConversionInputError } from "../../src/convert/index.js";
import { InvalidDatasetArnError, RequestFailedError, UpdateFailedError } from "../../src/index.js";
import { ManifestReadError } from "../../src/manifest/index.js";

const ARN = "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1700000000000";

describe("describeFailure", () => {
  it("maps each kind of failure to its exit code", () => {
    const refused = new UpdateFailedError({ datasetArn: ARN, statusMessageCode: "CLIENT_ERROR" });
    const serviceFailed = new UpdateFailedError({ datasetArn: ARN, statusMessageCode: "SERVICE_ERROR" });
    const throttled = new RequestFailedError({
      operation: "DescribeDataset",
      datasetArn: ARN,
      attempts: 8,
      awsErrorName: "ThrottlingException",
      retryable: true,
      cause: Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }),
    });
    expect(describeFailure(refused).exitCode).toBe(EXIT.no);
    expect(describeFailure(serviceFailed).exitCode).toBe(EXIT.serviceFailed);
    expect(describeFailure(throttled)).toMatchObject({
      exitCode: EXIT.serviceFailed,
      hint: expect.stringContaining("--max-attempts"),
    });
    expect(describeFailure(throttled).message).toMatch(/Cause: Rate exceeded$/);
    expect(
      describeFailure(new InvalidDatasetArnError({ datasetArn: "x", reason: "it is too short" })).exitCode,
    ).toBe(EXIT.usage);
    expect(
      describeFailure(new ManifestReadError({ path: "a.manifest", reason: "not-found", code: "ENOENT" }))
        .exitCode,
    ).toBe(EXIT.usage);
    expect(describeFailure(new UsageError("--output must be text or json.", "Pass one."))).toEqual({
      message: "--output must be text or json.",
      hint: "Pass one.",
      exitCode: EXIT.usage,
    });
    expect(
      describeFailure(new CommanderError(1, "commander.unknownOption", "error: unknown option '--x'")),
    ).toEqual({
      message: "unknown option '--x'",
      exitCode: EXIT.usage,
    });
  });

  it("makes an unreadable converter input a 'no' (exit 1) with the place and what the format needs", () => {
    const csv = new ConversionInputError({
      format: "csv",
      file: "boxes.csv",
      line: 7,
      reason: "row 7 has 5 fields, the header 8.",
    });
    expect(describeFailure(csv)).toEqual({
      message: "Cannot convert boxes.csv:7 as csv: row 7 has 5 fields, the header 8. Nothing was written.",
      hint: expect.stringContaining("as many fields as the header"),
      exitCode: EXIT.no,
    });
    for (const format of ["coco", "yolo", "voc", "groundtruth", "folders"]) {
      const error = new ConversionInputError({ format, file: "x", reason: "unreadable." });
      expect(describeFailure(error), format).toMatchObject({ exitCode: EXIT.no, hint: expect.any(String) });
    }
  });

  it("hints at missing credentials, and keeps any message on one short line", () => {
    const noCredentials = new RequestFailedError({
      operation: "DescribeDataset",
      datasetArn: ARN,
      attempts: 1,
      awsErrorName: "CredentialsProviderError",
      retryable: false,
      cause: Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    });
    expect(describeFailure(noCredentials)).toMatchObject({
      exitCode: EXIT.usage,
      hint: expect.stringContaining("--profile"),
    });
    const huge = describeFailure(new Error(`first line\n${"x".repeat(5000)}`));
    expect(huge.message).not.toContain("\n");
    expect(huge.message.length).toBeLessThan(700);
  });
});

describe("output", () => {
  it("aligns table columns, ignoring colour codes, with no trailing spaces", () => {
    expect(
      table([
        ["a", paint(true, "red", "error"), "x"],
        ["long cell", "ok", "y"],
      ]),
    ).toBe(`a          \u001b[31merror\u001b[39m  x\nlong cell  ok     y`);
  });

  it("colours only a terminal, and never with NO_COLOR set", () => {
    expect(colorAllowed({ isTTY: true }, {})).toBe(true);
    expect(colorAllowed({ isTTY: false }, {})).toBe(false);
    expect(colorAllowed({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorAllowed({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
  });
});
