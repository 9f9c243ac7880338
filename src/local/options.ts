/**
 * Options of {@link startLocalRekognition}, and their defaults in one place.
 *
 * @module
 */

import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { MAX_GROUND_TRUTH_BYTES } from "../limits.js";
import { checkOptionsObject } from "../options/check-options.js";
import { REPEATED_SOURCE_REF_RULES, type RepeatedSourceRefRule } from "./change.js";
import type { FaultOptions } from "./faults.js";
import type { LocalImages } from "./images.js";
import {
  CONCURRENT_UPDATE_RULES,
  type ConcurrentUpdateRule,
  DEFAULT_LINE_RULES,
  LINE_RULES,
  type LineRule,
  type LineRules,
  OVERSIZE_ERROR_NAMES,
  type OversizeErrorName,
  PAYLOAD_LIMIT_RULES,
  type PayloadLimitRule,
} from "./service-behaviour.js";

/** How long the emulated service takes over asynchronous work. */
export interface ProcessingOptions {
  /**
   * Time every UpdateDatasetEntries spends in `UPDATE_IN_PROGRESS`, in milliseconds, whatever its size.
   *
   * @defaultValue 500
   */
  readonly baseMs?: number;
  /**
   * Time added per megabyte (2^20 bytes) of decoded `GroundTruth`, in milliseconds, so bigger updates
   * take longer as they do on the service.
   *
   * @defaultValue 200
   */
  readonly perMegabyteMs?: number;
  /**
   * Time a new dataset spends in `CREATE_IN_PROGRESS`, in milliseconds. Zero makes it `CREATE_COMPLETE`
   * at once.
   *
   * @defaultValue 0
   */
  readonly createMs?: number;
}

