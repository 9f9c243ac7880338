/**
 * From an image's name in the input to its `source-ref`: byte for byte, nothing encoded.
 *
 * @module
 */

const S3_URI = /^s3:\/\/[^/]+\/./;

/**
 * Makes the function that gives an image's `s3://` URI from its name, or `undefined` when it has none (a
 * relative name and no `images` option). A prefix is joined to the name as given: no percent-encoding, no
 * trimming, no Unicode normalization, since S3 keys are byte strings and the service matches them exactly.
 *
 * @internal
 */
export function imageLocator(
  images: string | ((name: string) => string) | undefined,
): (name: string) => string | undefined {
  if (typeof images === "function") {
    return (name) => (S3_URI.test(name) ? name : images(name));
  }
  if (images === undefined) return (name) => (S3_URI.test(name) ? name : undefined);
  const prefix = images.endsWith("/") ? images : `${images}/`;
  return (name) => (S3_URI.test(name) ? name : prefix + name);
}
