/**
 * The CLI is a thin layer over the public library: it never reaches into the emulator, reaches the converters
 * only through their public entry point (`rekognition-datasets/convert`, `src/convert/index.ts`), and loads
 * the library only when a command runs (dynamic `import()`), so starting it, or `--help`, loads none of it.
 * Read from the sources, so a new command file is held to the same rules.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Static `import ... from "x"` statements that bring values (not `import type`). */
function staticValueImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms)].map(
    (match) => match[1] ?? "",
  );
}

/** Every module specifier the source names: static, type-only and dynamic imports. */
function allSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\(\s*)"([^"]+)"/g)].map((match) => match[1] ?? "");
}

/**
 * Whether a dynamic `import()` stands at a module's top level: on an unindented line (the formatter indents
 * every statement inside a function), so it would run when the CLI starts.
 */
function topLevelDynamicImport(source: string): boolean {
  return /^\S[^\n]*\bimport\(/m.test(source);
}

/** The converters' public entry point, as a command module names it. */
const CONVERT_ENTRY = "../../convert/index.js";

/** The tiny module of the error brand, which the failure messages need before any command runs. */
const ALLOWED_LIBRARY_MODULES = new Set(["../errors/dataset-error.js"]);

describe("the CLI's architecture", () => {
  it("imports neither the emulator nor a converter's own module, and the library only lazily", async () => {
    const cli = join(ROOT, "src/cli");
    const files = await sourceFiles(cli);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(file, "utf8");
      const name = relative(ROOT, file);
      expect(source, name).not.toMatch(/["'](\.\.\/)+local\//);
      for (const specifier of allSpecifiers(source).filter((s) => /^(\.\.\/)+convert\//.test(s))) {
        expect(specifier, `${name} reaches into the converters`).toBe(CONVERT_ENTRY);
        expect(topLevelDynamicImport(source), `${name} loads the converters at start`).toBe(false);
      }
      for (const specifier of staticValueImports(source)) {
        const library = specifier.startsWith("../") && !specifier.startsWith("../cli/");
        // From src/cli/commands/, "../x.js" is the CLI's own module; the library is "../../x".
        const fromCommands = name.startsWith("src/cli/commands/");
        const outsideCli = fromCommands ? specifier.startsWith("../../") : library;
        if (outsideCli)
          expect(ALLOWED_LIBRARY_MODULES.has(specifier), `${name} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("loads the converters in convert and export only inside run, through dynamic import()", async () => {
    for (const command of ["convert", "export"]) {
      const source = await readFile(join(ROOT, `src/cli/commands/${command}.ts`), "utf8");
      expect(source).toContain(`await import("${CONVERT_ENTRY}")`);
      expect(staticValueImports(source).filter((specifier) => specifier.includes("convert/"))).toEqual([]);
    }
  });
});
