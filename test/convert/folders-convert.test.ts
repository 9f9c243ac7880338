import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { convertFolders, s3ModuleFor } from "../../src/convert/folders/convert-folders.js";
import { folderLabel, isImageName } from "../../src/convert/folders/folder-label.js";
import { parseS3Uri } from "../../src/convert/folders/s3-prefix.js";
import { isConversionInputError } from "../../src/errors/conversion-input-error.js";
import { validateLine } from "../../src/manifest/validate.js";
import { folderPerTest, writeTree } from "../support/files.js";
import { jpegBytes, pngBytes } from "./yolo-images.js";

const DATE = "2026-01-02T03:04:05.000Z";
const testFolder = folderPerTest("folders-");
let root: string;
beforeEach(() => {
  root = testFolder();
});

function put(files: Record<string, string | Buffer>): Promise<void> {
  return writeTree(join(root, "tree"), files);
}

async function lines(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, "utf8"))
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Each line's source-ref with its image-level label names. */
function labelsBySourceRef(all: Record<string, unknown>[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const line of all) {
    const names: string[] = [];
    for (const [key, value] of Object.entries(line)) {
      if (
        key.endsWith("-metadata") &&
        (value as { type?: string }).type === "groundtruth/image-classification"
      ) {
        names.push((value as { "class-name": string })["class-name"]);
      }
    }
    result[line["source-ref"] as string] = names;
  }
  return result;
}

describe("the folder convention", () => {
  it("labels an image with its immediate parent folder; the root gives none", () => {
    expect(folderLabel("cats/tabby/1.jpg")).toBe("tabby");
    expect(folderLabel("dogs/2.png")).toBe("dogs");
    expect(folderLabel("3.jpg")).toBeUndefined();
    expect(folderLabel("a b/\u200bx/4.jpg")).toBe("\u200bx");
  });

  it("takes .jpg, .jpeg and .png in any case, nothing else", () => {
    expect(["a.jpg", "a.JPEG", "a.Png", "a.jpeg"].every(isImageName)).toBe(true);
    expect(["a.gif", "a.jpg.txt", "jpg", "a.webp"].some(isImageName)).toBe(false);
  });

  it("splits an s3:// URI without decoding, adding the final slash", () => {
    expect(parseS3Uri("s3://b/my photos/%20x")).toEqual({ bucket: "b", prefix: "my photos/%20x/" });
    expect(parseS3Uri("s3://b")).toEqual({ bucket: "b", prefix: "" });
    expect(parseS3Uri("https://b/x")).toBeUndefined();
  });
});

describe("convertFolders on a local tree", () => {
  it("golden: labels from folder names, root images reported, byte-exact names, valid lines", async () => {
    await put({
      "cats/1.jpg": jpegBytes(64, 64),
      "cats/2.PNG": pngBytes(64, 64),
      "dogs/big dog/3.jpeg": jpegBytes(64, 64),
      "caf\u00e9 \u200b/4.png": pngBytes(64, 64),
      "root.jpg": jpegBytes(64, 64),
      "cats/notes.txt": "not an image",
    });
    const output = join(root, "out.manifest");
    const report = await convertFolders(join(root, "tree"), {
      output,
      images: "s3://bucket/tree/",
      creationDate: DATE,
    });
    const written = await lines(output);
    expect(labelsBySourceRef(written)).toEqual({
      "s3://bucket/tree/cats/1.jpg": ["cats"],
      "s3://bucket/tree/cats/2.PNG": ["cats"],
      "s3://bucket/tree/dogs/big dog/3.jpeg": ["big dog"],
      "s3://bucket/tree/caf\u00e9 \u200b/4.png": ["caf\u00e9 \u200b"],
    });
    for (const line of written) expect(validateLine(line).filter((p) => p.severity === "error")).toEqual([]);
    expect(report).toMatchObject({
      format: "folders",
      itemsIn: 5,
      linesOut: 4,
      counts: { IMAGE_IN_ROOT: 1, IMAGE_WITHOUT_ANNOTATIONS: 1 },
    });
    expect(report.issues.find((i) => i.code === "IMAGE_IN_ROOT")!.item).toEqual({ image: "root.jpg" });
  });

  it("does not follow a link to a folder (a loop ends), but takes a link to an image", async () => {
    await put({ "a/1.jpg": jpegBytes(64, 64) });
    await symlink(join(root, "tree"), join(root, "tree", "a", "loop"));
    await symlink(join(root, "tree", "a", "1.jpg"), join(root, "tree", "a", "linked.jpg"));
    const report = await convertFolders(join(root, "tree"), { dryRun: true, images: "s3://b/" });
    expect(report).toMatchObject({ itemsIn: 2, linesOut: 2, counts: { LINKED_FOLDER_SKIPPED: 1 } });
    expect(report.issues[0]!.item).toEqual({ file: "a/loop" });
  });

  it("without `images`, local names have no S3 place: IMAGE_NOT_IN_S3", async () => {
    await put({ "a/1.jpg": jpegBytes(64, 64) });
    const report = await convertFolders(join(root, "tree"), { dryRun: true });
    expect(report).toMatchObject({ linesOut: 0, counts: { IMAGE_NOT_IN_S3: 1 } });
  });

  it("a missing folder or a file is one error", async () => {
    const missing = await convertFolders(join(root, "nope"), { dryRun: true }).catch((e: unknown) => e);
    expect(isConversionInputError(missing)).toBe(true);
    expect(missing).toMatchObject({ format: "folders", file: join(root, "nope") });
    await put({ "f.jpg": jpegBytes(64, 64) });
    await expect(convertFolders(join(root, "tree", "f.jpg"), { dryRun: true })).rejects.toThrow(
      /not a folder/,
    );
  });
});

