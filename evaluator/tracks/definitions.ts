import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import { atariDefinition } from "./atari/definition";
import { fewshotDefinition } from "./fewshot/definition";
import { metaworldDefinition } from "./metaworld/definition";
import type { TrackDefinition } from "./types";

/**
 * Every track's definition, by the `track` field of a benchmark spec: the light registry the site, the domain and the
 * CLI load to plan units, aggregate and name columns. The worker's registry of runners is runners.ts.
 */
export const trackDefinitions: {
  [K in BenchmarkSpec["track"]]: TrackDefinition<Extract<BenchmarkSpec, { track: K }>>;
} = {
  fewshot: fewshotDefinition,
  atari: atariDefinition,
  metaworld: metaworldDefinition,
};

/** The definition of the track that evaluates `spec`. */
export function definitionFor<S extends BenchmarkSpec>(spec: S): TrackDefinition<S> {
  return trackDefinitions[spec.track] as unknown as TrackDefinition<S>;
}

export type * from "./types";
