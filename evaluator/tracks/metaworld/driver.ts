import { PlatformError, UserCodeError } from "../../../lib/core/errors";
import type { MetaWorldAgentTask } from "../../protocol/messages";
import { agentSeed, runLabel, runSeed } from "../../../lib/private-seeds";
import type { RunUnitContext, TrackSession } from "../runner-types";
import type { ResultRow } from "../types";
import { openMetaWorldEnv } from "./env";
import { metaTest } from "./meta-test";
import { goalRow, type GoalOutcome } from "./definition/scoring";
import { goalHidden, metaworldObservation, observationParts, testTasks, type MetaWorldSpec } from "./definition/spec";
import { ACTION_SIZE } from "./definition/tasks";
import { observationSize } from "../../protocol/metaworld-observation";
import { parseUnitKey } from "./definition/units";

export type MetaWorldUnitContext = RunUnitContext<MetaWorldSpec>;

export type MetaWorldUnitHooks = {
  /** Every finished goal (its adaptation and evaluation episodes), for live per-task results. */
  onGoal?(outcome: GoalOutcome): void;
  /** Interpreter for the environment instead of the project virtualenv's (tests of a broken install). */
  python?: string;
};

/** The task description the agent gets at init: what it controls, never which task or goal. */
export type { MetaWorldAgentTask };

/**
 * One (test task, seed): `goalsPerTask` goals, each played by the meta-test protocol (meta-test.ts). Rows: one per
 * goal (index = goal; metrics success, return, adaptationSuccess, goal, and seed, or run for a secret-seeded run).
 * Progress counts episodes. The environment's seed stays on this side: the agent's `seed` is its own (agentSeed).
 */
export async function runMetaWorldUnit(
  context: MetaWorldUnitContext,
  hooks: MetaWorldUnitHooks = {},
): Promise<ResultRow[]> {
  const { spec, unit, session, onProgress, signal, manifest } = context;
  // Uploads are checked against the benchmark's track; another track's manifest here is our bug.
  if (manifest.track !== "metaworld")
    throw new PlatformError(`The submission's manifest is for the '${manifest.track}' track, not 'metaworld'.`);
  if (!spec.kinds.includes(manifest.kind))
    throw new UserCodeError("manifest", `this benchmark does not accept "${manifest.kind}" bundles`);
  const { task, run } = parseUnitKey(unit.key);
  const seed = runSeed(run, context.secrets ?? null);
  const { split, tasks } = testTasks(spec);
  const observation = metaworldObservation(spec);
  const timeoutMs = spec.limits.callSeconds * 1000;
  const perGoal = spec.adaptationEpisodes + spec.evaluationEpisodes;

  signal.throwIfAborted();
  const env = await openMetaWorldEnv({
    benchmark: spec.benchmark,
    split,
    task,
    seed,
    goals: spec.goals,
    python: hooks.python,
  });
  let fresh: (TrackSession & { close(): Promise<unknown> }) | undefined;
  try {
    const agentTask: MetaWorldAgentTask = {
      track: "metaworld",
      benchmark: spec.benchmark,
      observationShape: [observationSize(observationParts(spec))],
      observation,
      actionShape: [ACTION_SIZE],
      maxEpisodeSteps: spec.maxEpisodeSteps,
      adaptationEpisodes: spec.adaptationEpisodes,
      evaluationEpisodes: spec.evaluationEpisodes,
      goalHidden: goalHidden(spec),
      seed: agentSeed(context.secrets ?? null, unit.key, seed),
    };
    const init = async (agent: TrackSession) => {
      const ready = await agent.request({ type: "init", manifest, task: agentTask }, {}, { timeoutMs });
      if (ready.header.type !== "ready")
        throw new UserCodeError("protocol", `expected "ready" after init, got "${String(ready.header.type)}"`);
    };
    await init(session);
    // isolation: task — every goal after the first gets a sandbox of its own, started from the bundle as submitted.
    const isolated = spec.isolation === "task" && manifest.kind === "agent";
    if (isolated && !context.startSession)
      throw new PlatformError("isolation: task needs a sandbox per goal, and no way to start one was given");
    const sessionFor = async (goal: number): Promise<TrackSession> => {
      if (!isolated || goal === 0) return session;
      await fresh?.close();
      fresh = await context.startSession!();
      await init(fresh);
      return fresh;
    };
    const outcomes = await metaTest({
      env,
      sessionFor,
      goals: spec.goalsPerTask,
      adaptationEpisodes: spec.adaptationEpisodes,
      evaluationEpisodes: spec.evaluationEpisodes,
      maxEpisodeSteps: spec.maxEpisodeSteps,
      seed,
      observation: { observation, hideGoal: goalHidden(spec), taskIndex: tasks.indexOf(task), tasks: tasks.length },
      timeoutMs,
      signal,
      onGoal(outcome) {
        hooks.onGoal?.(outcome);
        onProgress({ done: (outcome.goal + 1) * perGoal, total: spec.goalsPerTask * perGoal });
      },
    });
    return outcomes.map((outcome) => goalRow(task, runLabel(run), outcome));
  } finally {
    await fresh?.close();
    await env.close();
  }
}
