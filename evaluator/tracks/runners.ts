import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import { atariTrack } from "./atari";
import { fewshotTrack } from "./fewshot";
import { metaworldTrack } from "./metaworld";
import type { Track } from "./runner-types";

/** Every track's runner, by the `track` field of a benchmark spec: the worker's registry (definitions.ts is the light one). */
export const tracks: { [K in BenchmarkSpec["track"]]: Track<Extract<BenchmarkSpec, { track: K }>> } = {
  fewshot: fewshotTrack,
  atari: atariTrack,
  metaworld: metaworldTrack,
};

/** The track that evaluates `spec`. */
export function trackFor<S extends BenchmarkSpec>(spec: S): Track<S> {
  return tracks[spec.track] as unknown as Track<S>;
}

export type * from "./runner-types";
export type * from "./types";
