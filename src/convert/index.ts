/**
 * Converters (`rekognition-datasets/convert`): from the formats people label in (COCO, CSV, SageMaker
 * Ground Truth output, YOLO, Pascal VOC, folders) to a valid manifest, and back out (COCO, CSV). Each
 * returns a {@link ConversionReport}: items in, lines out, and every loss or change as a stable code.
 * Loaded only when imported: the main entry point does not pull in the parsers these need.
 *
 * @module rekognition-datasets/convert
 */

export { ConversionError, isConversionError } from "../errors/conversion-error.js";
export type { ConversionInputErrorDetails } from "../errors/conversion-input-error.js";
export { ConversionInputError, isConversionInputError } from "../errors/conversion-input-error.js";
export type { CocoConvertOptions } from "./coco/convert-coco.js";
export { convertCoco } from "./coco/convert-coco.js";
export type { CsvConvertOptions, CsvLayout } from "./csv/convert-csv.js";
export { convertCsv } from "./csv/convert-csv.js";
export type { CocoExportOptions } from "./export/export-coco.js";
export { exportCoco } from "./export/export-coco.js";
export type { CsvExportOptions } from "./export/export-csv.js";
export { exportCsv } from "./export/export-csv.js";
export type { ExportOptions } from "./export/run-export.js";
export { convertFolders, type FoldersConvertOptions } from "./folders/convert-folders.js";
export type { GroundTruthConvertOptions } from "./groundtruth/convert-groundtruth.js";
export { convertGroundTruth } from "./groundtruth/convert-groundtruth.js";
export type { ConversionIssueCode, IssueCodeInfo, IssueSeverity } from "./issue-codes.js";
export { CONVERSION_ISSUE_CODES } from "./issue-codes.js";
export type { ConversionIssue, ConversionReport, IssueExample, IssueItem } from "./report.js";
export { IssueCollector, MAX_ISSUE_EXAMPLES } from "./report.js";
export { runConversion } from "./run.js";
export type {
  ConversionItem,
  ConvertedBox,
  ConvertedImage,
  ConvertOptions,
  FormatReader,
  FractionalRule,
  ImageWithoutAnnotationsRule,
  LabelMapInput,
  OutOfBoundsRule,
  OutputOptions,
  PassThroughLine,
  ReaderContext,
  TooManyBoxesRule,
} from "./types.js";
export { convertVoc, type VocConvertOptions, type VocFlagRule } from "./voc/convert-voc.js";
export { convertYolo, type ImageDimensions, type YoloConvertOptions } from "./yolo/convert-yolo.js";
