/**
 * What every export shares: options, the output, strict and dry runs, the report.
 *
 * @module
 */
import { ConversionError } from "../../errors/conversion-error.js";
import { ConversionInputError } from "../../errors/conversion-input-error.js";
import { InvalidOptionsError } from "../../errors/invalid-options-error.js";
import { isManifestReadError } from "../../errors/manifest-read-error.js";
import type { ManifestSource } from "../../manifest/reader.js";
import { checkOutputOptions, OUTPUT_OPTION_KEYS } from "../options.js";
import { type OutputSink, openOutput } from "../output.js";
import { type ConversionReport, IssueCollector } from "../report.js";
import type { OutputOptions } from "../types.js";

/** Options every export takes. */
export interface ExportOptions extends OutputOptions {
  /**
   * A prefix (`s3://bucket/folder/`) cut from each `source-ref` to give the file name written; a
   * `source-ref` outside it is written whole.
   *
   * @defaultValue none: file names are the whole `s3://` URIs
   */
  readonly images?: string;
}

/** Keys of {@link ExportOptions}. @internal */
export const EXPORT_OPTION_KEYS = [...OUTPUT_OPTION_KEYS, "images"] as const;

/** @internal */
export function checkExportOptions(
  options: unknown,
  known: readonly string[],
): asserts options is ExportOptions {
  checkOutputOptions(options, known);
  const images = (options as ExportOptions).images;
  if (images !== undefined && !(typeof images === "string" && images.startsWith("s3://"))) {
    throw new InvalidOptionsError({
      option: "images",
      expected: 'an S3 prefix such as "s3://bucket/folder/"',
      value: images,
    });
  }
}

/** The file name an export writes for a `source-ref`. @internal */
export function fileNamer(images: string | undefined): (sourceRef: string) => string {
  if (images === undefined) return (sourceRef) => sourceRef;
  const prefix = images.endsWith("/") ? images : `${images}/`;
  return (sourceRef) => (sourceRef.startsWith(prefix) ? sourceRef.slice(prefix.length) : sourceRef);
}

/** The name of a manifest source, for the report. @internal */
export function sourceName(source: ManifestSource): string {
  return typeof source === "string" ? source : source instanceof URL ? source.pathname : "<stream>";
}

/**
 * Runs an export: `write` gets the sink and the report, and the run commits or discards the output.
 *
 * @internal
 */
export async function runExport(
  format: string,
  options: ExportOptions,
  write: (sink: OutputSink, report: IssueCollector) => Promise<void>,
): Promise<ConversionReport> {
  const report = new IssueCollector();
  const signal = options.abortSignal;
  signal?.throwIfAborted();
  const strict = options.strict === true;
  const dryRun = options.dryRun === true;
  const sink = await openOutput(options.output, { dryRun, strict, abortSignal: signal });
  try {
    await write(sink, report);
    signal?.throwIfAborted();
    if (strict && report.hasLoss()) throw new ConversionError(report.report(format, "export", false));
    await sink.commit();
  } catch (error) {
    await sink.discard();
    if (isManifestReadError(error)) {
      throw new ConversionInputError({
        format: "manifest",
        file: error.path,
        reason: error.message,
        cause: error,
      });
    }
    throw error;
  }
  const outputFile = typeof options.output === "string" && !dryRun ? options.output : undefined;
  return report.report(format, "export", !dryRun, outputFile);
}
