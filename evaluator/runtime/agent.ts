import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AgentManifest } from "../protocol/manifest";
import type { Actor, ActorContext, Transition } from "./actor";
import { describeValue } from "./describe";

/** What a bundle's factory must return (see README.md). */
type Agent = {
  act(observation: Uint8Array, context: { episodeStart: boolean; mode: "learn" | "eval" }): unknown;
  observe(transition: Transition): unknown;
  evaluationMode?(): unknown;
};

/**
 * The `agent` kind: the bundle's entry module default-exports a factory `(ctx) => agent` (possibly async). While it
 * learns, the runtime calls act() and then observe() with the outcome; after evaluationMode() only act().
 */
export async function createAgentActor(ctx: ActorContext, manifest: AgentManifest): Promise<Actor> {
  const { tf, bundleDir, task } = ctx;
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as { default?: unknown };
  if (typeof module.default !== "function") {
    throw new Error(
      `${manifest.entry} must default-export a factory function (ctx) => agent; its default export is ${describeValue(module.default)}`,
    );
  }
  const agent = (await module.default({ tf, options: manifest.options, task })) as Partial<Agent> | null;
  if (typeof agent?.act !== "function" || typeof agent?.observe !== "function") {
    throw new Error(`the factory exported by ${manifest.entry} must return an object with act() and observe() methods`);
  }
  if (agent.evaluationMode !== undefined && typeof agent.evaluationMode !== "function") {
    throw new Error(`evaluationMode of the agent made by ${manifest.entry} must be a method when present`);
  }
  const { act, observe, evaluationMode } = agent as Agent;
  let mode: "learn" | "eval" = task.learningSteps > 0 ? "learn" : "eval";
  return {
    act: async (observation, episodeStart) => await act.call(agent, observation, { episodeStart, mode }),
    async observe(transition) {
      await observe.call(agent, transition);
    },
    async evaluationMode() {
      mode = "eval";
      await evaluationMode?.call(agent);
    },
  };
}
