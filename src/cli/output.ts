/**
 * Where and how the CLI writes: machine output on stdout (text for people, or exactly one JSON document),
 * diagnostics on stderr. Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
 *
 * @module
 */

/** `text` for people, `json` for programs. */
export type OutputFormat = "text" | "json";

/** The streams and choices every command writes through. */
export interface Output {
  /** `--output`. */
  readonly format: OutputFormat;
  /** `--quiet`: no progress and no notes on stderr (errors are still printed). */
  readonly quiet: boolean;
  /** Whether stdout may be coloured. */
  readonly color: boolean;
  /** Machine output. */
  readonly stdout: NodeJS.WritableStream;
  /** Diagnostics. */
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** Creates the output for the process's own streams. */
export function processOutput(format: OutputFormat, quiet: boolean): Output {
  return {
    format,
    quiet,
    color: colorAllowed(process.stdout, process.env),
    stdout: process.stdout,
    stderr: process.stderr,
  };
}

/**
 * Whether colour may be written to `stream`: only on a terminal, and not when `NO_COLOR` is set to anything
 * but the empty string.
 */
export function colorAllowed(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  return stream.isTTY === true;
}

const STYLES = { red: [31, 39], yellow: [33, 39], green: [32, 39], bold: [1, 22], dim: [2, 22] } as const;

/** A style {@link paint} knows. */
export type Style = keyof typeof STYLES;

/** `text` in `style` when `color`, as it is otherwise. */
export function paint(color: boolean, style: Style, text: string): string {
  if (!color) return text;
  const [open, close] = STYLES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Writes the one JSON document of a `--output json` run (dates as ISO 8601, as `JSON.stringify` does). */
export function writeJson(output: Output, value: unknown): void {
  output.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes text for people on stdout. */
export function writeText(output: Output, text: string): void {
  output.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Writes a note on stderr, unless `--quiet`. */
export function note(output: Output, text: string): void {
  if (!output.quiet) output.stderr.write(`${text}\n`);
}

/** Visible width of a cell: escape sequences of {@link paint} take no room. */
function visibleWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences paint() writes.
  return [...text.replace(/\u001b\[\d+m/g, "")].length;
}

/**
 * Rows as an aligned table: each column padded to its widest cell, two spaces apart, the last column not
 * padded (so no line ends in spaces).
 */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, visibleWidth(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + " ".repeat((widths[column] ?? 0) - visibleWidth(cell)),
        )
        .join("  "),
    )
    .join("\n");
}

/** `12345` -> `"12,345"`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** `1234567` -> `"1.2 MB"`. */
export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `"1 line"`, `"2 lines"`. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : pluralForm}`;
}
