import { ATARI_GAMES, type AtariGame } from "./games";
import { checkScoreMatrix, type ScoreMatrix } from "@/evaluator/metrics/score-matrix";

/**
 * Human-normalized runs × games matrix: (score − random) / (human − random) with the 26 Atari 100K games' random and
 * human scores (Dopamine's `normalization_utils.py`, as in rliable). Input: raw returns, runs × games, where column
 * g is game `games[g]`.
 */
export function humanNormalizedScores(raw: ScoreMatrix, games: readonly string[]): number[][] {
  const { tasks } = checkScoreMatrix(raw, "raw scores");
  if (games.length !== tasks) throw new RangeError(`${games.length} game names for ${tasks} columns`);
  const refs = games.map((game) => {
    if (!Object.hasOwn(ATARI_GAMES, game)) throw new RangeError(`"${game}" is not one of the 26 Atari 100K games`);
    return ATARI_GAMES[game as AtariGame];
  });
  return raw.map((row) => row.map((score, g) => (score - refs[g]!.random) / (refs[g]!.human - refs[g]!.random)));
}
