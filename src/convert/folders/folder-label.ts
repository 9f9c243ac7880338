/**
 * The console's folder convention: an image's label is the name of its immediate parent folder under the
 * chosen root; an image directly in the root has none.
 *
 * @module
 * @internal
 */

/** The extensions Custom Labels takes (PNG and JPEG), compared case-insensitively. */
const IMAGE_EXTENSION = /\.(?:jpe?g|png)$/i;

/** Whether a file name or key names an image the service takes (`.jpg`, `.jpeg`, `.png`, any case). */
export function isImageName(name: string): boolean {
  return IMAGE_EXTENSION.test(name);
}

/**
 * The label of an image from its path relative to the root, `/`-separated: the last folder's name, or
 * `undefined` for an image directly in the root.
 *
 * @param relativePath - e.g. `"cats/tabby/1.jpg"` (label `"tabby"`).
 */
export function folderLabel(relativePath: string): string | undefined {
  const end = relativePath.lastIndexOf("/");
  if (end <= 0) return undefined;
  const start = relativePath.lastIndexOf("/", end - 1);
  return relativePath.slice(start + 1, end);
}
