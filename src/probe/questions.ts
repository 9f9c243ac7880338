/**
 * The questions the probe settles: what AWS does not document about the dataset API, with what its
 * documentation does say, what the library assumes, and the setting that tells the library otherwise.
 *
 * @module
 */

/**
 * The stable id of one question, the key of its answer in {@link ProbeResult.questions} (and in the JSON
 * output of the command line that will wrap {@link runProbe}).
 *
 * @example
 * ```ts
 * const question: QuestionId = "stale-status";
 * await runProbe({ projectArn, confirm: true, questions: [question] });
 * ```
 */
export type QuestionId =
  | "payload-limit-counting"
  | "oversize-error"
  | "concurrent-update"
  | "stale-status"
  | "repeated-source-ref"
  | "float-coordinates"
  | "string-class-index"
  | "source-ref-only-line"
  | "processing-rate";

/**
 * One question, as the probe's report and docs/SERVICE-BEHAVIOUR.md state it.
 *
 * @example
 * ```ts
 * const question: ProbeQuestion = PROBE_QUESTIONS[0]!;
 * console.log(question.question, question.libraryAssumes);
 * ```
 */
export interface ProbeQuestion {
  /** Its stable id. */
  readonly id: QuestionId;
  /** The question, in one sentence. */
  readonly question: string;
  /** The AWS documentation page it rests on. */
  readonly docsUrl: string;
  /** What that page says (or leaves unsaid). */
  readonly docsSay: string;
  /** What the library (and the emulator by default) assumes. */
  readonly libraryAssumes: string;
  /** How to tell the library otherwise, or that no setting exists yet. */
  readonly setting: string;
}

const UPDATE_DATASET_ENTRIES =
  "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_UpdateDatasetEntries.html";
const DATASET_CHANGES = "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_DatasetChanges.html";
const DESCRIBE_DATASET =
  "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_DescribeDataset.html";
const OBJECT_LOCALIZATION =
  "https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/md-create-manifest-file-object-detection.html";
const IMAGE_LEVEL_LABELS =
  "https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/md-create-manifest-file-classification.html";

/**
 * Every question, in the order the probe runs them.
 *
 * @example
 * ```ts
 * for (const question of PROBE_QUESTIONS) console.log(question.id, question.docsUrl);
 * ```
 */
