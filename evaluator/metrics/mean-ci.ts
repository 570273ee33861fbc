/** z for a two-sided 95% normal interval. */
export const Z_95 = 1.96;

export type MeanWithInterval = { mean: number; ciLow: number | null; ciHigh: number | null; n: number };

/**
 * Mean of n values (one per episode) with the 95% normal interval mean ± 1.96·s/√n, where s is the SAMPLE standard
 * deviation (divisor n−1). With fewer than two values there is no interval (ciLow = ciHigh = null).
 */
export function meanWithInterval(values: readonly number[]): MeanWithInterval {
  const n = values.length;
  if (n === 0) throw new RangeError("the mean of no values is undefined");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, ciLow: null, ciHigh: null, n };
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  const half = (Z_95 * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, ciLow: mean - half, ciHigh: mean + half, n };
}
