import { defineConfig, type Options } from "tsup";

const entry = {
  index: "src/index.ts",
  "local/index": "src/local/index.ts",
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
  { ...shared, format: "esm", clean: true },
  {
    ...shared,
    format: "cjs",
    // p-retry and p-throttle ship ESM only. Bundling them into the CommonJS build keeps `require()` working
    // on every Node version and CJS test runner, not only where require(esm) is available.
    noExternal: ["p-retry", "p-throttle", "is-network-error"],
  },
]);
