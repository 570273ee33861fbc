import { checkPredictions, predictedClass, type Predictions } from "./predictions";

/** Equal-width confidence bins over [0, 1], as in Guo et al. 2017. */
export const ECE_BINS = 15;

/**
 * Sufficient statistics for ECE, per bin b (bin b holds confidences in (b/15, (b+1)/15], bin 0 also holds 0):
 * count[b] predictions, sumConfidence[b] of their max probabilities, sumCorrect[b] of them that were right.
 * Sums of these over episodes give the exact ECE over all their queries.
 */
export type CalibrationBins = { count: number[]; sumConfidence: number[]; sumCorrect: number[] };

export function emptyCalibrationBins(): CalibrationBins {
  return {
    count: new Array(ECE_BINS).fill(0),
    sumConfidence: new Array(ECE_BINS).fill(0),
    sumCorrect: new Array(ECE_BINS).fill(0),
  };
}

/** Bins each row by its confidence (max probability) and whether its predicted class is the label. Input: see Predictions. */
export function calibrationBins(p: Predictions): CalibrationBins {
  // A NaN confidence would land in no bin: the row would vanish from the ECE without a word.
  const { rows } = checkPredictions(p);
  const bins = emptyCalibrationBins();
  for (let i = 0; i < rows; i++) {
    const predicted = predictedClass(p, i);
    const confidence = p.probabilities[i * p.classes + predicted];
    const b = Math.min(ECE_BINS - 1, Math.max(0, Math.ceil(confidence * ECE_BINS) - 1));
    bins.count[b] += 1;
    bins.sumConfidence[b] += confidence;
    bins.sumCorrect[b] += predicted === p.labels[i] ? 1 : 0;
  }
  return bins;
}

/** Adds bins from several episodes together. */
export function mergeCalibrationBins(parts: CalibrationBins[]): CalibrationBins {
  const total = emptyCalibrationBins();
  for (const part of parts) {
    for (let b = 0; b < ECE_BINS; b++) {
      total.count[b] += part.count[b];
      total.sumConfidence[b] += part.sumConfidence[b];
      total.sumCorrect[b] += part.sumCorrect[b];
    }
  }
  return total;
}

/** Expected calibration error: Σ_b (n_b/N)·|acc_b − conf_b| = Σ_b |sumCorrect_b − sumConfidence_b| / N. */
export function expectedCalibrationError(bins: CalibrationBins): number {
  let n = 0;
  let gap = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    n += bins.count[b];
    gap += Math.abs(bins.sumCorrect[b] - bins.sumConfidence[b]);
  }
  return n === 0 ? Number.NaN : gap / n;
}
