import { PlatformError, UserCodeError } from "../../../lib/errors";
import type { RlTask } from "../../protocol/messages";
import type { ResultRow, RunUnitContext } from "../types";
import { humanNormalizedScore } from "./games";
import { rlManifestSchema } from "./manifest";
import { play, type PlayReport } from "./play";
import { LEARNING_ROW_OFFSET } from "./scoring";
import { ATARI_100K, openAtariEnv, type AtariEnvOverrides } from "./settings";
import type { AtariSpec } from "./spec";
import { parseUnitKey } from "./units";

/**
 * RunUnitContext<AtariSpec> once AtariSpec is in lib/benchmark-spec.ts's union (Track's type parameter is bounded by
 * it); the manifest is re-parsed here, so any manifest type will do.
 */
export type AtariUnitContext = Omit<RunUnitContext, "spec" | "manifest"> & { spec: AtariSpec; manifest: unknown };

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
 * learning curve.
 */
export async function runAtariUnit(context: AtariUnitContext, hooks: AtariUnitHooks = {}): Promise<ResultRow[]> {
  const { spec, unit, session, onProgress, signal } = context;
  const parsed = rlManifestSchema.safeParse(context.manifest);
  // Uploads are validated against the benchmark's kinds; a manifest that is not an RL one here is our bug.
  if (!parsed.success) throw new PlatformError(`The submission's manifest is not an Atari agent or policy manifest: ${parsed.error.message}`);
  const manifest = parsed.data;
  if (!spec.kinds.includes(manifest.kind)) throw new UserCodeError("manifest", `this benchmark does not accept "${manifest.kind}" bundles`);
  const { game, seed } = parseUnitKey(unit.key);
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
      seed,
    };
    const ready = await session.request({ type: "init", manifest, task }, {}, { timeoutMs });
    if (ready.header.type !== "ready") throw new UserCodeError("protocol", `expected "ready" after init, got "${String(ready.header.type)}"`);
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
        onProgress({ done: report.phase === "learning" ? report.steps : learningSteps + report.episodes.length, total });
      },
    });
    return [
      ...result.evaluation.map((episode, index) => ({
        index,
        task: game,
        metrics: { return: episode.return, hns: humanNormalizedScore(game, episode.return), steps: episode.steps, seed },
      })),
      ...result.learning.map((episode, i) => ({
        index: LEARNING_ROW_OFFSET + i,
        task: game,
        metrics: { learningReturn: episode.return, steps: episode.steps, step: episode.endStep, seed },
      })),
    ];
  } finally {
    await env.close();
  }
}
