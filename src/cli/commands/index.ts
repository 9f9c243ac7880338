/**
 * The registry of commands, in the order `--help` lists them. A new command is one file in this folder
 * (a {@link CliCommand}) and one line here. Command modules are light: each loads the library only when it
 * runs.
 *
 * @module
 */
import type { CliCommand } from "../command.js";
import { convertCommand } from "./convert.js";
import { describeCommand } from "./describe.js";
import { diffCommand } from "./diff.js";
import { exportCommand } from "./export.js";
import { labelsCommand } from "./labels.js";
import { probeCommand } from "./probe.js";
import { pullCommand } from "./pull.js";
import { syncCommand } from "./sync.js";
import { uploadCommand } from "./upload.js";
import { validateCommand } from "./validate.js";

/** Every command of the CLI. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  uploadCommand,
  describeCommand,
  labelsCommand,
  pullCommand,
  diffCommand,
  syncCommand,
  convertCommand,
  exportCommand,
  probeCommand,
];
