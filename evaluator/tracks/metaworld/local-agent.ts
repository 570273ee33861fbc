import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UserCodeError } from "../../../lib/errors";
import { MANIFEST_FILE } from "../../../lib/manifest";
import type { Frame, FrameHeader, WireTensors } from "../../protocol/framing";
import type { TrackSession } from "../types";
import type { MetaWorldAgentTask } from "./driver";
import { metaworldAgentManifestSchema } from "./manifest";

/** A Meta-World agent as a bundle's entry module creates it (README.md). */
export type MetaWorldAgent = {
  /** A new task began (never which one): forget what was adapted to the last one. */
  startTask?(): unknown;
  act(observation: Float32Array, context: { episodeStart: boolean; mode: "adapt" | "eval" }): unknown;
  /** Adaptation episodes only: the outcome of the last action. */
  observe(transition: { reward: number; terminated: boolean; truncated: boolean; success: boolean; observation: Float32Array }): unknown;
  /** Adaptation ended: evaluation episodes follow, without rewards. */
  adapt?(): unknown;
};

export type MetaWorldAgentFactory = (ctx: { options: Record<string, unknown>; task: MetaWorldAgentTask }) => MetaWorldAgent | Promise<MetaWorldAgent>;

/** Creates the agent and checks its shape; every failure is an Error whose message says what the code did wrong. */
export async function createMetaWorldAgent(factory: unknown, ctx: { options: Record<string, unknown>; task: MetaWorldAgentTask }): Promise<MetaWorldAgent> {
  if (typeof factory !== "function") throw new Error(`the entry module must default-export a factory function ({ options, task }) => agent`);
  const agent = (await labelled("the factory", () => (factory as MetaWorldAgentFactory)(ctx))) as Partial<MetaWorldAgent> | null;
  if (typeof agent?.act !== "function" || typeof agent?.observe !== "function") throw new Error("the factory must return an object with act() and observe() methods");
  for (const hook of ["startTask", "adapt"] as const) {
    if (agent[hook] !== undefined && typeof agent[hook] !== "function") throw new Error(`${hook} of the agent must be a method when present`);
  }
  return agent as MetaWorldAgent;
}

/**
 * The agent's side of the exchange (README.md), one message at a time: the reply header to `message`, whose
 * observation (float32 [39]) is `observation`. An action that is not an array of numbers goes back as null with
 * `got` saying what it was; the driver checks everything else.
 */
export async function answer(agent: MetaWorldAgent, message: FrameHeader, observation: Float32Array | undefined): Promise<FrameHeader> {
  const action = (value: unknown): FrameHeader =>
    Array.isArray(value) ? { type: "action", action: value.map((v) => (typeof v === "number" ? v : Number.NaN)) } : { type: "action", action: null, got: value === null ? "null" : typeof value };
  const seen = () => {
    if (!(observation instanceof Float32Array)) throw new Error(`"${message.type}" carries no float32 observation`);
    return observation;
  };
  switch (message.type) {
    case "taskStart":
      await labelled("startTask()", () => agent.startTask?.());
      return { type: "ready" };
    case "act":
      return action(await labelled("act()", () => agent.act(seen(), { episodeStart: message.episodeStart === true, mode: message.mode === "eval" ? "eval" : "adapt" })));
    case "observe": {
      const { reward, terminated, truncated, success } = message as unknown as { reward: number; terminated: boolean; truncated: boolean; success: boolean };
      await labelled("observe()", () => agent.observe({ reward, terminated, truncated, success, observation: seen() }));
      return message.act ? action(await labelled("act()", () => agent.act(seen(), { episodeStart: false, mode: "adapt" }))) : { type: "observed" };
    }
    case "adapt":
      await labelled("adapt()", () => agent.adapt?.());
      return { type: "ready" };
    default:
      throw new Error(`"${message.type}" is not part of the Meta-World exchange`);
  }
}

async function labelled<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${what} threw: ${(error as Error)?.message ?? String(error)}`);
  }
}

/**
 * Answers the Meta-World exchange with an agent run in this process: for trusted agents only (the baselines, the
 * bridge bench, tests of the driver). Submissions run in the sandbox. A failure of the agent is a UserCodeError, as
 * the sandbox reports it.
 */
export function inProcessSession(factory: MetaWorldAgentFactory, options: Record<string, unknown> = {}): TrackSession {
  let agent: MetaWorldAgent | undefined;
  return {
    async request(message: FrameHeader, tensors?: WireTensors): Promise<Frame> {
      try {
        if (message.type === "init") {
          agent = await createMetaWorldAgent(factory, { options, task: message.task as MetaWorldAgentTask });
          return { header: { type: "ready" }, tensors: {} };
        }
        if (!agent) throw new Error(`"${message.type}" before init`);
        return { header: await answer(agent, message, tensors?.observation?.data as Float32Array | undefined), tensors: {} };
      } catch (error) {
        throw new UserCodeError("runtime", (error as Error).message);
      }
    },
  };
}

/** The factory a trusted bundle directory's entry module default-exports (a baseline's heldout.json names it). */
export async function loadAgentFactory(bundleDir: string): Promise<{ factory: MetaWorldAgentFactory; options: Record<string, unknown> }> {
  const manifest = metaworldAgentManifestSchema.parse(JSON.parse(await readFile(path.join(bundleDir, MANIFEST_FILE), "utf8")));
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as { default: MetaWorldAgentFactory };
  return { factory: module.default, options: manifest.options };
}