/** Options of {@link startLocalRekognition}. */
export interface LocalRekognitionOptions {
  /**
   * Address to listen on. Loopback by default so that nothing outside the machine can reach it.
   *
   * @defaultValue "127.0.0.1"
   */
  readonly host?: string;
  /**
   * Port to listen on; 0 picks a free one (read it back from `endpoint`).
   *
   * @defaultValue 0
   */
  readonly port?: number;
  /**
   * Region the emulator claims, used in ARNs and returned for client configuration.
   *
   * @defaultValue "us-east-1"
   */
  readonly region?: string;
  /**
   * Twelve-digit account id used in ARNs.
   *
   * @defaultValue "123456789012"
   */
  readonly accountId?: string;
  /**
   * The emulated service's clock in epoch milliseconds. Every request first settles dataset state against
   * it (no internal timers), so a test can move time by hand instead of sleeping.
   *
   * @defaultValue `Date.now`
   */
  readonly clock?: () => number;
  /**
   * Processing times of asynchronous operations.
   *
   * @defaultValue `{ baseMs: 500, perMegabyteMs: 200, createMs: 0 }`
   */
  readonly processing?: ProcessingOptions;
  /**
   * Largest decoded `GroundTruth` accepted, in bytes; larger is InvalidParameterException. Lower it to
   * exercise the limit with small payloads.
   *
   * @defaultValue `MAX_GROUND_TRUTH_BYTES` (5,242,880, the service model's limit)
   */
  readonly maxGroundTruthBytes?: number;
  /**
   * The images in the emulated S3, with their real sizes. When given, an update flags each entry whose image
   * is missing (ERROR_INVALID_IMAGE) or whose `image_size` is not the image's (ERROR_INVALID_IMAGE_DIMENSION),
   * as the service does when it reads the images: problems no client-side validator can see.
   *
   * @defaultValue every image exists, at the size its line declares
   */
  readonly images?: LocalImages;
  /**
   * What an update does with a `source-ref` that appears on more than one line of one change. The
   * service does not document it (see "A source-ref repeated within one request" in
   * docs/ARCHITECTURE.md): pick the rule your code should survive. The library's own upload never sends
   * a repeated source-ref, so it is not affected.
   *
   * @defaultValue "keep-first"
   */
  readonly repeatedSourceRef?: RepeatedSourceRefRule;
  /**
   * What `maxGroundTruthBytes` is compared with: the decoded `GroundTruth` (`"raw"`) or the length of its
   * base64 form in the request body (`"base64"`, which refuses bodies over about 3,932,160 decoded bytes).
   * Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md, `payload-limit-counting`.
   *
   * @defaultValue "raw"
   */
  readonly payloadLimit?: PayloadLimitRule;
  /**
   * The exception an oversize `GroundTruth` gets. Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md,
   * `oversize-error`.
   *
   * @defaultValue "InvalidParameterException"
   */
  readonly oversizeError?: OversizeErrorName;
  /**
   * What an UpdateDatasetEntries sent while another update of the dataset runs gets: ResourceInUseException,
   * or accepted and run after the current one. Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md,
   * `concurrent-update`.
   *
   * @defaultValue "resource-in-use"
   */
  readonly concurrentUpdate?: ConcurrentUpdateRule;
  /**
   * What an update does with a line whose bounding box has a fractional coordinate or size: store it
   * (`"accept"`), store it flagged with ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT (`"flag"`), or drop it
   * (`"drop"`). Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md, `float-coordinates`.
   *
   * @defaultValue "accept"
   */
  readonly floatCoordinates?: LineRule;
  /**
   * What an update does with a line whose image-level label value is a string of digits (`"0"`): as for
   * `floatCoordinates`. Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md, `string-class-index`.
   *
   * @defaultValue "accept"
   */
  readonly stringClassIndex?: LineRule;
  /**
   * What an update does with a line holding nothing but `source-ref`: store it flagged with
   * ERROR_NO_LABEL_ATTRIBUTES (`"flag"`), store it as an unlabelled image (`"accept"`), or drop it
   * (`"drop"`). Undocumented by AWS: see docs/SERVICE-BEHAVIOUR.md, `source-ref-only-line`.
   *
   * @defaultValue "flag"
   */
  readonly sourceRefOnlyLine?: LineRule;
  /**
   * Faults to inject from the start; change them later with `setFaults`.
   *
   * @defaultValue no faults
   */
  readonly faults?: FaultOptions;
  /**
   * Seed of the generator that decides which requests get a fault: the same seed and the same requests
   * give the same faults.
   *
   * @defaultValue 1
   */
  readonly seed?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  /** See {@link LocalRekognitionOptions.host}. */
  readonly host: string;
  /** See {@link LocalRekognitionOptions.port}. */
  readonly port: number;
  /** See {@link LocalRekognitionOptions.region}. */
  readonly region: string;
  /** See {@link LocalRekognitionOptions.accountId}. */
  readonly accountId: string;
  /** See {@link LocalRekognitionOptions.clock}. */
  readonly clock: () => number;
  /** See {@link LocalRekognitionOptions.processing}. */
  readonly processing: Required<ProcessingOptions>;
  /** See {@link LocalRekognitionOptions.maxGroundTruthBytes}. */
  readonly maxGroundTruthBytes: number;
  /** See {@link LocalRekognitionOptions.images}. */
  readonly images: LocalImages | undefined;
  /** See {@link LocalRekognitionOptions.repeatedSourceRef}. */
  readonly repeatedSourceRef: RepeatedSourceRefRule;
  /** See {@link LocalRekognitionOptions.payloadLimit}. */
  readonly payloadLimit: PayloadLimitRule;
  /** See {@link LocalRekognitionOptions.oversizeError}. */
  readonly oversizeError: OversizeErrorName;
  /** See {@link LocalRekognitionOptions.concurrentUpdate}. */
  readonly concurrentUpdate: ConcurrentUpdateRule;
  /** See `floatCoordinates`, `stringClassIndex` and `sourceRefOnlyLine` in {@link LocalRekognitionOptions}. */
  readonly lineRules: LineRules;
  /** See {@link LocalRekognitionOptions.faults}. */
  readonly faults: FaultOptions;
  /** See {@link LocalRekognitionOptions.seed}. */
  readonly seed: number;
}

const OPTION_NAMES = [
  "host",
  "port",
  "region",
  "accountId",
  "clock",
  "processing",
  "maxGroundTruthBytes",
  "images",
  "repeatedSourceRef",
  "payloadLimit",
  "oversizeError",
  "concurrentUpdate",
  "floatCoordinates",
  "stringClassIndex",
  "sourceRefOnlyLine",
  "faults",
  "seed",
] as const satisfies readonly (keyof LocalRekognitionOptions)[];

