/**
 * Small seeded pseudo-random generators, the project's one source of reproducible randomness: every sampler (glyphs,
 * episodes, bootstrap resamples, run seeds) takes one of these or a seed, so the same seed always gives the same draws.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
};

/** Mixes integers into one 32-bit seed (murmur3 finalizer per word), so (seed, index) pairs give unrelated streams. */
export function mixSeed(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for sampling images and episodes (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `count` distinct integers from [0, n), in random order. */
export function sampleWithoutReplacement(n: number, count: number, rng: Rng): number[] {
  if (count > n) throw new RangeError(`cannot draw ${count} distinct items from ${n}`);
  return shuffle(
    Array.from({ length: n }, (_, i) => i),
    rng,
  ).slice(0, count);
}
