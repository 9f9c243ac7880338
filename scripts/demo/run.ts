/**
 * The demo, step by step: start the local emulator, create a dataset through the AWS SDK, build a sample
 * with a few broken lines, upload it with `DatasetClient.upload` while showing progress, then report.
 * Read it top to bottom as an example of the library.
 *
 * @module
 */
import { CreateDatasetCommand, CreateProjectCommand } from "@aws-sdk/client-rekognition";
// In your code: `from "rekognition-datasets"` and `from "rekognition-datasets/local"`.
import { DatasetClient, type DatasetLabel, toJsonLine, type UploadResult } from "../../src/index.js";
import { type FaultOptions, startLocalRekognition } from "../../src/local/index.js";
import { withBadLines } from "./bad-lines.js";
import { count, createProgressDisplay, megabytes } from "./progress.js";
import {
  flaggedEntriesReport,
  heading,
  labelsReport,
  skippedLinesReport,
  statisticsReport,
  summaryReport,
} from "./report.js";
import { type ImageSurprise, simulatedBucket } from "./s3-images.js";
import { buildSample } from "./sample.js";
import { countThrottledRequests } from "./throttle-counter.js";

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /**
   * Images in the sample.
   * @defaultValue 40000
   */
  readonly images?: number;
  /** Where the demo writes. */
  readonly out: NodeJS.WriteStream | NodeJS.WritableStream;
  /**
   * Progress as a live bar (`true`) or plain lines (`false`).
   * @defaultValue whether `out` is a terminal
   */
  readonly interactive?: boolean;
  /**
   * Seed of the emulator's faults (and of the sample), so every run shows the same thing.
   * @defaultValue 2026
   */
  readonly seed?: number;
  /**
   * Share of requests the emulator throttles once the dataset exists: modest, to show the retries.
   * @defaultValue 0.15
   */
  readonly throttleRate?: number;
}

/** What the demo did, for a caller that wants to check it. */
export interface DemoOutcome {
  /** The upload's result. */
  readonly result: UploadResult;
  /** The dataset's labels after the upload. */
  readonly labels: readonly DatasetLabel[];
  /** Requests the emulator throttled (each retried by DatasetClient). */
  readonly throttled: number;
  /** Lines the demo broke on purpose (their line numbers). */
  readonly badLineNumbers: readonly number[];
  /** Size of the sample as a manifest file, in bytes. */
  readonly sampleBytes: number;
  /** Images the emulated S3 holds differently from their lines (the service flags their entries). */
  readonly surprises: readonly ImageSurprise[];
}

/**
 * Runs the demo and shuts everything down, whatever happens.
 *
 * @param options - sample size, output, progress mode, seed and throttling.
 */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const print = (...lines: string[]) => {
    for (const line of lines) options.out.write(`${line}\n`);
  };
  const images = options.images ?? 40_000;
  const seed = options.seed ?? 2026;
  const throttleRate = options.throttleRate ?? 0.15;

  // 1. The sample: labels and boxes built with the library's builders, and a few lines broken on purpose.
  print(`Building a sample of ${count(images)} images with the library's builders...`);
  const sample = withBadLines(buildSample({ images, seed }), Math.max(1, Math.floor(images / 5)));
  const sampleBytes = sample.lines.reduce(
    (total, line) => total + Buffer.byteLength(typeof line === "string" ? line : toJsonLine(line)) + 1,
    0,
  );
  // The S3 bucket the emulator pretends to read the images from: a few images are not as their lines say.
  const bucket = simulatedBucket(sample.lines);

  // 2. A local emulator of the Rekognition Custom Labels dataset API, on 127.0.0.1 and a free port.
  const local = await startLocalRekognition({ seed, images: bucket.images });
  print(`Local Rekognition emulator listening at ${local.endpoint} (region ${local.region}).`);

  // 3. A DatasetClient for it. Dummy credentials: the emulator accepts any, and no real ones are read.
  const datasets = new DatasetClient({
    clientConfig: { endpoint: local.endpoint, region: local.region, credentials: local.credentials },
  });
  try {
    // 4. A project and an empty TRAIN dataset, created through the AWS SDK itself.
    const { ProjectArn } = await datasets.client.send(
      new CreateProjectCommand({ ProjectName: "shelf-audit" }),
    );
    const { DatasetArn } = await datasets.client.send(
      new CreateDatasetCommand({ ProjectArn: ProjectArn!, DatasetType: "TRAIN" }),
    );
    const datasetArn = DatasetArn!;
    print(`Created dataset ${datasetArn}`);

    // 5. From now on the emulator throttles some requests, as a busy account would; DatasetClient retries.
    const faults: FaultOptions = { throttleRate };
    local.setFaults(faults);
    const throttles = countThrottledRequests(datasets.client);
    print(
      `The emulator now throttles ${Math.round(throttleRate * 100)}% of requests (seed ${seed}).`,
      `Sample: ${count(sample.lines.length)} images (${megabytes(sampleBytes)}), ` +
        `${sample.badLines.length} lines deliberately broken, ${bucket.surprises.length} images not in S3 as labelled.`,
      "",
      "Uploading: lines checked, packed into requests under 5 MB, each request waited for before the next.",
    );

    // 6. The upload: invalid lines skipped and reported, progress shown, flagged entries read at the end.
    const display = createProgressDisplay({
      stream: options.out,
      ...(options.interactive === undefined ? {} : { interactive: options.interactive }),
      extra: () => `throttled and retried: ${throttles.throttled}`,
    });
    let result: UploadResult;
    try {
      result = await datasets.upload(datasetArn, sample.lines, {
        onInvalidLine: "skip",
        onProgress: display.onProgress,
        reportFlaggedEntries: true,
      });
    } finally {
      display.stop();
    }

    // 7. The dataset's labels, read back through every ListDatasetLabels page.
    const labels: DatasetLabel[] = [];
    for await (const label of datasets.listLabels(datasetArn)) labels.push(label);

    print(
      ...summaryReport(result, throttles.throttled),
      ...skippedLinesReport(result.linesSkipped, sample.badLines),
      ...statisticsReport(result.statisticsBefore, result.statisticsAfter),
      ...labelsReport(labels),
      ...flaggedEntriesReport(result.flaggedEntries ?? [], bucket.surprises),
      ...heading("Done"),
      "  Shutting the emulator down.",
    );
    return {
      result,
      labels,
      throttled: throttles.throttled,
      badLineNumbers: sample.badLines.map((bad) => bad.lineNumber),
      sampleBytes,
      surprises: bucket.surprises,
    };
  } finally {
    datasets.client.destroy();
    await local.close();
  }
}
