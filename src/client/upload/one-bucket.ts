/**
 * The one dataset-level rule an upload checks line by line: all of a dataset's images must be in one S3
 * bucket (the service reports ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS only later, for the whole dataset). The
 * first image's bucket sets the rule for the rest of the input; memory stays constant, whatever its size.
 *
 * @module
 */
import { OneBucketRule } from "../../manifest/dataset-checks.js";
import type { UploadRecord } from "./source.js";

/**
 * Passes records on, adding `ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS` to each line whose image is in another
 * bucket than the first sendable line's. Repeated source-refs are left to the packer (the later line wins).
 *
 * @param records - the input lines, in order.
 * @internal
 */
export async function* inOneBucket(
  records: AsyncIterable<UploadRecord>,
): AsyncGenerator<UploadRecord, void, undefined> {
  const rule = new OneBucketRule();
  for await (const record of records) {
    // The rule itself leaves out lines with errors: only lines that can be sent decide the dataset's bucket.
    const elsewhere = rule.check(record.line?.["source-ref"], record.problems, record.lineNumber);
    yield elsewhere === undefined ? record : { ...record, problems: [...record.problems, elsewhere] };
  }
}
