/**
 * Readers for request members, each enforcing the service model's type and constraints. A member of the
 * wrong JSON type is a SerializationException (Coral fails to deserialize it); a value outside the model's
 * constraints is an InvalidParameterException, which is what Rekognition answers for those.
 *
 * @module
 */

import { labelNameLength } from "../manifest/labels.js";
import { invalidParameter, serializationError } from "./service-errors.js";

/** A decoded request body: a JSON object. */
export type RequestBody = Readonly<Record<string, unknown>>;

/** Constraints of a string member. */
export interface StringRule {
  /** Shortest accepted length. */
  readonly min?: number;
  /** Longest accepted length. */
  readonly max?: number;
  /** Pattern the whole value must match. */
  readonly pattern?: RegExp;
}

function checkString(name: string, value: string, rule: StringRule): string {
  // The service model's length bounds count characters (code points, as Smithy's length trait does), not
  // UTF-16 units: the same count the library checks label names with, so the two never disagree.
  const length = labelNameLength(value);
  if (rule.min !== undefined && length < rule.min) {
    throw invalidParameter(`${name} must be at least ${rule.min} characters long.`);
  }
  if (rule.max !== undefined && length > rule.max) {
    throw invalidParameter(`${name} must be at most ${rule.max} characters long.`);
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    throw invalidParameter(`${name} does not match the pattern ${rule.pattern.source}.`);
  }
  return value;
}

/** An optional string member; `undefined` when absent or null. */
export function optionalString(body: RequestBody, name: string, rule: StringRule = {}): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serializationError(`${name} must be a string.`);
  return checkString(name, value, rule);
}

/** A required string member. */
export function requiredString(body: RequestBody, name: string, rule: StringRule = {}): string {
  const value = optionalString(body, name, rule);
  if (value === undefined) throw invalidParameter(`${name} is required.`);
  return value;
}

/** An optional string member limited to a set of values. */
export function optionalEnum<T extends string>(
  body: RequestBody,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(body, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidParameter(`${name} must be one of ${values.join(", ")}.`);
  }
  return value as T;
}

/** An optional boolean member. */
export function optionalBoolean(body: RequestBody, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw serializationError(`${name} must be a boolean.`);
  return value;
}

/** An optional integer member within `[min, max]`. */
export function optionalInteger(
  body: RequestBody,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw serializationError(`${name} must be an integer.`);
  }
  if (value < min || value > max) throw invalidParameter(`${name} must be between ${min} and ${max}.`);
  return value;
}

/** An optional list of strings, with bounds on its length and on each item. */
export function optionalStringList(
  body: RequestBody,
  name: string,
  bounds: { readonly minItems: number; readonly maxItems: number },
  itemRule: StringRule = {},
): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serializationError(`${name} must be a list.`);
  if (value.length < bounds.minItems || value.length > bounds.maxItems) {
    throw invalidParameter(`${name} must hold ${bounds.minItems} to ${bounds.maxItems} items.`);
  }
  return value.map((item: unknown, index) => {
    if (typeof item !== "string") throw serializationError(`${name}[${index}] must be a string.`);
    return checkString(`${name}[${index}]`, item, itemRule);
  });
}

/** An optional structure member. */
export function optionalStructure(body: RequestBody, name: string): RequestBody | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw serializationError(`${name} must be a structure.`);
  return value as RequestBody;
}

/** Base64 as Coral reads blobs: the standard alphabet, padded to a multiple of 4 (checked apart). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A required blob member, decoded from base64. */
export function requiredBlob(body: RequestBody, name: string): Buffer {
  const value = body[name];
  if (value === undefined || value === null) throw invalidParameter(`${name} is required.`);
  if (typeof value !== "string" || value.length % 4 !== 0 || !BASE64.test(value)) {
    throw serializationError(`${name} must be a base64-encoded blob.`);
  }
  return Buffer.from(value, "base64");
}
