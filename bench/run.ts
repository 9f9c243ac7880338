/**
 * `npm run bench`: runs every `bench/*.bench.ts` and writes their sections to docs/BENCHMARKS.md.
 *
 * Each bench module exports `run(): Promise<BenchSection>` and measures against a baseline in the same run
 * (ratios, not absolute times): the machines are shared and noisy. Pass names to run only some:
 * `npm run bench -- manifest`.
 */
import { readdir, writeFile } from "node:fs/promises";
import { arch, cpus, totalmem } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchSection } from "./section.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const files = (await readdir(benchDir)).filter((file) => file.endsWith(".bench.ts")).sort();
const sections: BenchSection[] = [];
for (const file of files) {
  const name = basename(file, ".bench.ts");
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`bench ${name} ...`);
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { run(): Promise<BenchSection> };
  const section = await module.run();
  console.log(section.markdown);
  sections.push(section);
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"} (${arch()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const page = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (bench/run.ts). Every figure is a ratio against a baseline measured in the",
  "same run, because the machines are shared and noisy; absolute rates are given for scale only.",
  "",
  `Last run: ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  "",
  ...sections.flatMap((section) => [`## ${section.title}`, "", section.markdown.trim(), ""]),
].join("\n");

if (only.length === 0) {
  await writeFile(join(benchDir, "..", "docs", "BENCHMARKS.md"), page);
  console.log("wrote docs/BENCHMARKS.md");
} else {
  console.log("(a partial run does not rewrite docs/BENCHMARKS.md)");
}
