/**
 * The images of a local folder tree, walked with one directory handle at a time.
 *
 * @module
 * @internal
 */
import { opendir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isImageName } from "./folder-label.js";

/** One entry the walk met. */
export type TreeEntry =
  /** An image file (or a link to one); `relativePath` is `/`-separated from the root. */
  | { readonly kind: "image"; readonly relativePath: string; readonly path: string }
  /** A symbolic link to a folder, not followed (a link can loop back to its own ancestors). */
  | { readonly kind: "linked-folder"; readonly relativePath: string };

/**
 * Walks `root` with `fs.opendir`'s recursive mode: entries stream one by one, so memory holds the folders
 * still to read, never the list of files. Symbolic links are not descended into (Node's walk does not
 * follow them, which also keeps a link to an ancestor from looping); a link to an image file counts as an
 * image at the link's place. Only `.jpg`, `.jpeg` and `.png` names (any case) are images.
 *
 * @param root - the folder to walk.
 */
export async function* walkImageTree(root: string): AsyncGenerator<TreeEntry> {
  const directory = await opendir(root, { recursive: true, bufferSize: 64 });
  for await (const entry of directory) {
    const path = join(entry.parentPath, entry.name);
    const relativePath = relative(root, path).split(sep).join("/");
    if (entry.isFile()) {
      if (isImageName(entry.name)) yield { kind: "image", relativePath, path };
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isDirectory()) yield { kind: "linked-folder", relativePath };
      else if (target?.isFile() && isImageName(entry.name)) yield { kind: "image", relativePath, path };
    }
  }
}
