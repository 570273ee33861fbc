import { sum } from "./score-matrix";

/**
 * scipy.stats.trim_mean(values, proportion): sort, drop ⌊proportion · n⌋ values from EACH end (scipy's
 * `int(proportiontocut * nobs)`, truncation), average the rest. Refuses a cut that would leave nothing.
 */
export function trimMean(values: readonly number[], proportion: number): number {
  if (!(proportion >= 0 && proportion < 0.5))
    throw new RangeError(`trim proportion must be in [0, 0.5), got ${proportion}`);
  if (values.length === 0) throw new RangeError("the trimmed mean of no values is undefined");
  // A typed array sorts numerically without a comparator call per comparison (the bootstrap's hot path).
  const sorted = Float64Array.from(values).sort();
  const cut = Math.trunc(proportion * sorted.length);
  const kept = Array.from(sorted.subarray(cut, sorted.length - cut));
  return sum(kept) / kept.length;
}
