/**
 * Predicted class probabilities with their true labels — the input of the per-episode classification metrics.
 * `probabilities` is row-major [n, classes] (row i = query i); `labels` is [n] with values 0..classes-1.
 * Validity (finite, in [0,1], rows summing to 1) is checked before these functions see the data.
 */
export type Predictions = {
  probabilities: ArrayLike<number>;
  labels: ArrayLike<number>;
  classes: number;
};

/** Index of the largest probability in row i (the first one on ties). */
export function predictedClass(p: Predictions, i: number): number {
  let best = 0;
  for (let k = 1; k < p.classes; k++) if (p.probabilities[i * p.classes + k] > p.probabilities[i * p.classes + best]) best = k;
  return best;
}