export const PROBE_QUESTIONS: readonly ProbeQuestion[] = [
  {
    id: "repeated-source-ref",
    question: "Which of two lines for one source-ref in one request is kept: the first, the last, or none?",
    docsUrl: UPDATE_DATASET_ENTRIES,
    docsSay:
      "A line whose source-ref names an existing image updates it; a repeat within one request is not mentioned.",
    libraryAssumes:
      "Nothing it depends on: it never sends a source-ref twice in one request (the emulator keeps the first). Any of the three is safe.",
    setting: "None needed; the emulator's `repeatedSourceRef` mimics the answer.",
  },
  {
    id: "float-coordinates",
    question: "Is a bounding box with fractional pixel coordinates accepted, flagged, or dropped?",
    docsUrl: OBJECT_LOCALIZATION,
    docsSay: "The examples use integer pixels; fractions are neither allowed nor forbidden.",
    libraryAssumes:
      "Accepted: the validator only warns (NON_INTEGER_COORDINATE) and sends the line as it is.",
    setting:
      "None yet; round the boxes yourself (the converters' output) if the service does not accept them.",
  },
  {
    id: "string-class-index",
    question:
      'Is an image-level label whose value is a string of digits ("0") accepted, flagged, or dropped?',
    docsUrl: IMAGE_LEVEL_LABELS,
    docsSay: "The label attribute's value is an integer the service does not use; a string is not mentioned.",
    libraryAssumes: "Accepted: the validator only warns (STRING_CLASS_INDEX) and sends the line as it is.",
    setting: "None yet; write integers (the builders do) if the service does not accept strings.",
  },
  {
    id: "source-ref-only-line",
    question: "Is a line with nothing but source-ref stored as an unlabelled image, flagged, or dropped?",
    docsUrl: IMAGE_LEVEL_LABELS,
    docsSay:
      "ERROR_NO_LABEL_ATTRIBUTES is listed among the non-terminal line errors; an unlabelled line is not described.",
    libraryAssumes:
      "Flagged with ERROR_NO_LABEL_ATTRIBUTES: the validator calls it an error, so an upload skips or stops at it.",
    setting: 'None yet; the line policy (`onInvalidLine: "skip"`) decides what happens to such lines.',
  },
  {
    id: "stale-status",
    question:
      "How long can DescribeDataset go on showing the previous outcome right after an update is accepted?",
    docsUrl: DESCRIBE_DATASET,
    docsSay:
      "The status describes the dataset's last operation; nothing says when a new update starts to show.",
    libraryAssumes:
      "It may lag, but less than the waiter's `staleStatusGracePeriod` (30 s): a completion that predates the update is distrusted for that long.",
    setting: "`staleStatusGracePeriod` in the wait options (seconds).",
  },
  {
    id: "concurrent-update",
    question: "Is a second UpdateDatasetEntries sent while one runs refused with ResourceInUseException?",
    docsUrl: UPDATE_DATASET_ENTRIES,
    docsSay: "ResourceInUseException is among its errors; what it is raised for is not said.",
    libraryAssumes:
      "Refused with ResourceInUseException: the library sends one update per dataset at a time and waits for its end.",
    setting: "None needed: the library never sends a second update while one runs.",
  },
  {
    id: "processing-rate",
    question: "How fast does the service process an update, in bytes per second?",
    docsUrl: UPDATE_DATASET_ENTRIES,
    docsSay: "UpdateDatasetEntries returns at once, but the update might take a while to complete.",
    libraryAssumes:
      "No fixed rate: the waiter learns it from the client's own updates (first poll 0.3 s after acceptance, then gaps of at least 1.25 s and at most a tenth of the time waited).",
    setting:
      "`processingBytesPerSecond` on DatasetClient seeds the waiter with the measured rate, so even a client's first wait aims at the expected end.",
  },
  {
    id: "payload-limit-counting",
    question: "Does the 5,242,880-byte limit count the raw GroundTruth bytes or their base64 form?",
    docsUrl: DATASET_CHANGES,
    docsSay:
      "GroundTruth: base64-encoded binary, maximum length 5,242,880; the size of Changes must be less than 5MB.",
    libraryAssumes: "The raw bytes: requests are packed strictly under 5,242,880 raw bytes.",
    setting: "`maxRequestBytes` on `upload` and `updateEntries` (e.g. 3,932,160 if the limit counts base64).",
  },
  {
    id: "oversize-error",
    question: "Which error does an oversize GroundTruth get?",
    docsUrl: UPDATE_DATASET_ENTRIES,
    docsSay: "Not said: InvalidParameterException is modeled, a ValidationException is as plausible.",
    libraryAssumes:
      "InvalidParameterException; the library never sends an oversize payload (PayloadTooLargeError before sending).",
    setting: "None needed: any non-retryable refusal becomes a RequestFailedError carrying the AWS name.",
  },
];

/**
 * Every question id, in the probe's order.
 *
 * @example
 * ```ts
 * const questions = QUESTION_IDS.filter((id) => id !== "processing-rate");
 * await runProbe({ projectArn, confirm: true, questions });
 * ```
 */
export const QUESTION_IDS: readonly QuestionId[] = PROBE_QUESTIONS.map((question) => question.id);

/** The question with this id. @internal */
export function questionById(id: QuestionId): ProbeQuestion {
  const question = PROBE_QUESTIONS.find((candidate) => candidate.id === id);
  if (question === undefined) throw new TypeError(`Unknown probe question ${id}.`);
  return question;
}
