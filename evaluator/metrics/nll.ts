import { checkPredictions, type Predictions } from "./predictions";

/** Probabilities are clipped here so one confident mistake costs −ln(1e-12) ≈ 27.6 instead of infinity. */
export const NLL_CLIP = 1e-12;

/** Mean negative log-likelihood of the labels: mean_i −ln(max(p_i[y_i], 1e-12)). Input: see Predictions. */
export function negativeLogLikelihood(p: Predictions): number {
  const n = checkPredictions(p).rows;
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= Math.log(Math.max(p.probabilities[i * p.classes + p.labels[i]], NLL_CLIP));
  return sum / n;
}
