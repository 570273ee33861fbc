import { PlatformError, UserCodeError } from "../../../lib/core/errors";
import type { Env, Observation, ResetResult } from "../../envs/types";
import type { Frame, FrameHeader, WireTensors } from "../../protocol/framing";
import type { TrackSession } from "../runner-types";
import { readContinuousAction } from "./actions";
import type { EpisodeOutcome, GoalOutcome } from "./definition/scoring";
import { OBSERVATION_SIZE } from "./definition/tasks";
import { agentObservation, type LastStep, type ObservationOptions } from "./observation";

export type MetaTestOptions = {
  /** One Meta-World task whose goal is picked per reset with `{options: {goal}}` (see env.ts). */
  env: Env;
  /** The agent's session for a goal: the same one for every goal, or a fresh sandbox per goal (isolation: task). */
  sessionFor(goal: number): Promise<TrackSession>;
  /** Goals 0 … goals − 1 are played in order, each as a new task for the agent. */
  goals: number;
  adaptationEpisodes: number;
  evaluationEpisodes: number;
  maxEpisodeSteps: number;
  /** Seeds the simulator at the unit's first reset. */
  seed: number;
  /** What the agent's observation holds (observation.ts): the goal hidden or not, and what follows the 39 numbers. */
  observation: ObservationOptions;
  timeoutMs: number;
  signal: AbortSignal;
  onGoal(outcome: GoalOutcome): void;
};

/**
 * The trusted side of Meta-World's meta-test protocol (`metaworld.evaluation.metalearning_evaluation`), per goal:
 *
 *   taskStart                                   → ready     (a new task began: never which one)
 *   adaptationEpisodes × (act, observe…)        rewards and success flags go to the agent
 *   adapt                                       → ready     (adaptation ended)
 *   evaluationEpisodes × (act…)                 observations only; these are scored
 *
 * Observations are the environment's, goal zeroed when hidden, with what `observation` appends (a one-hot task id,
 * or RL²'s previous action, reward and done, which reach the agent in evaluation episodes too, inside the observation).
 *
 * An episode lasts maxEpisodeSteps steps unless the environment ends it, and succeeds when info.success was 1 at any
 * step. Steps are counted here: the environment refuses a step past maxEpisodeSteps in an episode.
 */
export async function metaTest(options: MetaTestOptions): Promise<GoalOutcome[]> {
  const { signal, timeoutMs } = options;
  let session: TrackSession | undefined;
  if (
    options.env.observationSpace.shape.join() !== String(OBSERVATION_SIZE) ||
    options.env.observationSpace.dtype !== "float32"
  ) {
    throw new PlatformError(
      `a Meta-World environment gives float32 [${OBSERVATION_SIZE}] observations, not ${options.env.observationSpace.dtype} [${options.env.observationSpace.shape.join(",")}]`,
    );
  }
  const env = episodeBudget(options.env, options.maxEpisodeSteps);
  const request = async (message: FrameHeader, tensors?: WireTensors): Promise<Frame> => {
    signal.throwIfAborted();
    return session!.request(message, tensors, { timeoutMs });
  };
  const expectReady = async (message: FrameHeader) => {
    const reply = await request(message);
    if (reply.header.type !== "ready")
      throw new UserCodeError("protocol", `expected "ready" after ${message.type}, got "${String(reply.header.type)}"`);
  };
  const seen = (observation: Observation, last?: LastStep): WireTensors => {
    const data = agentObservation(options.observation, observation as Float32Array, last);
    return { observation: { dtype: "float32", shape: [data.length], data } };
  };

  let firstReset = true;
  const io: EpisodeIo = {
    reset: async (goal) => {
      const reset = await env.reset({ ...(firstReset ? { seed: options.seed } : {}), options: { goal } });
      firstReset = false;
      return reset;
    },
    step: (action) => env.step(action),
    request,
    seen,
    maxEpisodeSteps: options.maxEpisodeSteps,
  };

  const outcomes: GoalOutcome[] = [];
  for (let goal = 0; goal < options.goals; goal++) {
    session = await options.sessionFor(goal);
    await expectReady({ type: "taskStart" });
    const adaptation: EpisodeOutcome[] = [];
    for (let e = 0; e < options.adaptationEpisodes; e++)
      adaptation.push(await playEpisode(io, goal, "adapt", `goal ${goal}, adaptation episode ${e + 1}`));
    await expectReady({ type: "adapt" });
    const evaluation: EpisodeOutcome[] = [];
    for (let e = 0; e < options.evaluationEpisodes; e++)
      evaluation.push(await playEpisode(io, goal, "eval", `goal ${goal}, evaluation episode ${e + 1}`));
    const outcome = { goal, adaptation, evaluation };
    outcomes.push(outcome);
    options.onGoal(outcome);
  }
  return outcomes;
}

/** What one episode needs: the budgeted environment (reset for a goal), the agent's requests and its observations. */
type EpisodeIo = {
  reset(goal: number): Promise<ResetResult>;
  step: Env["step"];
  request(message: FrameHeader, tensors?: WireTensors): Promise<Frame>;
  seen(observation: Observation, last?: LastStep): WireTensors;
  maxEpisodeSteps: number;
};

/** One episode of `goal`: adaptation ("adapt", rewards go to the agent) or evaluation ("eval", observations only). */
async function playEpisode(
  io: EpisodeIo,
  goal: number,
  mode: "adapt" | "eval",
  label: string,
): Promise<EpisodeOutcome> {
  const { request, seen } = io;
  const reset = await io.reset(goal);
  const outcome: EpisodeOutcome = { return: 0, steps: 0, success: false };
  let reply = await request({ type: "act", episodeStart: true, mode }, seen(reset.observation));
  for (;;) {
    const action = readContinuousAction(reply, `${label}, step ${outcome.steps + 1}`);
    const result = await io.step(action.clipped);
    outcome.return += result.reward;
    outcome.steps++;
    if (Number(result.info.success ?? 0) >= 1) outcome.success = true;
    const ended = result.terminated || result.truncated || outcome.steps >= io.maxEpisodeSteps;
    const last: LastStep = { action: action.returned, reward: result.reward, done: ended };
    if (mode === "eval") {
      if (ended) return outcome;
      reply = await request({ type: "act", episodeStart: false, mode }, seen(result.observation, last));
      continue;
    }
    const truncated = result.truncated || (!result.terminated && ended);
    reply = await request(
      {
        type: "observe",
        reward: result.reward,
        terminated: result.terminated,
        truncated,
        success: Number(result.info.success ?? 0) >= 1,
        act: !ended,
      },
      seen(result.observation, last),
    );
    if (ended) {
      if (reply.header.type !== "observed")
        throw new UserCodeError(
          "protocol",
          `${label}: expected "observed" after the episode's last step, got "${String(reply.header.type)}"`,
        );
      return outcome;
    }
  }
}

/** The environment as the protocol may use it: step maxEpisodeSteps + 1 of an episode is refused. */
export function episodeBudget(env: Env, maxEpisodeSteps: number): Env {
  let steps = 0;
  return {
    ...env,
    async reset(options) {
      steps = 0;
      return env.reset(options);
    },
    async step(action) {
      if (steps >= maxEpisodeSteps)
        throw new PlatformError(`an episode is ${maxEpisodeSteps} steps; step ${maxEpisodeSteps + 1} was refused`);
      steps++;
      return env.step(action);
    },
  };
}