describe("convertFolders on an S3 prefix", () => {
  const s3 = mockClient(S3Client);
  afterEach(() => {
    s3.reset();
  });

  it("lists every page and keeps keys byte-exact (spaces, Unicode, zero-width characters)", async () => {
    const keys = [
      "data/cats/",
      "data/cats/a b.jpg",
      "data/cats/\u00e9t\u00e9.JPG",
      "data/zw\u200bsp/x.png",
      "data/dogs/%20encoded.jpeg",
      "data/readme.txt",
      "data/root.png",
    ];
    s3.on(ListObjectsV2Command, { Bucket: "bucket", Prefix: "data/" })
      .resolvesOnce({
        Contents: keys.slice(0, 3).map((Key) => ({ Key })),
        IsTruncated: true,
        NextContinuationToken: "t1",
      })
      .resolvesOnce({ Contents: keys.slice(3).map((Key) => ({ Key })), IsTruncated: false });
    const output = join(root, "out.manifest");
    const report = await convertFolders("s3://bucket/data", {
      output,
      creationDate: DATE,
      s3Client: new S3Client({
        region: "us-east-1",
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
      }),
    });
    expect(labelsBySourceRef(await lines(output))).toEqual({
      "s3://bucket/data/cats/a b.jpg": ["cats"],
      "s3://bucket/data/cats/\u00e9t\u00e9.JPG": ["cats"],
      "s3://bucket/data/zw\u200bsp/x.png": ["zw\u200bsp"],
      "s3://bucket/data/dogs/%20encoded.jpeg": ["dogs"],
    });
    const calls = s3.commandCalls(ListObjectsV2Command);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { Bucket: "bucket", Prefix: "data/" },
      { Bucket: "bucket", Prefix: "data/", ContinuationToken: "t1" },
    ]);
    expect(report).toMatchObject({ itemsIn: 5, linesOut: 4, counts: { IMAGE_IN_ROOT: 1 } });
  });

  it("without @aws-sdk/client-s3 installed, a clear typed error says to install it", async () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/client-s3'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await s3ModuleFor("s3://b/x/", () => Promise.reject(missing)).catch((e: unknown) => e);
    expect(isConversionInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/npm install @aws-sdk\/client-s3/);
    expect((error as Error).cause).toBe(missing);
    const other = new Error("boom");
    await expect(s3ModuleFor("s3://b/x/", () => Promise.reject(other))).rejects.toBe(other);
  });

  it("refuses an s3Client that is not a client, at once", async () => {
    await expect(convertFolders("s3://b/x/", { dryRun: true, s3Client: {} as never })).rejects.toMatchObject({
      name: "InvalidOptionsError",
      option: "s3Client",
    });
  });
});
