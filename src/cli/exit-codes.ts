/**
 * The CLI's exit codes, as a shell script or a CI job reads them. They follow `diff` and `grep`: 0 is "yes,
 * done", 1 is "the answer is no" (not a crash), 2 is "you called it wrong".
 *
 * @module
 */

/** Every exit code the CLI uses. */
export const EXIT = {
  /** The command did what it was asked, and the answer is "yes" (valid, the same, uploaded). */
  ok: 0,
  /** The answer is "no": invalid lines, differences, an update the service refused (`CLIENT_ERROR`), a missing dataset. */
  no: 1,
  /** A usage error: an unknown command or flag, a bad value, an ARN of the wrong shape, a missing file or configuration. */
  usage: 2,
  /** The service or the network failed after every retry (or the wait for an update timed out). */
  serviceFailed: 3,
  /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