const PROCESSING_NAMES = [
  "baseMs",
  "perMegabyteMs",
  "createMs",
] as const satisfies readonly (keyof ProcessingOptions)[];

function nonNegative(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionsError({ option: name, expected: "a finite number >= 0", value });
  }
  return value;
}

/** The option's value when it is one of `allowed`, its default when not given; anything else is refused. */
function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new InvalidOptionsError({
      option: name,
      expected: allowed.map((rule) => JSON.stringify(rule)).join(", or "),
      value,
    });
  }
  return value;
}

/**
 * Applies defaults and refuses impossible values and unknown names at once (an `InvalidOptionsError` naming
 * the option's path, with the nearest known name for an unknown one), as the library's own calls do.
 */
export function resolveOptions(options: LocalRekognitionOptions = {}): ResolvedOptions {
  checkOptionsObject(options, OPTION_NAMES, "");
  checkOptionsObject(options.processing, PROCESSING_NAMES, "processing");
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidOptionsError({ option: "port", expected: "an integer from 0 to 65535", value: port });
  }
  const accountId = options.accountId ?? "123456789012";
  if (typeof accountId !== "string" || !/^\d{12}$/.test(accountId)) {
    throw new InvalidOptionsError({ option: "accountId", expected: "twelve digits", value: accountId });
  }
  const region = options.region ?? "us-east-1";
  if (typeof region !== "string" || !/^[a-z\d-]+$/.test(region)) {
    throw new InvalidOptionsError({
      option: "region",
      expected: 'a region name like "us-east-1"',
      value: region,
    });
  }
  const repeatedSourceRef = options.repeatedSourceRef ?? "keep-first";
  if (!REPEATED_SOURCE_REF_RULES.includes(repeatedSourceRef)) {
    throw new InvalidOptionsError({
      option: "repeatedSourceRef",
      expected: REPEATED_SOURCE_REF_RULES.map((rule) => JSON.stringify(rule)).join(", or "),
      value: repeatedSourceRef,
    });
  }
  if (options.clock !== undefined && typeof options.clock !== "function") {
    throw new InvalidOptionsError({
      option: "clock",
      expected: "a function returning epoch milliseconds",
      value: options.clock,
    });
  }
  const processing: ProcessingOptions = options.processing ?? {};
  return {
    host: options.host ?? "127.0.0.1",
    port,
    region,
    accountId,
    // Looked up at each call, so that fake timers installed after start still drive it.
    clock: options.clock ?? (() => Date.now()),
    processing: {
      baseMs: nonNegative("processing.baseMs", processing.baseMs ?? 500),
      perMegabyteMs: nonNegative("processing.perMegabyteMs", processing.perMegabyteMs ?? 200),
      createMs: nonNegative("processing.createMs", processing.createMs ?? 0),
    },
    maxGroundTruthBytes: nonNegative(
      "maxGroundTruthBytes",
      options.maxGroundTruthBytes ?? MAX_GROUND_TRUTH_BYTES,
    ),
    images: options.images,
    repeatedSourceRef,
    payloadLimit: oneOf("payloadLimit", options.payloadLimit, PAYLOAD_LIMIT_RULES, "raw"),
    oversizeError: oneOf(
      "oversizeError",
      options.oversizeError,
      OVERSIZE_ERROR_NAMES,
      "InvalidParameterException",
    ),
    concurrentUpdate: oneOf(
      "concurrentUpdate",
      options.concurrentUpdate,
      CONCURRENT_UPDATE_RULES,
      "resource-in-use",
    ),
    lineRules: {
      floatCoordinates: oneOf(
        "floatCoordinates",
        options.floatCoordinates,
        LINE_RULES,
        DEFAULT_LINE_RULES.floatCoordinates,
      ),
      stringClassIndex: oneOf(
        "stringClassIndex",
        options.stringClassIndex,
        LINE_RULES,
        DEFAULT_LINE_RULES.stringClassIndex,
      ),
      sourceRefOnlyLine: oneOf(
        "sourceRefOnlyLine",
        options.sourceRefOnlyLine,
        LINE_RULES,
        DEFAULT_LINE_RULES.sourceRefOnlyLine,
      ),
    },
    faults: options.faults ?? {},
    seed: options.seed ?? 1,
  };
}
