import { defineConfig, type Options } from "tsup";

const entry = {
  index: "src/index.ts",
  "local/index": "src/local/index.ts",
  // The manifest model alone, without the SDK: in Node with the file reader, and for browsers and edge
  // runtimes (the `browser` condition of `./manifest`) without it.
  "manifest/index": "src/manifest/index.ts",
  "manifest/browser": "src/manifest/browser.ts",
  // The converters: their parsers (stream-json, csv-parse, ...) load only for those who import them.
  "convert/index": "src/convert/index.ts",
};

const shared: Options = {
  entry,
  outDir: "dist",
  target: "node20",
  platform: "node",
  sourcemap: true,
  dts: true,
  splitting: false,
  treeshake: true,
};

export default defineConfig([
  { ...shared, format: "esm" },
  {
    // The standalone emulator (`npx rekognition-datasets-local`): a program, not an API, so ESM alone.
    entry: { "local/main": "src/local/main.ts" },
    outDir: "dist",
    target: "node20",
    platform: "node",
    format: "esm",
    sourcemap: true,
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    ...shared,
    format: "cjs",
    // p-retry and p-throttle ship ESM only. Bundling them into the CommonJS build keeps `require()` working
    // on every Node version and CJS test runner, not only where require(esm) is available.
    noExternal: ["p-retry", "p-throttle", "is-network-error"],
  },
]);
