/**
 * The clock every deadline and delay of the client reads: `performance.now()`, which only moves forward. A
 * wall-clock step (NTP, a resumed VM) moves `Date.now()` and would end a wait early or stretch it. Fake
 * timers fake `performance` too, so tests still control it.
 *
 * @module
 * @internal
 */

/** Milliseconds on a clock that never steps back. @internal */
export function monotonicNow(): number {
  return performance.now();
}
