import type { AtariGame } from "../../../../lib/benchmark-spec";

export { ATARI_GAME_NAMES, type AtariGame } from "../../../../lib/benchmark-spec";

/**
 * The 26 Atari 100K games with the random and human scores used to normalize them, exactly as in Dopamine's
 * `dopamine/labs/atari_100k/normalization_utils.py` (the same values as rliable's). Score = undiscounted, unclipped
 * return of a whole game.
 */
export const ATARI_GAMES = {
  Alien: { random: 227.8, human: 7127.7 },
  Amidar: { random: 5.8, human: 1719.5 },
  Assault: { random: 222.4, human: 742.0 },
  Asterix: { random: 210.0, human: 8503.3 },
  BankHeist: { random: 14.2, human: 753.1 },
  BattleZone: { random: 2360.0, human: 37187.5 },
  Boxing: { random: 0.1, human: 12.1 },
  Breakout: { random: 1.7, human: 30.5 },
  ChopperCommand: { random: 811.0, human: 7387.8 },
  CrazyClimber: { random: 10780.5, human: 35829.4 },
  DemonAttack: { random: 152.1, human: 1971.0 },
  Freeway: { random: 0.0, human: 29.6 },
  Frostbite: { random: 65.2, human: 4334.7 },
  Gopher: { random: 257.6, human: 2412.5 },
  Hero: { random: 1027.0, human: 30826.4 },
  Jamesbond: { random: 29.0, human: 302.8 },
  Kangaroo: { random: 52.0, human: 3035.0 },
  Krull: { random: 1598.0, human: 2665.5 },
  KungFuMaster: { random: 258.5, human: 22736.3 },
  MsPacman: { random: 307.3, human: 6951.6 },
  Pong: { random: -20.7, human: 14.6 },
  PrivateEye: { random: 24.9, human: 69571.3 },
  Qbert: { random: 163.9, human: 13455.0 },
  RoadRunner: { random: 11.5, human: 7845.0 },
  Seaquest: { random: 68.4, human: 42054.7 },
  UpNDown: { random: 533.4, human: 11693.2 },
} as const satisfies Record<AtariGame, { random: number; human: number }>;

/** Gymnasium id of a game's v5 environment. */
export function atariEnvId(game: AtariGame): string {
  return `ALE/${game}-v5`;
}

/** Human-normalized score: (score − random) / (human − random). */
export function humanNormalizedScore(game: AtariGame, score: number): number {
  const { random, human } = ATARI_GAMES[game];
  return (score - random) / (human - random);
}
