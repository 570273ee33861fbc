import { createRng } from "../../../lib/core/random";
import { UserCodeError } from "../../../lib/core/errors";
import type { Env, Observation, StepResult } from "../../envs/types";
import type { Frame, WireTensors } from "../../protocol/framing";
import type { TrackSession } from "../runner-types";
import { readAction } from "./actions";

export type EpisodeRecord = { return: number; steps: number };
/** A learning episode and the agent step (1-based, counted over all of learning) at which it ended. */
export type LearningEpisode = EpisodeRecord & { endStep: number };

export type PlayReport =
  | { phase: "learning"; steps: number; total: number; episodes: LearningEpisode[] }
  | { phase: "evaluation"; episodes: EpisodeRecord[]; total: number };

export type PlayOptions = {
  /** Gives [H, W] uint8 frames and discrete actions. The runtime stacks the frames for the agent. */
  env: Env;
  session: TrackSession;
  /** Agent steps of learning; 0 skips learning (policies). */
  learningSteps: number;
  evalEpisodes: number;
  /** Episodes end here at the latest (counted in agent steps) when the environment has not ended them. */
  maxEpisodeSteps: number;
  seed: number;
  /** Probability of replacing the agent's evaluation action with a uniformly random one. */
  evalEpsilon: number;
  timeoutMs: number;
  signal: AbortSignal;
  onReport(report: PlayReport): void;
  /** Agent steps between learning reports. */
  reportEvery?: number;
};

export type PlayResult = { learning: LearningEpisode[]; evaluation: EpisodeRecord[] };

/** The evaluation phase reseeds the environment with this offset from the unit's seed, so its episodes differ from learning's. */
export const EVALUATION_SEED_OFFSET = 1_000_003;

/**
 * The trusted side of the RL protocol for one run: `learningSteps` agent steps of learning (rewards, terminal and
 * life-loss flags go to the agent), then `evalEpisodes` whole episodes in evaluation mode (observations only).
 * The budget is counted here, on the environment side: the learning environment refuses step learningSteps + 1.
 * Returns the raw, unclipped returns.
 */
export async function play(options: PlayOptions): Promise<PlayResult> {
  const { env, session, signal, timeoutMs } = options;
  const actions = env.actionSpace.kind === "discrete" ? env.actionSpace.n : 0;
  const [height, width] = env.observationSpace.shape as [number, number];
  if (actions === 0 || env.observationSpace.shape.length !== 2 || env.observationSpace.dtype !== "uint8") {
    throw new Error("play() needs an environment with discrete actions and [H, W] uint8 frames");
  }
  const io: AgentIo = {
    actions,
    frame: (pixels) => ({ frame: { dtype: "uint8", shape: [height, width], data: pixels as Uint8Array } }),
    request: async (message, tensors) => {
      signal.throwIfAborted();
      return session.request(message, tensors, { timeoutMs });
    },
  };
  const learning = options.learningSteps > 0 ? await learn(options, io) : [];
  const evaluation = await evaluate(options, io);
  return { learning, evaluation };
}

/** How `play` talks to the agent: its number of actions, a frame as tensors, and a request that heeds the signal. */
type AgentIo = {
  actions: number;
  frame(pixels: Observation): WireTensors;
  request(message: { type: string; [key: string]: unknown }, tensors?: WireTensors): Promise<Frame>;
};

/** The learning phase: `learningSteps` agent steps, then the switch to evaluation mode. */
async function learn(options: PlayOptions, io: AgentIo): Promise<LearningEpisode[]> {
  const { env } = options;
  const { actions, frame, request } = io;
  const learning: LearningEpisode[] = [];
  const budget = budgeted(env, options.learningSteps);
  const reportEvery = options.reportEvery ?? 1000;
  let lives = 0;
  let episode = { return: 0, steps: 0 };
  const start = async (seed?: number) => {
    const reset = await env.reset(seed === undefined ? {} : { seed });
    lives = Number(reset.info.lives ?? 0);
    episode = { return: 0, steps: 0 };
    return readAction(await request({ type: "act", episodeStart: true }, frame(reset.observation)), {
      actions,
      step: `learning step ${budget.used + 1}`,
    });
  };
  let action = await start(options.seed);
  while (budget.used < options.learningSteps) {
    const result = await budget.step(action);
    episode.return += result.reward;
    episode.steps++;
    const truncated = result.truncated || episode.steps >= options.maxEpisodeSteps;
    const ended = result.terminated || truncated;
    const nowLives = Number(result.info.lives ?? 0);
    const lifeLoss = !ended && nowLives < lives;
    lives = nowLives;
    const more = budget.used < options.learningSteps;
    const reply = await request(
      {
        type: "observe",
        reward: result.reward,
        terminated: result.terminated,
        truncated,
        lifeLoss,
        act: more && !ended,
      },
      frame(result.observation),
    );
    if (ended) learning.push({ ...episode, endStep: budget.used });
    if (more && !ended) action = readAction(reply, { actions, step: `learning step ${budget.used + 1}` });
    else if (reply.header.type !== "observed")
      throw new UserCodeError("protocol", `expected "observed", got "${String(reply.header.type)}"`);
    if (more && ended) action = await start();
    if (budget.used % reportEvery === 0 || !more)
      options.onReport({ phase: "learning", steps: budget.used, total: options.learningSteps, episodes: learning });
  }
  const ready = await request({ type: "evaluate" });
  if (ready.header.type !== "ready")
    throw new UserCodeError("protocol", `expected "ready" after evaluate, got "${String(ready.header.type)}"`);
  return learning;
}

/** The evaluation phase: `evalEpisodes` whole episodes, the agent's actions replaced with probability evalEpsilon. */
async function evaluate(options: PlayOptions, io: AgentIo): Promise<EpisodeRecord[]> {
  const { env } = options;
  const { actions, frame, request } = io;
  const evaluation: EpisodeRecord[] = [];
  const exploration = createRng(options.seed);
  for (let e = 0; e < options.evalEpisodes; e++) {
    const reset = await env.reset(e === 0 ? { seed: options.seed + EVALUATION_SEED_OFFSET } : {});
    let pixels = reset.observation;
    const episode = { return: 0, steps: 0 };
    for (let ended = false; !ended;) {
      const reply = await request({ type: "act", episodeStart: episode.steps === 0 }, frame(pixels));
      let action = readAction(reply, { actions, step: `evaluation episode ${e + 1}, step ${episode.steps + 1}` });
      if (options.evalEpsilon > 0 && exploration.next() < options.evalEpsilon) action = exploration.int(actions);
      const result: StepResult = await env.step(action);
      episode.return += result.reward;
      episode.steps++;
      pixels = result.observation;
      ended = result.terminated || result.truncated || episode.steps >= options.maxEpisodeSteps;
    }
    evaluation.push(episode);
    options.onReport({ phase: "evaluation", episodes: evaluation, total: options.evalEpisodes });
  }
  return evaluation;
}

/** The learning environment: counts agent steps and refuses the one past the budget. */
export function budgeted(env: Env, budget: number): { step: Env["step"]; readonly used: number } {
  let used = 0;
  return {
    get used() {
      return used;
    },
    step(action) {
      if (used >= budget) {
        throw new UserCodeError(
          "budget",
          `The learning budget is ${budget} agent steps; step ${budget + 1} was refused`,
        );
      }
      used++;
      return env.step(action);
    },
  };
}
