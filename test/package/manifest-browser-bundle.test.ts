/**
 * `rekognition-datasets/manifest` under the `browser` condition runs without the AWS SDK and without Node:
 * bundled for the browser, it pulls in neither, and the bundle works in a bare JavaScript realm (no
 * `Buffer`, no `process`, no `require`).
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url);
const ENTRY = new URL("src/manifest/browser.ts", ROOT).pathname;

/** Everything a browser does not have, left external so that the metafile shows any import of it. */
const NODE_AND_SDK = ["node:*", ...builtinModules, "@aws-sdk/*", "@smithy/*"];

async function bundle(format: "esm" | "iife") {
  return build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "browser",
    format,
    globalName: "manifest",
    write: false,
    metafile: true,
    external: NODE_AND_SDK,
    logLevel: "silent",
  });
}

describe("the manifest model's browser entry", () => {
  it("is the one the package's browser condition points at", () => {
    const pkg = JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8"));
    expect(pkg.exports["./manifest"].browser.import.default).toBe("./dist/manifest/browser.js");
    const tsup = readFileSync(new URL("tsup.config.ts", ROOT), "utf8");
    expect(tsup).toContain('"manifest/browser": "src/manifest/browser.ts"');
    expect(pkg.peerDependenciesMeta["@aws-sdk/client-rekognition"].optional).toBe(true);
  });

  it("bundles with no @aws-sdk module and no Node built-in", async () => {
    const { metafile, errors } = await bundle("esm");
    expect(errors).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.includes("src/manifest/validate.ts"))).toBe(true);
    expect(inputs.filter((path) => path.includes("node_modules"))).toEqual([]);
    expect(inputs.filter((path) => path.endsWith("src/manifest/reader.ts"))).toEqual([]);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith("node:") || builtinModules.includes(path))).toEqual([]);
    expect(imports.filter((path) => path.startsWith("@aws-sdk/") || path.startsWith("@smithy/"))).toEqual([]);
    const output = Object.values(metafile.outputs)[0]!;
    expect(output.imports).toEqual([]);
  });

  it("builds, validates, serializes and counts bytes in a realm without Buffer or process", async () => {
    const { outputFiles } = await bundle("iife");
    const api = runInNewContext(
      `${outputFiles[0]!.text}; manifest`,
      {},
    ) as typeof import("../../src/manifest/browser.js");
    const line = api.imageLabels(
      { sourceRef: "s3://bucket/images/1.jpg", labels: ["Sunrise", "Crème brûlée 😀"] },
      { now: () => new Date(Date.UTC(2026, 0, 1)) },
    );
    expect(api.validateLine(line)).toEqual([]);
    const text = api.toJsonLine(line);
    expect(api.utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    expect(api.parseManifestLine(text).problems).toEqual([]);
  });
});
