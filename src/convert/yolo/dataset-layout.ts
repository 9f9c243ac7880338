/**
 * Where a YOLO dataset's pieces are: its root folder, its class names, and each image's label file.
 *
 * @module
 * @internal
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { type ClassNames, classNamesFromList, classNamesFromYaml, yamlLayout } from "./class-names.js";

/** A YOLO dataset located. */
export interface YoloDataset {
  /** The folder walked for images. */
  readonly root: string;
  /** Class names by index. */
  readonly names: ClassNames;
  /** The file the names came from. */
  readonly namesFile: string;
}

/** Class files looked for in a dataset folder, in this order, when none is given. */
const CLASS_FILE_NAMES = ["data.yaml", "dataset.yaml", "data.yml", "dataset.yml", "classes.txt", "obj.names"];

function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

async function kindOf(path: string): Promise<"file" | "directory" | undefined> {
  const found = await stat(path).catch(() => undefined);
  return found === undefined ? undefined : found.isDirectory() ? "directory" : "file";
}

/** Reads a names file (a data YAML or a classes list), or throws the error naming it. */
async function readNames(file: string): Promise<{ names: ClassNames; text: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConversionInputError({
      format: "yolo",
      file,
      reason: `the class names file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      cause: error,
    });
  }
  const result = isYaml(file) ? classNamesFromYaml(text) : classNamesFromList(text);
  if ("problem" in result) {
    throw new ConversionInputError({
      format: "yolo",
      file,
      ...(result.line === undefined ? {} : { line: result.line }),
      reason: `${result.problem}.`,
    });
  }
  return { names: result.names, text };
}

/**
 * Locates a dataset from what the user gave: a data YAML (its folder is the root, or its `path` when that
 * names an existing folder, relative to the YAML), a classes file (its folder is the root), or a folder (the
 * root; the names come from `classes`, else the first of `data.yaml`, `dataset.yaml`, `classes.txt`,
 * `obj.names` in it, else its only `.yaml` file).
 *
 * @param input - the YAML, classes file or folder.
 * @param classes - a names file given apart (the `classes` option).
 * @throws {@link ConversionInputError} when nothing usable is there.
 */
export async function locateYoloDataset(input: string, classes: string | undefined): Promise<YoloDataset> {
  const kind = await kindOf(input);
  if (kind === undefined) {
    throw new ConversionInputError({ format: "yolo", file: input, reason: "no such file or folder." });
  }
  if (kind === "file") {
    const namesFile = classes ?? input;
    const { names } = await readNames(namesFile);
    let root = dirname(input);
    if (isYaml(input)) {
      const text = namesFile === input ? (await readNames(input)).text : await readFile(input, "utf8");
      const path = yamlLayout(text).path;
      if (path !== undefined) {
        const candidate = isAbsolute(path) ? path : resolve(root, path);
        if ((await kindOf(candidate)) === "directory") root = candidate;
      }
    }
    return { root, names, namesFile };
  }
  if (classes !== undefined)
    return { root: input, names: (await readNames(classes)).names, namesFile: classes };
  for (const name of CLASS_FILE_NAMES) {
    const file = join(input, name);
    if ((await kindOf(file)) === "file")
      return { root: input, names: (await readNames(file)).names, namesFile: file };
  }
  const yamls = (await readdir(input)).filter(isYaml);
  if (yamls.length === 1) {
    const file = join(input, yamls[0] as string);
    return { root: input, names: (await readNames(file)).names, namesFile: file };
  }
  throw new ConversionInputError({
    format: "yolo",
    file: input,
    reason:
      yamls.length > 1
        ? `several YAML files (${yamls.join(", ")}): give the data YAML itself, or \`classes\`.`
        : "no class names: no data.yaml, dataset.yaml, classes.txt or obj.names in the folder. Give the data YAML, or `classes`.",
  });
}

/**
 * Where an image's label file may be, relative to the root, best first: the Ultralytics rule (the last
 * `images` folder of the path replaced by `labels`, the extension by `.txt`), then darknet's (a `.txt`
 * beside the image).
 *
 * @param relativePath - the image, `/`-separated from the root.
 */
export function labelFileCandidates(relativePath: string): string[] {
  const stem = relativePath.slice(0, relativePath.length - extname(relativePath).length);
  const candidates: string[] = [];
  const slashed = `/${stem}`;
  const at = slashed.lastIndexOf("/images/");
  if (at >= 0) candidates.push(`${slashed.slice(0, at)}/labels/${slashed.slice(at + 8)}.txt`.slice(1));
  candidates.push(`${stem}.txt`);
  return candidates;
}

/** A label file found and read. */
export interface LabelFile {
  /** Its path relative to the root, `/`-separated. */
  readonly relativePath: string;
  /** Its content. */
  readonly text: string;
}

/** Reads the first label file of an image that exists, or `undefined` when there is none. */
export async function readLabelFile(root: string, imageRelativePath: string): Promise<LabelFile | undefined> {
  for (const relativePath of labelFileCandidates(imageRelativePath)) {
    try {
      return { relativePath, text: await readFile(join(root, ...relativePath.split("/")), "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      throw new ConversionInputError({
        format: "yolo",
        file: join(root, relativePath),
        reason: `the label file cannot be read (${code ?? "error"}).`,
        cause: error,
      });
    }
  }
  return undefined;
}

/** The image name a sizes CSV would use: its path from the root, or its file name alone. */
export function sizeKeys(relativePath: string): [string, string] {
  return [relativePath, basename(relativePath)];
}
