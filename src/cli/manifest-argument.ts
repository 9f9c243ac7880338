/**
 * A manifest named on the command line: a file path, or `-` for standard input.
 *
 * @module
 */

/** What the library reads for a manifest argument: the path itself, or stdin for `-`. */
export function manifestSource(argument: string): string | NodeJS.ReadableStream {
  return argument === "-" ? process.stdin : argument;
}
