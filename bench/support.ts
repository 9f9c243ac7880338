/**
 * What several benchmarks share: a generated object-localization line, writing a large generated manifest without holding it, and running a
 * measurement in a child process (memory is measured there, apart from the parent's own heap) whose last
 * stdout line is its JSON report.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

/** A realistic object-localization line for image `n`: 1-5 boxes, three labels, about 570 bytes. */
export function objectLocalizationLine(n: number): string {
  const boxes = 1 + (n % 5);
  const annotations: string[] = [];
  const objects: string[] = [];
  for (let b = 0; b < boxes; b++) {
    annotations.push(
      `{"class_id":${b % 3},"top":${(n * 7 + b * 13) % 300},"left":${(n * 11 + b * 17) % 400},` +
        `"width":${40 + ((b * 9) % 100)},"height":${30 + ((n + b) % 90)}}`,
    );
    objects.push('{"confidence":1}');
  }
  return (
    `{"source-ref":"s3://bench-bucket/images/${n}.jpg","bounding-box":{"image_size":[{"width":640,"height":480,"depth":3}],` +
    `"annotations":[${annotations.join(",")}]},"bounding-box-metadata":{"objects":[${objects.join(",")}],` +
    `"class-map":{"0":"Cat","1":"Dog","2":"Bird"},"type":"groundtruth/object-detection","human-annotated":"yes",` +
    `"creation-date":"2026-01-01T00:00:00.000Z","job-name":"bench"}}`
  );
}

const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Writes each line followed by a newline, in batches of about 8 MB, waiting for the stream to drain.
 *
 * @returns the characters written (the bytes, for ASCII lines).
 */
export async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const ok = out.write(parts.join(""));
    written += size;
    parts = [];
    size = 0;
    if (!ok) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  for (const line of lines) {
    const text = `${line}\n`;
    parts.push(text);
    size += text.length;
    if (size >= BATCH_BYTES) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return written;
}

/** Lines `lineOf(1)`, `lineOf(2)`, ... until about `targetBytes` are given (newlines counted). */
export function* linesUpTo(targetBytes: number, lineOf: (n: number) => string): Generator<string> {
  let size = 0;
  for (let n = 1; size < targetBytes; n++) {
    const line = lineOf(n);
    size += line.length + 1;
    yield line;
  }
}

/** Options of {@link runJsonChild}. */
export interface ChildOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs `node <args>` and resolves with its last stdout line parsed as JSON; rejects with the end of its
 * stderr when it fails.
 *
 * @param name - the child's name, for the error.
 */
export function runJsonChild<T>(
  args: readonly string[],
  name: string,
  options: ChildOptions = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1);
      if (code !== 0 || last === undefined || last === "") {
        reject(new Error(`${name} exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}
