/** Helpers for tests that compare one backend's numbers with another's. */

/** Values in [-1, 1) from a seed (xorshift32): the same on every backend and every run. */
export function seededValues(length: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** Largest entry of |actual − expected| and largest |expected|, the scale it is judged against. */
export function largestDifference(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): { worst: number; scale: number } {
  if (actual.length !== expected.length) throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return { worst, scale };
}
