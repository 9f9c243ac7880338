/**
 * Small helpers for promises and async iterables, shared by every test area.
 */
import { vi } from "vitest";

/** Every item of an async iterable, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Runs a promise to its end under fake timers (every timer fired) and returns how it settled. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

/** What `promise` rejects with, typed as the test expects it (fails the test when it resolves). */
export async function rejectionOf<E = Error & Record<string, unknown>>(
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("Expected a rejection, but the promise resolved.");
}
