// Smoke test of the built package as a user's ESM code meets it: imports by package name (through the
// exports map), builds a line of each kind, uploads them to the local emulator and reads them back.
import {
  DatasetClient,
  imageLabels,
  isDatasetError,
  objectLocalization,
  toJsonLine,
} from "rekognition-datasets";
import { startLocalRekognition } from "rekognition-datasets/local";
import { runSmoke } from "./run-smoke.mjs";

await runSmoke(
  { DatasetClient, imageLabels, isDatasetError, objectLocalization, toJsonLine, startLocalRekognition },
  "esm",
);
