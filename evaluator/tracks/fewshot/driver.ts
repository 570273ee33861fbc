import { PlatformError } from "@/lib/core/errors";
import type { ResultRow } from "../types";
import { scoreEpisode } from "./definition/scoring";
import { fewshotExchange, type FewshotUnitContext } from "./exchange";
import { startReplayAudit } from "./replay-audit";

/**
 * The trusted side of the few-shot protocol for one partition: init → ready, then per episode the support set
 * (images and labels) and the query images — never the query labels — and a check of the returned probabilities
 * before they are scored here. Images come from the dataset store (or the generated glyphs) on this, the trusted, side:
 * the sandbox never sees the store, which is opened from `datasetsDir` (the worker passes the configured one).
 * Under `isolation: task` a learner's answers are audited afterwards by replays in fresh sandboxes (replay-audit.ts).
 */
export async function runFewshotUnit(context: FewshotUnitContext): Promise<ResultRow[]> {
  const { spec, unit, manifest, session, onProgress, signal } = context;
  const episodes = spec.partitions[unit.partition].episodes;
  const exchange = fewshotExchange(context);
  const audited = spec.isolation === "task" && manifest.kind === "learner";
  if (audited && !(context.startSession && context.closeSession)) {
    throw new PlatformError("isolation: task replays episodes in fresh sandboxes, and no way to start one was given");
  }
  // Started now, so their start-up overlaps the run; they run no submitted code until the run's sandbox has ended.
  const audit = audited
    ? startReplayAudit({
        replays: spec.replays,
        episodes,
        ways: spec.ways,
        startSession: context.startSession!,
        closeRun: context.closeSession!,
        exchange,
        signal,
      })
    : undefined;
  try {
    signal.throwIfAborted();
    await exchange.init(session);
    const rows: ResultRow[] = [];
    for (let index = 0; index < episodes; index++) {
      signal.throwIfAborted();
      const { probabilities, episode } = await exchange.play(session, index);
      audit?.record(index, probabilities);
      rows.push({ index, task: "", metrics: scoreEpisode(probabilities, episode.queryLabels, spec.ways) });
      onProgress({ done: index + 1, total: episodes });
    }
    await audit?.check();
    return rows;
  } finally {
    await audit?.close();
  }
}
