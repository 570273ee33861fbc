import { PlatformError, UserCodeError } from "../../../lib/core/errors";
import { agentSeed, runLabel, runSeed } from "../../../lib/private-seeds";
import type { RlTask } from "../../protocol/messages";
import type { RunUnitContext } from "../runner-types";
import type { ResultRow } from "../types";
import { humanNormalizedScore } from "./definition/games";
import { play, type PlayReport } from "./play";
import { LEARNING_ROW_OFFSET } from "./definition/scoring";
import { ATARI_100K, openAtariEnv, type AtariEnvOverrides } from "./settings";
import type { AtariSpec } from "./definition/spec";
import { parseUnitKey } from "./definition/units";

export type AtariUnitHooks = {
  /** Every learning report (steps, episodes so far: the learning curve) and every finished evaluation episode. */
  onReport?(report: PlayReport): void;
  /** Environment settings for tests (a smaller frame cap); never set by the worker. */
  env?: AtariEnvOverrides;
};

/**
 * One (game, seed) run: the agent learns for `learningSteps` agent steps (a policy skips learning), then plays
 * `evalEpisodes` evaluation episodes. Rows: one per evaluation episode (index 0…, metrics return, hns, steps, seed),
 * then one per learning episode (index LEARNING_ROW_OFFSET + i, metrics learningReturn, steps, step, seed) — the
 * learning curve. A secret-seeded run's rows carry `run` (its place) instead of `seed`. The environment's seed stays
 * on this side: the agent's `seed` is its own (agentSeed).
 */
export async function runAtariUnit(
  context: RunUnitContext<AtariSpec>,
  hooks: AtariUnitHooks = {},
): Promise<ResultRow[]> {
  const { spec, unit, session, onProgress, signal, manifest } = context;
  // Uploads are checked against the benchmark's track; another track's manifest here is our bug.
  if (manifest.track !== "atari")
    throw new PlatformError(`The submission's manifest is for the '${manifest.track}' track, not 'atari'.`);
  if (!spec.kinds.includes(manifest.kind))
    throw new UserCodeError("manifest", `this benchmark does not accept "${manifest.kind}" bundles`);
  const { game, run } = parseUnitKey(unit.key);
  const seed = runSeed(run, context.secrets ?? null);
  const label = runLabel(run);
  const learningSteps = manifest.kind === "agent" ? spec.learningSteps : 0;
  const timeoutMs = spec.limits.callSeconds * 1000;

  signal.throwIfAborted();
  const env = await openAtariEnv(game, hooks.env);
  try {
    const actions = env.actionSpace.kind === "discrete" ? env.actionSpace.n : 0;
    const [height, width] = env.observationSpace.shape as [number, number];
    const task: RlTask = {
      track: "atari",
      game,
      actions,
      actionMeanings: env.actionMeanings ?? [],
      observationShape: [height, width, ATARI_100K.frameStack],
      learningSteps,
      seed: agentSeed(context.secrets ?? null, unit.key, seed),
    };
    const ready = await session.request({ type: "init", manifest, task }, {}, { timeoutMs });
    if (ready.header.type !== "ready")
      throw new UserCodeError("protocol", `expected "ready" after init, got "${String(ready.header.type)}"`);
    const total = learningSteps + spec.evalEpisodes;
    const result = await play({
      env,
      session,
      learningSteps,
      evalEpisodes: spec.evalEpisodes,
      maxEpisodeSteps: ATARI_100K.maxEpisodeSteps,
      seed,
      evalEpsilon: manifest.kind === "policy" ? ATARI_100K.policyEpsilon : 0,
      timeoutMs,
      signal,
      onReport(report) {
        hooks.onReport?.(report);
        // One unit of progress per learning step and per evaluation episode.
        onProgress({
          done: report.phase === "learning" ? report.steps : learningSteps + report.episodes.length,
          total,
          detail: progressDetail(report),
        });
      },
    });
    return [
      ...result.evaluation.map((episode, index) => ({
        index,
        task: game,
        metrics: {
          return: episode.return,
          hns: humanNormalizedScore(game, episode.return),
          steps: episode.steps,
          ...label,
        },
      })),
      ...result.learning.map((episode, i) => ({
        index: LEARNING_ROW_OFFSET + i,
        task: game,
        metrics: { learningReturn: episode.return, steps: episode.steps, step: episode.endStep, ...label },
      })),
    ];
  } finally {
    await env.close();
  }
}

/** Returns shown at most per progress report: the newest episodes, enough to see a trend. */
const RECENT_RETURNS = 10;

/** What a submission page shows of a running unit: where it is, and the returns of its latest episodes. */
export function progressDetail(report: PlayReport): Record<string, unknown> {
  const recentReturns = report.episodes.slice(-RECENT_RETURNS).map((e) => e.return);
  return report.phase === "learning"
    ? {
        phase: "learning",
        steps: report.steps,
        learningSteps: report.total,
        episodes: report.episodes.length,
        recentReturns,
      }
    : { phase: "evaluation", episodes: report.episodes.length, evalEpisodes: report.total, recentReturns };
}
