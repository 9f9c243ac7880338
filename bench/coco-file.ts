/**
 * A synthetic COCO instances file of a given size for the convert bench: 640x480 images with 8 annotations
 * each, every annotation with a polygon segmentation (most of a real file's bytes) and a fractional bbox.
 */
import { createWriteStream } from "node:fs";

const MB = 2 ** 20;

/** Writes about `targetBytes` of COCO JSON to `file`; returns the bytes, images and annotations written. */
export async function writeCocoFile(
  file: string,
  targetBytes: number,
): Promise<{ bytes: number; images: number; annotations: number }> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  // Sizes first: 8 annotations of ~300 bytes each per image, plus ~120 bytes for the image.
  const images = Math.max(1, Math.floor(targetBytes / (8 * 300 + 120)));
  let bytes = 0;
  const emit = async (text: string) => {
    bytes += text.length;
    await write(text);
  };
  await emit('{"info":{"description":"bench"},"licenses":[],"categories":[');
  await emit(
    Array.from(
      { length: 20 },
      (_, i) => `{"id":${i + 1},"name":"class ${i + 1}","supercategory":"none"}`,
    ).join(","),
  );
  await emit('],"images":[');
  let parts: string[] = [];
  for (let i = 1; i <= images; i++) {
    parts.push(
      `${i === 1 ? "" : ","}{"id":${i},"file_name":"${String(i).padStart(12, "0")}.jpg","width":640,"height":480,"date_captured":"2013-11-14 11:18:45","license":1}`,
    );
    if (parts.length === 10_000) {
      await emit(parts.join(""));
      parts = [];
    }
  }
  await emit(parts.join(""));
  parts = [];
  await emit('],"annotations":[');
  let id = 0;
  for (let i = 1; i <= images; i++) {
    for (let k = 0; k < 8; k++) {
      id++;
      const x = (k * 71 + i) % 500;
      const y = (k * 53 + i) % 400;
      const polygon = Array.from({ length: 24 }, (_, p) =>
        ((p % 2 === 0 ? x : y) + ((p * 7) % 60) + 0.37).toFixed(2),
      );
      parts.push(
        `${id === 1 ? "" : ","}{"segmentation":[[${polygon.join(",")}]],"area":3712.5,"iscrowd":0,"image_id":${i},"bbox":[${x}.25,${y}.5,60.75,61.0],"category_id":${(k % 20) + 1},"id":${id}}`,
      );
    }
    if (parts.length >= (8 * MB) / 620) {
      await emit(parts.join(""));
      parts = [];
    }
  }
  await emit(parts.join(""));
  await emit("]}\n");
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { bytes, images, annotations: id };
}
