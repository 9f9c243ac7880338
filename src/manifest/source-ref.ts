/**
 * The image's identity on a line: `source-ref`, an `s3://bucket/key` URI.
 *
 * @module
 */
import { quoteValue } from "./problems.js";

const S3_SCHEME = "s3://";

/**
 * Bucket names as Rekognition's own `S3Object.Bucket` shape takes them: letters, digits, `.`, `_` and `-`,
 * up to 255 characters (legacy us-east-1 names may be that long, with capitals and underscores). Today's
 * S3 rules (3-63 lowercase characters) are not enforced: older buckets break them, and AWS's own examples
 * use one-letter placeholders.
 */
const BUCKET_PATTERN = /^[0-9A-Za-z._-]{1,255}$/;

/** The bucket and key of an `s3://bucket/key` URI. */
export interface S3Location {
  /** The bucket name. */
  readonly bucket: string;
  /** The object key (never empty). */
  readonly key: string;
}

/**
 * Splits a well-formed `source-ref` into bucket and key, or returns `undefined` when it is not one.
 *
 * @param sourceRef - a `source-ref` value.
 */
export function parseSourceRef(sourceRef: unknown): S3Location | undefined {
  if (sourceRefProblem(sourceRef) !== undefined) return undefined;
  const text = sourceRef as string;
  const slash = text.indexOf("/", S3_SCHEME.length);
  return { bucket: text.slice(S3_SCHEME.length, slash), key: text.slice(slash + 1) };
}

/**
 * Why a `source-ref` value is not `s3://bucket/key` with a valid bucket name and a non-empty key, or
 * `undefined` when it is fine.
 *
 * @internal
 */
export function sourceRefProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `must be a string "s3://bucket/key", got ${quoteValue(value)}`;
  // The images of one manifest share a bucket: past a known-good `s3://bucket/`, only the key can be empty.
  if (
    lastGoodPrefix !== undefined &&
    value.length > lastGoodPrefix.length &&
    value.startsWith(lastGoodPrefix)
  ) {
    return undefined;
  }
  if (!value.startsWith(S3_SCHEME)) return `must start with "s3://", got ${quoteValue(value)}`;
  const slash = value.indexOf("/", S3_SCHEME.length);
  if (slash < 0 || slash === value.length - 1) {
    return `must name an object key after the bucket ("s3://bucket/key"), got ${quoteValue(value)}`;
  }
  const bucket = value.slice(S3_SCHEME.length, slash);
  if (!BUCKET_PATTERN.test(bucket)) {
    return `has an invalid S3 bucket name ${quoteValue(bucket)} (1-255 letters, digits, ".", "_" or "-")`;
  }
  lastGoodPrefix = value.slice(0, slash + 1);
  return undefined;
}

/** `s3://bucket/` of the last well-formed `source-ref`. */
let lastGoodPrefix: string | undefined;
