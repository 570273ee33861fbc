import type { FewshotSpec } from "@/lib/benchmark-spec";
import { UserCodeError } from "@/lib/core/errors";
import { agentSeed, episodeSeed } from "@/lib/private-seeds";
import type { FewshotTask } from "../../protocol/messages";
import type { RunUnitContext, TrackSession } from "../runner-types";
import { openFewshotDataset, type FewshotDataset } from "./definition/dataset";
import { sampleEpisode, type Episode } from "./definition/episodes";
import { readPredictions } from "./predictions";

export type FewshotUnitContext = RunUnitContext<FewshotSpec>;

/** The two requests of the few-shot protocol for one unit, against any sandbox of its bundle. */
export type FewshotExchange = {
  /** init → ready. */
  init(session: TrackSession): Promise<void>;
  /** Episode `index` of the unit's partition → its checked probabilities. */
  play(session: TrackSession, index: number): Promise<{ probabilities: Float32Array; episode: Episode }>;
};

/**
 * How the unit's sandboxes are talked to. Under `isolation: task` the task carries a seed and every episode its own
 * (HMACs of the unit under the version's secret key, unrelated to the episodes' draw), which the runtime gives
 * Math.random: a fresh sandbox then answers an episode exactly as the run's did, unless the run's remembered more.
 */
export function fewshotExchange(context: FewshotUnitContext): FewshotExchange {
  const { spec, unit, manifest } = context;
  const { ways, shots, queries } = spec;
  const secrets = context.secrets ?? null;
  const seed = episodeSeed(spec, unit.partition, secrets);
  const dataset: FewshotDataset = openFewshotDataset(spec.dataset, context.datasetsDir);
  const [height, width, channels] = dataset.imageShape;
  const timeoutMs = spec.limits.callSeconds * 1000;
  const seeded = spec.isolation === "task";
  const task: FewshotTask = {
    track: "fewshot",
    ways,
    shots,
    queries,
    imageShape: dataset.imageShape,
    ...(seeded ? { seed: agentSeed(secrets, unit.key, 0) } : {}),
  };
  return {
    async init(session) {
      const ready = await session.request({ type: "init", manifest, task }, {}, { timeoutMs });
      if (ready.header.type !== "ready") {
        throw new UserCodeError("protocol", `expected "ready" after init, got "${String(ready.header.type)}"`);
      }
    },
    async play(session, index) {
      const episode = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
      const reply = await session.request(
        {
          type: "episode",
          index,
          ways,
          ...(seeded ? { seed: agentSeed(secrets, `${unit.key}/episode-${index}`, index) } : {}),
        },
        {
          supportImages: {
            dtype: "float32",
            shape: [ways * shots, height, width, channels],
            data: episode.supportImages,
          },
          supportLabels: { dtype: "int32", shape: [ways * shots], data: episode.supportLabels },
          queryImages: {
            dtype: "float32",
            shape: [ways * queries, height, width, channels],
            data: episode.queryImages,
          },
        },
        { timeoutMs },
      );
      return { probabilities: readPredictions(reply, { index, queries: ways * queries, ways }), episode };
    },
  };
}
