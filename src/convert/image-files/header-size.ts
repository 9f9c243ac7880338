/**
 * An image's width and height from the first bytes of its file: no decoding, no whole-file read.
 *
 * @module
 * @internal
 */
import { open } from "node:fs/promises";
import { imageSize } from "image-size";

/** What a header read found. */
export type HeaderSize =
  /** The file's header gives its size; `type` is the format image-size recognised (`"png"`, `"jpg"`...). */
  | { readonly kind: "size"; readonly width: number; readonly height: number; readonly type: string }
  /** No file at the path (or it is not a file): the image is not at hand. */
  | { readonly kind: "missing" }
  /** The file exists, but its first bytes are not a header image-size knows. */
  | { readonly kind: "unreadable"; readonly reason: string };

/** Bytes read first: PNG needs 24, a JPEG's size sits after its EXIF/ICC segments, usually in 64 KiB. */
const FIRST_READ_BYTES = 64 * 1024;
/** The most read for a JPEG whose size marker sits further in (a large embedded thumbnail); image-size's own bound. */
const LAST_READ_BYTES = 512 * 1024;

/**
 * Reads an image's size from its header: the first 64 KiB, then up to 512 KiB when the size marker is not
 * in them (a JPEG with a large EXIF thumbnail).
 *
 * @param path - the image file.
 */
export async function readHeaderSize(path: string): Promise<HeaderSize> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return { kind: "missing" };
    return { kind: "unreadable", reason: code ?? String(error) };
  }
  try {
    const { size } = await handle.stat();
    if (!(size > 0)) return { kind: "unreadable", reason: "empty file" };
    let length = Math.min(size, FIRST_READ_BYTES);
    for (;;) {
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle.read(bytes, 0, length, 0);
      try {
        const found = imageSize(bytes.subarray(0, bytesRead));
        return { kind: "size", width: found.width, height: found.height, type: found.type ?? "unknown" };
      } catch (error) {
        const next = Math.min(size, LAST_READ_BYTES);
        if (next <= length) return { kind: "unreadable", reason: (error as Error).message };
        length = next;
      }
    }
  } catch (error) {
    return { kind: "unreadable", reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    await handle.close();
  }
}
