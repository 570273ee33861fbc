import type { Predictions } from "@/evaluator/metrics/predictions";

/**
 * Four queries over three classes, worked by hand (see each test):
 *   row 0 [0.70, 0.20, 0.10] label 0 → right, confidence 0.70 (bin 10)
 *   row 1 [0.20, 0.50, 0.30] label 2 → wrong (predicts 1), confidence 0.50 (bin 7)
 *   row 2 [0.10, 0.15, 0.75] label 2 → right, confidence 0.75 (bin 11)
 *   row 3 [0.45, 0.45, 0.10] label 1 → wrong (tie → first, predicts 0), confidence 0.45 (bin 6)
 */
export const fourQueries: Predictions = {
  probabilities: [0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.15, 0.75, 0.45, 0.45, 0.1],
  labels: [0, 2, 2, 1],
  classes: 3,
};
