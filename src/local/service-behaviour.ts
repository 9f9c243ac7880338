/**
 * The answers the emulator can give to what AWS does not document about the dataset API: one type per
 * question, each with every alternative a probe of the real service (`runProbe`) can tell apart. The
 * defaults are the library's assumptions (docs/SERVICE-BEHAVIOUR.md), so that a default emulator and a
 * service that agrees with the library behave alike.
 *
 * @module
 */

/**
 * What the `GroundTruth` size limit (5,242,880 bytes in the service model) counts: the decoded bytes
 * (`"raw"`, the library's assumption) or their base64 form as it travels in the JSON body (`"base64"`).
 */
export type PayloadLimitRule = "raw" | "base64";

/** Which exception an oversize `GroundTruth` gets: the modeled InvalidParameterException, or ValidationException. */
export type OversizeErrorName = "InvalidParameterException" | "ValidationException";

/**
 * What an UpdateDatasetEntries sent while another update of the dataset runs gets: ResourceInUseException
 * (`"resource-in-use"`, the library's assumption), or accepted and applied after the running one (`"queue"`).
 */
export type ConcurrentUpdateRule = "resource-in-use" | "queue";

/**
 * What an update does with a line it has doubts about: store it as sent (`"accept"`), store it flagged with
 * an error that ListDatasetEntries shows (`"flag"`), or drop it without a word (`"drop"`).
 */
export type LineRule = "accept" | "flag" | "drop";

/** Every {@link PayloadLimitRule}, for option checks and the command line. @internal */
export const PAYLOAD_LIMIT_RULES: readonly PayloadLimitRule[] = ["raw", "base64"];

/** Every {@link OversizeErrorName}. @internal */
export const OVERSIZE_ERROR_NAMES: readonly OversizeErrorName[] = [
  "InvalidParameterException",
  "ValidationException",
];

/** Every {@link ConcurrentUpdateRule}. @internal */
export const CONCURRENT_UPDATE_RULES: readonly ConcurrentUpdateRule[] = ["resource-in-use", "queue"];

/** Every {@link LineRule}. @internal */
export const LINE_RULES: readonly LineRule[] = ["accept", "flag", "drop"];

/** What an update does with each kind of doubtful line. */
export interface LineRules {
  /** A bounding box with a fractional coordinate or size. */
  readonly floatCoordinates: LineRule;
  /** An image-level label whose value is a string of digits (`"0"`). */
  readonly stringClassIndex: LineRule;
  /** A line with nothing but `source-ref`. */
  readonly sourceRefOnlyLine: LineRule;
}

/** The library's assumptions: the emulator's defaults. @internal */
export const DEFAULT_LINE_RULES: LineRules = {
  floatCoordinates: "accept",
  stringClassIndex: "accept",
  sourceRefOnlyLine: "flag",
};

/**
 * The size the limit is compared with: the decoded bytes, or the length of their base64 form.
 *
 * @internal
 */
export function countedPayloadBytes(byteLength: number, rule: PayloadLimitRule): number {
  return rule === "raw" ? byteLength : 4 * Math.ceil(byteLength / 3);
}
