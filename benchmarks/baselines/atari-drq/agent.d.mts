import type * as tfjs from "@tensorflow/tfjs";

export type DrqAgent = {
  act(observation: Uint8Array, context: { episodeStart: boolean; mode: "learn" | "eval" }): Promise<number>;
  observe(transition: {
    reward: number;
    terminated: boolean;
    truncated: boolean;
    lifeLoss: boolean;
    observation: Uint8Array;
  }): Promise<void>;
  evaluationMode(): void;
};
export const DEFAULTS: Record<string, number | boolean>;
export default function create(context: {
  tf: typeof tfjs;
  options: Record<string, unknown>;
  task: { actions: number; observationShape: [number, number, number]; learningSteps: number; seed: number };
}): DrqAgent;
