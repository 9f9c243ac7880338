/**
 * `npm run demo`: uploads a realistic 40,000-image sample to a local Rekognition emulator and reports
 * what happened. No AWS account, no network: everything runs on 127.0.0.1. See scripts/demo/run.ts.
 *
 * @module
 */
import { runDemo } from "./demo/run.js";

// The SDK warns on Node 20 that its 2027 releases need Node 22: noise for a demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const started = performance.now();
runDemo({ out: process.stdout }).then(
  () => {
    process.stdout.write(`  Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  },
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
