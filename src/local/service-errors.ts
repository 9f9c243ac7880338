/**
 * The exceptions the emulator answers with, named and statused as the service does. Rekognition's model
 * gives its exceptions no explicit HTTP status, so the AWS JSON 1.1 defaults apply: client faults are 400,
 * server faults 500 (checked against `@aws-sdk/client-rekognition`'s error schemas, where only
 * HumanLoopQuotaExceededException carries its own status).
 *
 * @module
 */

/** Every exception name the emulator can send, with its HTTP status. */
export const SERVICE_EXCEPTIONS = {
  AccessDeniedException: 400,
  InternalServerError: 500,
  InvalidPaginationTokenException: 400,
  InvalidParameterException: 400,
  LimitExceededException: 400,
  ProvisionedThroughputExceededException: 400,
  ResourceAlreadyExistsException: 400,
  ResourceInUseException: 400,
  ResourceNotFoundException: 400,
  ResourceNotReadyException: 400,
  ThrottlingException: 500,
  // Coral (the framework behind AWS JSON services) answers these itself, before any operation runs.
  SerializationException: 400,
  UnknownOperationException: 400,
  // Not in Rekognition's model, but answered by AWS's request validation on other services: one of the
  // plausible answers to an oversize payload (option `oversizeError`).
  ValidationException: 400,
} as const;

/** The name of an exception the emulator can send. */
export type ServiceExceptionName = keyof typeof SERVICE_EXCEPTIONS;

/** Exceptions Coral raises, sent with its namespace in `__type` as the real endpoints do. */
const CORAL_EXCEPTIONS: ReadonlySet<ServiceExceptionName> = new Set([
  "SerializationException",
  "UnknownOperationException",
]);

/**
 * An exception to send back instead of an operation's output. Thrown by operations and caught by the
 * server, which writes it as a `__type` body.
 */
export class ServiceException extends Error {
  /** The exception's name as the service spells it. */
  readonly type: ServiceExceptionName;

  /** The HTTP status the service uses for it. */
  readonly status: number;

  constructor(type: ServiceExceptionName, message: string) {
    super(message);
    this.name = "ServiceException";
    this.type = type;
    this.status = SERVICE_EXCEPTIONS[type];
  }

  /** The `__type` value on the wire: Coral's own exceptions carry their namespace. */
  get wireType(): string {
    return CORAL_EXCEPTIONS.has(this.type) ? `com.amazon.coral.service#${this.type}` : this.type;
  }
}

/** InvalidParameterException with the service's usual wording plus what was wrong. */
export function invalidParameter(detail: string): ServiceException {
  return new ServiceException("InvalidParameterException", `Request has invalid parameters: ${detail}`);
}

/** ResourceNotFoundException for a project or dataset that does not exist (or no longer does). */
export function resourceNotFound(what: string): ServiceException {
  return new ServiceException("ResourceNotFoundException", `Requested resource not found: ${what}`);
}

/** ResourceInUseException, the service's answer when a dataset is busy. */
export function resourceInUse(detail: string): ServiceException {
  return new ServiceException(
    "ResourceInUseException",
    `The specified resource is already being used. ${detail}`,
  );
}

/** SerializationException: the body is not JSON, or a member has the wrong JSON type. */
export function serializationError(detail: string): ServiceException {
  return new ServiceException("SerializationException", detail);
}
