import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    env: {
      // The SDK warns on Node 20 that its 2027 releases need Node 22; the warning is noise in test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    testTimeout: 20_000,
    // Always a JSON report too, from which .ci/run prints the plain "N passed, N failed" closing line: CI
    // runs with CI=true, a newcomer runs .ci/run bare, and both must find the report.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
    restoreMocks: true,
  },
});
