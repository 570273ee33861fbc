/**
 * Predicted class probabilities with their true labels — the input of the per-episode classification metrics.
 * `probabilities` is row-major [n, classes] (row i = query i); `labels` is [n] with values 0..classes-1.
 * Validity (finite, in [0,1], rows summing to 1) is checked before these functions see the data; `checkPredictions`
 * still refuses what would make a metric read the wrong cell or skip a row.
 */
export type Predictions = {
  probabilities: ArrayLike<number>;
  labels: ArrayLike<number>;
  classes: number;
};

/**
 * Throws a RangeError naming the row unless `p` has at least one row, one probability per class per row, every
 * probability finite and every label an integer in 0..classes-1 (a label equal to `classes` would read the next
 * row's first probability).
 */
export function checkPredictions(p: Predictions): { rows: number } {
  const rows = p.labels.length;
  if (!Number.isInteger(p.classes) || p.classes < 1)
    throw new RangeError(`classes is ${p.classes}, not a positive integer`);
  if (rows === 0) throw new RangeError("no predictions (labels is empty)");
  if (p.probabilities.length !== rows * p.classes) {
    throw new RangeError(`${p.probabilities.length} probabilities for ${rows} labels × ${p.classes} classes`);
  }
  for (let i = 0; i < rows; i++) {
    const label = p.labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= p.classes)
      throw new RangeError(`label ${i} is ${label}, not a class in 0..${p.classes - 1}`);
    for (let k = 0; k < p.classes; k++) {
      const v = p.probabilities[i * p.classes + k]!;
      if (!Number.isFinite(v)) throw new RangeError(`row ${i} class ${k}: probability is ${v}, not a finite number`);
    }
  }
  return { rows };
}

/** Index of the largest probability in row i (the first one on ties). */
export function predictedClass(p: Predictions, i: number): number {
  let best = 0;
  for (let k = 1; k < p.classes; k++)
    if (p.probabilities[i * p.classes + k] > p.probabilities[i * p.classes + best]) best = k;
  return best;
}
