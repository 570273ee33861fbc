import type * as tfjs from "@tensorflow/tfjs";
import type { RlTask } from "../protocol/messages";

/** What the runtime hands an agent after each learning step (see README.md). */
export type Transition = {
  reward: number;
  terminated: boolean;
  truncated: boolean;
  lifeLoss: boolean;
  observation: Uint8Array;
};

/** How one RL manifest kind plays. Created once per sandbox, after `init`. Return values go to the driver unjudged. */
export type Actor = {
  act(observation: Uint8Array, episodeStart: boolean): Promise<unknown>;
  observe(transition: Transition): Promise<void>;
  evaluationMode(): Promise<void>;
};

export type ActorContext = { tf: typeof tfjs; bundleDir: string; task: RlTask };
