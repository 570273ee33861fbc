import { accuracy } from "@/evaluator/metrics/accuracy";
import { brierScore } from "@/evaluator/metrics/brier";
import {
  calibrationBins,
  ECE_BINS,
  emptyCalibrationBins,
  expectedCalibrationError,
  mergeCalibrationBins,
  type CalibrationBins,
} from "@/evaluator/metrics/calibration";
import { meanWithInterval } from "@/evaluator/metrics/mean-ci";
import { negativeLogLikelihood } from "@/evaluator/metrics/nll";
import type { AggregateRow, ResultRow } from "../../types";

/**
 * One episode's metrics row: accuracy, nll, brier, and the ECE bin statistics of its queries stored as
 * `ece.count.<b>`, `ece.conf.<b>`, `ece.correct.<b>` for the non-empty bins only (absent = 0), so the aggregate ECE
 * is exact over all queries of all episodes.
 */
export function scoreEpisode(probabilities: Float32Array, labels: Int32Array, ways: number): Record<string, number> {
  const predictions = { probabilities, labels, classes: ways };
  const metrics: Record<string, number> = {
    accuracy: accuracy(predictions),
    nll: negativeLogLikelihood(predictions),
    brier: brierScore(predictions),
  };
  const bins = calibrationBins(predictions);
  for (let b = 0; b < ECE_BINS; b++) {
    if (bins.count[b] === 0) continue;
    metrics[`ece.count.${b}`] = bins.count[b];
    metrics[`ece.conf.${b}`] = bins.sumConfidence[b];
    metrics[`ece.correct.${b}`] = bins.sumCorrect[b];
  }
  return metrics;
}

function binsOfRow(row: ResultRow): CalibrationBins {
  const bins = emptyCalibrationBins();
  for (let b = 0; b < ECE_BINS; b++) {
    bins.count[b] = row.metrics[`ece.count.${b}`] ?? 0;
    bins.sumConfidence[b] = row.metrics[`ece.conf.${b}`] ?? 0;
    bins.sumCorrect[b] = row.metrics[`ece.correct.${b}`] ?? 0;
  }
  return bins;
}

/**
 * A partition's aggregates over its n episodes: accuracy, nll and brier as means with the 95% interval
 * mean ± 1.96·s/√n (s = sample standard deviation over episodes); ece over all queries pooled, without an interval.
 */
export function aggregateEpisodes(rows: ResultRow[]): AggregateRow[] {
  if (rows.length === 0) return [];
  const mean = (metric: string): AggregateRow => {
    const { mean: value, ciLow, ciHigh, n } = meanWithInterval(rows.map((r) => r.metrics[metric]));
    return { metric, value, ciLow, ciHigh, n };
  };
  const ece: AggregateRow = {
    metric: "ece",
    value: expectedCalibrationError(mergeCalibrationBins(rows.map(binsOfRow))),
    ciLow: null,
    ciHigh: null,
    n: rows.length,
  };
  return [mean("accuracy"), mean("nll"), mean("brier"), ece];
}
