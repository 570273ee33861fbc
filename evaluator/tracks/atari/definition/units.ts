import { AppError } from "../../../../lib/core/errors";
import { PARTITIONS, type Partition } from "../../../../lib/benchmark-spec";
import { parseRunKey, partitionRuns, runKey, type RunRef } from "../../../../lib/private-seeds";
import type { UnitPlan } from "../../types";
import { ATARI_GAMES, type AtariGame } from "./games";
import type { AtariSpec } from "./spec";

/** One unit per (game, run) of each partition, keyed "<Game>/<seed>", or "<Game>/private-<n>" for a run whose seed is secret. */
export function planAtariUnits(spec: AtariSpec): UnitPlan[] {
  return PARTITIONS.flatMap((partition: Partition) =>
    partitionRuns(spec, partition).flatMap((run) => spec.games.map((game) => ({ key: unitKey(game, run), partition }))),
  );
}

export function unitKey(game: AtariGame, run: RunRef): string {
  return `${game}/${runKey(run)}`;
}

export function parseUnitKey(key: string): { game: AtariGame; run: RunRef } {
  const match = /^([A-Za-z]+)\/([a-z0-9-]+)$/.exec(key);
  const run = match ? parseRunKey(match[2]!) : undefined;
  if (!match || !(match[1]! in ATARI_GAMES) || !run)
    throw new AppError("unit_invalid", `"${key}" is not an Atari unit key (<Game>/<seed> or <Game>/private-<n>)`);
  return { game: match[1] as AtariGame, run };
}
