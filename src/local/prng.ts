/**
 * A small seeded pseudo-random generator, so that a fault pattern seen once can be replayed exactly.
 *
 * @module
 */

/** A source of numbers in [0, 1), like `Math.random`, but reproducible from its seed. */
export type RandomSource = () => number;

/**
 * mulberry32: 32 bits of state, fast, and good enough to spread faults; not for anything secret.
 *
 * @param seed - any number; only its low 32 bits matter.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
