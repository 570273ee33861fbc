import { checkScoreMatrix, sum, taskScores, type ScoreMatrix } from "./score-matrix";

/**
 * rliable `probability_of_improvement`: P(X > Y), per task the Mann-Whitney U statistic of X's runs against Y's
 * divided by n_x · n_y (a pair counts 1 when x > y, 0.5 when tied), averaged over tasks. Inputs: two runs × tasks
 * matrices over the same tasks in the same order; their run counts may differ.
 */
export function probabilityOfImprovement(x: ScoreMatrix, y: ScoreMatrix): number {
  const a = checkScoreMatrix(x, "x");
  const b = checkScoreMatrix(y, "y");
  if (a.tasks !== b.tasks)
    throw new RangeError(`x has ${a.tasks} tasks and y has ${b.tasks}; they must be the same tasks`);
  const perTask = Array.from(
    { length: a.tasks },
    (_, t) => mannWhitneyU(taskScores(x, t), taskScores(y, t)) / (a.runs * b.runs),
  );
  return sum(perTask) / perTask.length;
}

/** U of `xs` against `ys`: the number of pairs with x > y, plus half the tied pairs. */
export function mannWhitneyU(xs: readonly number[], ys: readonly number[]): number {
  let u = 0;
  for (const xv of xs) for (const yv of ys) u += xv > yv ? 1 : xv === yv ? 0.5 : 0;
  return u;
}
