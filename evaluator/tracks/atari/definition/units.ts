import { AppError } from "../../../../lib/core/errors";
import { PARTITIONS, type Partition } from "../../../../lib/benchmark-spec";
import type { UnitPlan } from "../../types";
import { ATARI_GAMES, type AtariGame } from "./games";
import type { AtariSpec } from "./spec";

/** One unit per (game, seed) of each partition, keyed "<Game>/<seed>". */
export function planAtariUnits(spec: AtariSpec): UnitPlan[] {
  return PARTITIONS.flatMap((partition: Partition) =>
    spec.partitions[partition].seeds.flatMap((seed) => spec.games.map((game) => ({ key: unitKey(game, seed), partition }))),
  );
}

export function unitKey(game: AtariGame, seed: number): string {
  return `${game}/${seed}`;
}

export function parseUnitKey(key: string): { game: AtariGame; seed: number } {
  const match = /^([A-Za-z]+)\/(\d+)$/.exec(key);
  if (!match || !(match[1]! in ATARI_GAMES)) throw new AppError("unit_invalid", `"${key}" is not an Atari unit key (<Game>/<seed>)`);
  return { game: match[1] as AtariGame, seed: Number(match[2]) };
}
