/**
 * The README's examples are code users copy: they must run as written. Each ```ts block is written to a
 * temporary folder with the package's imports pointed at the sources, then run with tsx (the upload example,
 * which needs AWS, is only type-checked).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
let dir: string;
let blocks: string[];

function pointAtSources(code: string): string {
  return code
    .replaceAll('"rekognition-datasets/local"', JSON.stringify(join(root, "src/local/index.ts")))
    .replaceAll('"rekognition-datasets"', JSON.stringify(join(root, "src/index.ts")));
}

async function runBlock(index: number): Promise<string> {
  const file = join(dir, `block-${index}.mts`);
  await writeFile(file, pointAtSources(blocks[index] ?? ""));
  const { stdout } = await run(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), file], {
    cwd: dir,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    timeout: 30_000,
  });
  return stdout;
}

beforeAll(async () => {
  const readme = await readFile(join(root, "README.md"), "utf8");
  blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  // Inside the project, so that the examples' own imports (the SDK) resolve from its node_modules.
  dir = await mkdtemp(join(root, ".readme-"));
  // The "check an existing manifest" example reads train.manifest: one good line, one with a box outside its image.
  const good = {
    "source-ref": "s3://my-bucket/a.jpg",
    sunrise: 1,
    "sunrise-metadata": {
      confidence: 1,
      "class-name": "Sunrise",
      "human-annotated": "yes",
      "creation-date": "2026-01-01T00:00:00.000",
      type: "groundtruth/image-classification",
    },
  };
  const bad = {
    "source-ref": "s3://my-bucket/b.png",
    "bounding-box": {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: [{ class_id: 1, top: 251, left: 600, width: 155, height: 101 }],
    },
    "bounding-box-metadata": {
      objects: [{ confidence: 1 }],
      "class-map": { "1": "Echo Dot" },
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": "2013-11-18T02:53:27",
    },
  };
  await writeFile(join(dir, "train.manifest"), `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("README examples", () => {
  it("has the five examples this test knows", () => {
    expect(blocks).toHaveLength(5);
  });

  it("builds a line of each kind, and both on one image, with no problem", async () => {
    const out = await runBlock(0);
    expect(out).toContain('"source-ref":"s3://my-bucket/images/2.png"');
    expect(out.trim().endsWith("[]")).toBe(true);
  });

  it("checks an existing manifest, naming the line and field of each problem", async () => {
    const out = await runBlock(1);
    expect(out).toMatch(/line 2: error ERROR_INVALID_BOUNDING_BOX at bounding-box\.annotations\[0\]/);
    expect(out).not.toMatch(/line 1:/);
  });

  it("runs the emulator example against the unmodified SDK", async () => {
    const out = await runBlock(3);
    expect(out).toContain("[]"); // a new dataset has no entries
  });

  it("type-checks the upload and sync examples (they need AWS, so they are not run)", async () => {
    const files = [2, 4].map((index) => join(dir, `block-${index}.mts`));
    await writeFile(files[0]!, pointAtSources(blocks[2] ?? ""));
    await writeFile(files[1]!, pointAtSources(blocks[4] ?? ""));
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(root, "tsconfig.json"),
        compilerOptions: {
          noEmit: true,
          allowImportingTsExtensions: true,
          typeRoots: [join(root, "node_modules/@types")],
        },
        include: files,
      }),
    );
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    await expect(
      run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { timeout: 60_000 }),
    ).resolves.toBeDefined();
  }, 90_000);
});
