/**
 * A runs × tasks score matrix, as rliable takes it: `scores[run][task]`, every row the same length, at least one run
 * and one task, every value finite. Atari 100K: one row per seed, one column per game, values human-normalized.
 */
export type ScoreMatrix = readonly (readonly number[])[];

/** Throws a RangeError naming the problem unless `scores` is a well-formed runs × tasks matrix. */
export function checkScoreMatrix(scores: ScoreMatrix, name = "scores"): { runs: number; tasks: number } {
  const runs = scores.length;
  if (runs === 0) throw new RangeError(`${name} has no runs`);
  const tasks = scores[0]!.length;
  if (tasks === 0) throw new RangeError(`${name} has no tasks`);
  scores.forEach((row, r) => {
    if (row.length !== tasks) throw new RangeError(`${name} run ${r} has ${row.length} tasks, run 0 has ${tasks}`);
    row.forEach((v, t) => {
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${r}][${t}] is ${v}, not a finite number`);
    });
  });
  return { runs, tasks };
}

/** Task t's scores over the runs (a column). */
export function taskScores(scores: ScoreMatrix, t: number): number[] {
  return scores.map((row) => row[t]!);
}

/** Mean of each task over the runs (rliable: `np.mean(scores, axis=0)`). */
export function perTaskMeans(scores: ScoreMatrix): number[] {
  const { runs, tasks } = checkScoreMatrix(scores);
  return Array.from({ length: tasks }, (_, t) => sum(taskScores(scores, t)) / runs);
}

/** Every score, run by run (a loop: Array.prototype.flat is several times slower, and bootstraps call this often). */
export function pooledScores(scores: ScoreMatrix): number[] {
  const out: number[] = [];
  for (const row of scores) for (const v of row) out.push(v);
  return out;
}

/** Sum of `values`. Kept in one place so every statistic adds in the same order. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
