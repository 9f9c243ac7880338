/**
 * The CLI is a thin layer over the public library: it never reaches into the emulator or the converters,
 * and it loads the library only when a command runs (dynamic `import()`), so starting it, or `--help`, loads
 * none of it. Read from the sources, so a new command file is held to the same rules.
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

/** The tiny module of the error brand, which the failure messages need before any command runs. */
const ALLOWED_LIBRARY_MODULES = new Set(["../errors/dataset-error.js"]);

describe("the CLI's architecture", () => {
  it("imports neither the emulator nor the converters, and the library only lazily", async () => {
    const cli = join(ROOT, "src/cli");
    const files = await sourceFiles(cli);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(file, "utf8");
      const name = relative(ROOT, file);
      expect(source, name).not.toMatch(/["'](\.\.\/)+(local|convert)\//);
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
});
