/**
 * The `creation-date` rule: the Custom Labels guide asks for "the Coordinated Universal Time (UTC) date and
 * time that the label was created" ("Object localization in manifest files"), and AWS's own examples write
 * it as ISO-8601 with or without a fraction of 1-6 digits and with or without a trailing `Z`.
 *
 * @module
 */

/** Those forms. An offset other than Z is not UTC, so it is refused. */
const CREATION_DATE_PATTERN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z?$/;

/** Days in each month of a leap year; February 29 is checked against the year separately. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Lines of one batch mostly share a date: the last good one is remembered. */
let lastGoodCreationDate: string | undefined;

/**
 * Tells whether a `creation-date` is a UTC ISO-8601 date-time in one of the forms AWS writes, with a real
 * calendar date and time.
 *
 * @param value - a `creation-date` value.
 */
export function isCreationDate(value: unknown): value is string {
  if (value === lastGoodCreationDate && value !== undefined) return true;
  if (typeof value !== "string" || !CREATION_DATE_PATTERN.test(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (digits(value, 11, 2) < 24 && digits(value, 14, 2) < 60 && digits(value, 17, 2) < 60) {
    lastGoodCreationDate = value;
    return true;
  }
  return false;
}

/** Reads `count` ASCII digits at `start` (already checked by the pattern) without allocating. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}
