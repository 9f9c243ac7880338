/**
 * The upload's live progress, fed by `DatasetClient.upload`'s `onProgress` events: a progress bar on a
 * terminal (cli-progress), plain lines anywhere else (a CI log, a file, a pipe).
 *
 * @module
 */
import cliProgress from "cli-progress";
import type { UploadProgressEvent } from "../../src/index.js";

/** Something that shows an upload's progress. */
export interface ProgressDisplay {
  /** Pass as the upload's `onProgress`. */
  readonly onProgress: (event: UploadProgressEvent) => void;
  /** Ends the display (the bar is drawn one last time and the cursor moves past it). */
  stop(): void;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Where to write. */
  readonly stream: NodeJS.WriteStream | NodeJS.WritableStream;
  /**
   * Draw a bar (`true`) or print plain lines (`false`).
   * @defaultValue whether `stream` is a terminal
   */
  readonly interactive?: boolean;
  /**
   * Extra figure shown with the progress, read at each event (the demo shows how many throttled requests
   * were retried).
   * @defaultValue none
   */
  readonly extra?: () => string;
}

const MEGABYTE = 1024 * 1024;

/** `1234567` -> `"1.2 MB"`. */
export function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(1)} MB`;
}

/** `12345` -> `"12,345"`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** "request 3/7" when the total is known, "request 3" otherwise. */
function requestLabel(event: UploadProgressEvent): string {
  const number = event.requestIndex + 1;
  return event.totalRequests === undefined ? `request ${number}` : `request ${number}/${event.totalRequests}`;
}

/**
 * One plain line per event, e.g. `request 2/7 applied: 11,512/39,996 lines, 10.0/24.1 MB (41%)`. Pure, so
 * the format is testable.
 *
 * @param event - the upload's progress event.
 */
export function progressLine(event: UploadProgressEvent): string {
  if (event.type === "sent") {
    return `${requestLabel(event)} sent, waiting for the dataset to apply it...`;
  }
  const lines =
    event.totalLines === undefined
      ? `${count(event.linesDone)} lines`
      : `${count(event.linesDone)}/${count(event.totalLines)} lines`;
  const bytes =
    event.totalBytes === undefined
      ? megabytes(event.bytesDone)
      : `${(event.bytesDone / MEGABYTE).toFixed(1)}/${megabytes(event.totalBytes)}`;
  const percent =
    event.totalBytes === undefined || event.totalBytes === 0
      ? ""
      : ` (${Math.round((100 * event.bytesDone) / event.totalBytes)}%)`;
  return `${requestLabel(event)} applied: ${lines}, ${bytes}${percent}`;
}

/** Plain lines: one per event. */
function plainDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  return {
    onProgress: (event) => {
      const extra = options.extra?.() ?? "";
      options.stream.write(`  ${progressLine(event)}${extra === "" ? "" : ` | ${extra}`}\n`);
    },
    stop: () => {},
  };
}

/**
 * A bar over the bytes applied, with the request being waited for beside it. Without totals (a stream read
 * once, not known in advance) there is nothing to fill a bar against: plain lines are shown instead.
 */
function barDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream,
      format: "  {bar} {percentage}% | {lines} lines | {megabytes} | {stage}{extra}",
      hideCursor: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let mode: "unstarted" | "bar" | "plain" = "unstarted";
  const plain = plainDisplay(options);
  // "sent" events count requests sent; the bar shows what is applied.
  let applied = { lines: 0, bytes: 0 };
  return {
    onProgress: (event) => {
      if (mode === "unstarted") {
        mode = event.totalBytes === undefined ? "plain" : "bar";
        if (mode === "bar") {
          bar.start(event.totalBytes ?? 0, 0, { lines: "0", megabytes: megabytes(0), stage: "", extra: "" });
        }
      }
      if (mode === "plain") {
        plain.onProgress(event);
        return;
      }
      if (event.type === "applied") applied = { lines: event.linesDone, bytes: event.bytesDone };
      const extra = options.extra?.() ?? "";
      bar.update(applied.bytes, {
        lines: count(applied.lines),
        megabytes: megabytes(applied.bytes),
        stage: `${requestLabel(event)} ${event.type === "sent" ? "applying..." : "applied"}`,
        extra: extra === "" ? "" : ` | ${extra}`,
      });
    },
    stop: () => {
      if (mode === "bar") bar.stop();
    },
  };
}

/**
 * A progress display for an upload: a live bar when the stream is a terminal, plain lines otherwise.
 *
 * @param options - the stream, the mode, and an extra figure to show.
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const interactive = options.interactive ?? (options.stream as NodeJS.WriteStream).isTTY === true;
  return interactive ? barDisplay(options) : plainDisplay(options);
}
