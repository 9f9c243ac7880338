/**
 * An upload's progress on stderr: a live bar on a terminal (requests, lines, MB, rate, ETA, throttles
 * seen), one plain line per applied request anywhere else (a CI log, a pipe), nothing with `--quiet`,
 * `--no-progress` or `--output json`. cli-progress is loaded only when a bar is drawn.
 *
 * @module
 */
import type { RekognitionClient } from "@aws-sdk/client-rekognition";
import type { UploadProgressEvent } from "../client/upload/types.js";
import { count, megabytes } from "./output.js";

/** Something that shows an upload's progress. */
export interface ProgressDisplay {
  /** Pass as the upload's `onProgress`; absent when nothing is shown. */
  readonly onProgress?: (event: UploadProgressEvent) => void;
  /** Ends the display: the bar is drawn a last time and the cursor moves past it. */
  stop(): void;
}

/** The throttling errors the service answers with. */
const THROTTLING = new Set(["ThrottlingException", "ProvisionedThroughputExceededException"]);

/**
 * Counts the requests the service throttled (each one DatasetClient then retried), through a middleware of
 * the client's own stack: the library needs nothing from it.
 */
export function countThrottles(client: RekognitionClient): { readonly throttled: number } {
  const counter = { throttled: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && THROTTLING.has(error.name)) counter.throttled++;
        throw error;
      }
    },
    { step: "initialize", name: "cliThrottleCounter" },
  );
  return counter;
}

function requestLabel(event: UploadProgressEvent): string {
  const number = event.requestIndex + 1;
  return event.totalRequests === undefined ? `request ${number}` : `request ${number}/${event.totalRequests}`;
}

/** `x.y MB/s` over the time since `startedAt` (ms). */
function rate(bytes: number, startedAt: number, now: number): string {
  const seconds = (now - startedAt) / 1000;
  return seconds <= 0 ? "- MB/s" : `${(bytes / (1024 * 1024) / seconds).toFixed(2)} MB/s`;
}

/**
 * Time left at the rate so far: `"-"` until something is applied or when the total is unknown, then
 * `"42s"` or `"3m05s"`. cli-progress's own ETA counts value updates, and shows `NaN`/`INF` before the first.
 */
export function eta(doneBytes: number, totalBytes: number | undefined, elapsedMs: number): string {
  if (totalBytes === undefined || doneBytes <= 0 || elapsedMs <= 0) return "-";
  const seconds = Math.round(((totalBytes - doneBytes) * elapsedMs) / doneBytes / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * The plain line of an applied request, e.g.
 * `request 2/7 applied: 11,512/39,996 lines, 10.0/24.1 MB (41%), 1.20 MB/s, 0 throttled`.
 */
export function progressLine(event: UploadProgressEvent, speed: string, throttled: number): string {
  const lines =
    event.totalLines === undefined
      ? `${count(event.linesDone)} lines`
      : `${count(event.linesDone)}/${count(event.totalLines)} lines`;
  const bytes =
    event.totalBytes === undefined
      ? megabytes(event.bytesDone)
      : `${(event.bytesDone / (1024 * 1024)).toFixed(1)}/${megabytes(event.totalBytes)}`;
  const percent =
    event.totalBytes === undefined || event.totalBytes === 0
      ? ""
      : ` (${Math.round((100 * event.bytesDone) / event.totalBytes)}%)`;
  return `${requestLabel(event)} applied: ${lines}, ${bytes}${percent}, ${speed}, ${throttled} throttled`;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Whether progress may be shown at all (see `GlobalOptions.progress`). */
  readonly enabled: boolean;
  /** Where to draw (stderr). */
  readonly stream: NodeJS.WriteStream | NodeJS.WritableStream;
  /** The client whose throttled requests are counted. */
  readonly client: RekognitionClient;
}

const NONE: ProgressDisplay = { stop: () => {} };

/** The display for an upload: a bar on a terminal, plain lines otherwise, or none. */
export async function createProgressDisplay(options: ProgressDisplayOptions): Promise<ProgressDisplay> {
  if (!options.enabled) return NONE;
  const throttles = countThrottles(options.client);
  const startedAt = performance.now();
  const stream = options.stream;
  if ((stream as NodeJS.WriteStream).isTTY !== true) {
    return {
      onProgress: (event) => {
        if (event.type !== "applied") return;
        const speed = rate(event.bytesDone, startedAt, performance.now());
        stream.write(`${progressLine(event, speed, throttles.throttled)}\n`);
      },
      stop: () => {},
    };
  }
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format:
        "{bar} {percentage}% | {requests} | {lines} lines | {megabytes} | {rate} | ETA {timeLeft} | {throttled} throttled",
      hideCursor: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let applied = { lines: 0, bytes: 0 };
  return {
    onProgress: (event) => {
      if (!started) {
        started = true;
        // Without a known total (a stream read once) the bar fills against the bytes seen so far.
        bar.start(event.totalBytes ?? 0, 0, {
          requests: "request 1",
          lines: "0",
          megabytes: megabytes(0),
          rate: "- MB/s",
          timeLeft: "-",
          throttled: 0,
        });
      }
      if (event.type === "applied") applied = { lines: event.linesDone, bytes: event.bytesDone };
      if (event.totalBytes === undefined) bar.setTotal(Math.max(event.bytesDone, 1));
      bar.update(applied.bytes, {
        requests: `${requestLabel(event)} ${event.type === "sent" ? "applying" : "applied"}`,
        lines:
          event.totalLines === undefined
            ? count(applied.lines)
            : `${count(applied.lines)}/${count(event.totalLines)}`,
        megabytes: megabytes(applied.bytes),
        rate: rate(applied.bytes, startedAt, performance.now()),
        timeLeft: eta(applied.bytes, event.totalBytes, performance.now() - startedAt),
        throttled: throttles.throttled,
      });
    },
    stop: () => {
      // Called on failure and again on the way out: the bar is stopped once.
      if (started) bar.stop();
      started = false;
    },
  };
}
