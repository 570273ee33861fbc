import { checkPredictions, type Predictions } from "./predictions";

/** Multi-class Brier score: mean over rows of Σ_k (p_k − y_k)², y one-hot; 0 is perfect, 2 the worst. Input: see Predictions. */
export function brierScore(p: Predictions): number {
  const n = checkPredictions(p).rows;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p.classes; k++) {
      const diff = p.probabilities[i * p.classes + k] - (p.labels[i] === k ? 1 : 0);
      sum += diff * diff;
    }
  }
  return sum / n;
}
