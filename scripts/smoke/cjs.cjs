// Smoke test of the built package as a user's CommonJS code meets it: require() by package name through the
// exports map (p-retry and p-throttle are bundled into the CJS build, so no require(esm) is needed).
const {
  DatasetClient,
  imageLabels,
  isDatasetError,
  objectLocalization,
  toJsonLine,
} = require("rekognition-datasets");
const { startLocalRekognition } = require("rekognition-datasets/local");

import("./run-smoke.mjs")
  .then(({ runSmoke }) =>
    runSmoke(
      { DatasetClient, imageLabels, isDatasetError, objectLocalization, toJsonLine, startLocalRekognition },
      "cjs",
    ),
  )
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
