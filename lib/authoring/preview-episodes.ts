import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { sampleEpisode, type Episode } from "@/evaluator/tracks/fewshot/definition/episodes";
import type { FewshotSpec } from "@/lib/benchmark-spec";

/** How many public episodes the preview shows. */
export const PREVIEW_EPISODES = 2;

/**
 * Episode `index` of the public partition exactly as the evaluator's driver samples it (same dataset view, classes,
 * seed and index), so what an organizer previews is what will be scored.
 */
export function previewEpisode(input: { spec: FewshotSpec; index: number; datasetsDir?: string }): {
  episode: Episode;
  imageShape: [number, number, number];
} {
  const { spec, index } = input;
  const dataset = openFewshotDataset(spec.dataset, input.datasetsDir);
  const { ways, shots, queries } = spec;
  const episode = sampleEpisode({
    dataset,
    classes: dataset.testClasses,
    ways,
    shots,
    queries,
    seed: spec.partitions.public.seed,
    index,
  });
  return { episode, imageShape: dataset.imageShape };
}
