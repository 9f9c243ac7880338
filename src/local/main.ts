/**
 * Starts the emulator from the command line: prints its endpoint on the first line, then a ready line,
 * and stops cleanly on SIGINT or SIGTERM. Flags: see `--help`.
 *
 * @module
 */

import { parseEmulatorArgs, USAGE } from "./cli-options.js";
import { startLocalRekognition } from "./local-rekognition.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseEmulatorArgs>;
  try {
    command = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return;
  }
  const local = await startLocalRekognition(command.options);
  process.stdout.write(`${local.endpoint}\n`);
  process.stdout.write(
    `Local Rekognition ready at ${local.endpoint} (region ${local.region}); any credentials work. Ctrl+C stops it.\n`,
  );
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`Received ${signal}, stopping.\n`);
    local.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`Could not stop cleanly: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The emulator could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
