import type { FewshotSpec } from "@/lib/benchmark-spec";
import { UserCodeError } from "@/lib/core/errors";
import { episodeSeed } from "@/lib/private-seeds";
import type { RunUnitContext } from "../runner-types";
import type { ResultRow } from "../types";
import { openFewshotDataset } from "./definition/dataset";
import { sampleEpisode } from "./definition/episodes";
import { readPredictions } from "./predictions";
import { scoreEpisode } from "./definition/scoring";

/**
 * The trusted side of the few-shot protocol for one partition: init → ready, then per episode the support set
 * (images and labels) and the query images — never the query labels — and a check of the returned probabilities
 * before they are scored here. Images come from the dataset store (or the generated glyphs) on this, the trusted, side:
 * the sandbox never sees the store, which is opened from `datasetsDir` (the worker passes the configured one).
 */
export async function runFewshotUnit(context: RunUnitContext<FewshotSpec>): Promise<ResultRow[]> {
  const { spec, unit, manifest, session, onProgress, signal } = context;
  const { ways, shots, queries } = spec;
  const partition = spec.partitions[unit.partition];
  const seed = episodeSeed(spec, unit.partition, context.secrets ?? null);
  const dataset = openFewshotDataset(spec.dataset, context.datasetsDir);
  const [height, width, channels] = dataset.imageShape;
  const timeoutMs = spec.limits.callSeconds * 1000;

  signal.throwIfAborted();
  const ready = await session.request(
    { type: "init", manifest, task: { track: "fewshot", ways, shots, queries, imageShape: dataset.imageShape } },
    {},
    { timeoutMs },
  );
  if (ready.header.type !== "ready") {
    throw new UserCodeError("protocol", `expected "ready" after init, got "${String(ready.header.type)}"`);
  }

  const rows: ResultRow[] = [];
  for (let index = 0; index < partition.episodes; index++) {
    signal.throwIfAborted();
    const episode = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
    const reply = await session.request(
      { type: "episode", index, ways },
      {
        supportImages: { dtype: "float32", shape: [ways * shots, height, width, channels], data: episode.supportImages },
        supportLabels: { dtype: "int32", shape: [ways * shots], data: episode.supportLabels },
        queryImages: { dtype: "float32", shape: [ways * queries, height, width, channels], data: episode.queryImages },
      },
      { timeoutMs },
    );
    const probabilities = readPredictions(reply, { index, queries: ways * queries, ways });
    rows.push({ index, task: "", metrics: scoreEpisode(probabilities, episode.queryLabels, ways) });
    onProgress({ done: index + 1, total: partition.episodes });
  }
  return rows;
}
