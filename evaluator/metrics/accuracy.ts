import { predictedClass, type Predictions } from "./predictions";

/** Fraction of rows whose most probable class (first on ties) is the label. Input: see Predictions. */
export function accuracy(p: Predictions): number {
  const n = p.labels.length;
  let correct = 0;
  for (let i = 0; i < n; i++) if (predictedClass(p, i) === p.labels[i]) correct++;
  return correct / n;
}
