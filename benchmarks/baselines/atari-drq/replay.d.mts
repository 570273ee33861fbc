import type { Random } from "./random.mjs";

export type Replay = {
  readonly count: number;
  addFrame(observation: Uint8Array, episodeStart: boolean): void;
  recordOutcome(action: number, reward: number, stopsBootstrap: boolean): void;
  sample(
    random: Random,
    n: number,
    gamma: number,
  ): { state: number; action: number; reward: number; discount: number; next: number };
  writeObservation(
    position: number,
    out: Float32Array,
    offset: number,
    shift: { dy: number; dx: number; pad: number; scale: number },
  ): void;
};
export function createReplay(options: { capacity: number; height: number; width: number; stack: number }): Replay;
