/**
 * The objects under an S3 prefix, listed page by page with ListObjectsV2 from `@aws-sdk/client-s3`, an
 * optional peer dependency loaded only here.
 *
 * @module
 * @internal
 */
import type { S3Client } from "@aws-sdk/client-s3";

/** `s3://bucket/prefix/` split; the prefix ends with `/` unless it is empty (the whole bucket). */
export interface S3Location {
  /** The bucket. */
  readonly bucket: string;
  /** The key prefix, as given, with a `/` added when it lacks one. */
  readonly prefix: string;
}

/**
 * Splits an `s3://bucket/prefix/` URI. The prefix is kept byte for byte (no decoding: a key may hold `%`,
 * spaces or any Unicode); a prefix without a final `/` gets one, since the folder convention needs folders.
 *
 * @returns the location, or `undefined` when `uri` is not an `s3://bucket...` URI.
 */
export function parseS3Uri(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/s.exec(uri);
  if (match === null) return undefined;
  const bucket = match[1] as string;
  const given = match[2] ?? "";
  return { bucket, prefix: given === "" || given.endsWith("/") ? given : `${given}/` };
}

/** The S3 module's exports this file uses. */
export type S3Module = typeof import("@aws-sdk/client-s3");

/** Thrown inside {@link loadS3Module} when the package cannot be imported. @internal */
export class S3ModuleMissing extends Error {}

/**
 * Imports `@aws-sdk/client-s3` on first use, so a user who never lists S3 never needs it.
 *
 * @throws {@link S3ModuleMissing} when it is not installed.
 */
export async function loadS3Module(
  importer: () => Promise<unknown> = () => import("@aws-sdk/client-s3"),
): Promise<S3Module> {
  try {
    return (await importer()) as S3Module;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND")
      throw new S3ModuleMissing("missing", { cause: error });
    throw error;
  }
}

/**
 * Every key under the location, in S3's order (UTF-8 binary), following `NextContinuationToken` until the
 * listing is not truncated. Keys come back exactly as S3 returns them: the listing is asked for no
 * `EncodingType`, so S3 does not URL-encode them and nothing here decodes them.
 *
 * @param client - the S3 client to send with.
 * @param module - the loaded S3 module (for its command class).
 * @param location - the bucket and prefix.
 * @param abortSignal - ends the listing between or during pages.
 */
export async function* listS3Keys(
  client: S3Client,
  module: S3Module,
  location: S3Location,
  abortSignal?: AbortSignal,
): AsyncGenerator<string> {
  let continuationToken: string | undefined;
  do {
    const page = await client.send(
      new module.ListObjectsV2Command({
        Bucket: location.bucket,
        ...(location.prefix === "" ? {} : { Prefix: location.prefix }),
        ...(continuationToken === undefined ? {} : { ContinuationToken: continuationToken }),
      }),
      abortSignal === undefined ? {} : { abortSignal },
    );
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined) yield object.Key;
    }
    continuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (continuationToken !== undefined);
}
