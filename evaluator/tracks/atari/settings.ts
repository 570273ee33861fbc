import { checkedEnv } from "../../envs/checked-env";
import { openGymEnv } from "../../envs/python-env";
import type { Env } from "../../envs/types";
import { atariEnvId, type AtariGame } from "./definition/games";

/**
 * Atari 100K as Dopamine's configs (shared by DER, DrQ(ε), SPR, BBF) define it, protocol "atari-100k/v1":
 * ALE v5 with frameskip 1, sticky actions off, the minimal action set and a cap of 108,000 frames per episode
 * (no-op frames count); Gymnasium's AtariPreprocessing (the reference implementation, run in the Python shim):
 * 1–30 no-ops at reset, frame skip 4 with rewards summed and a max-pool over the last two frames, grayscale,
 * 84×84 area resize; lives are reported but never end an episode. The stack of 4 frames is built by the driver.
 */
export const ATARI_100K = {
  env: {
    frameskip: 1,
    repeat_action_probability: 0.0,
    full_action_space: false,
    max_num_frames_per_episode: 108_000,
    obs_type: "grayscale",
  },
  preprocessing: {
    noop_max: 30,
    frame_skip: 4,
    screen_size: 84,
    terminal_on_life_loss: false,
    grayscale_obs: true,
    scale_obs: false,
  },
  frameStack: 4,
  /** 108,000 frames / frame skip 4; the ALE's frame cap usually ends the episode first, as no-ops count. */
  maxEpisodeSteps: 27_000,
  /** Dopamine's evaluation ε, applied by the driver to `policy` bundles (agents choose their own). */
  policyEpsilon: 0.001,
} as const;

export type AtariEnvOverrides = {
  /** Frame cap per episode instead of 108,000 (tests). */
  maxEpisodeFrames?: number;
  /** Largest no-op count at reset instead of 30 (tests; 0 disables no-ops). */
  noopMax?: number;
  /** Skip the preprocessing and return raw 210×160 grayscale frames one ALE frame per step (tests). */
  raw?: boolean;
};

/** One game's environment under the Atari 100K settings, checked, in its own Python process. */
export async function openAtariEnv(game: AtariGame, overrides: AtariEnvOverrides = {}): Promise<Env> {
  const env = await openGymEnv({
    id: atariEnvId(game),
    kwargs: {
      ...ATARI_100K.env,
      max_num_frames_per_episode: overrides.maxEpisodeFrames ?? ATARI_100K.env.max_num_frames_per_episode,
    },
    preprocessing: overrides.raw
      ? undefined
      : { ...ATARI_100K.preprocessing, noop_max: overrides.noopMax ?? ATARI_100K.preprocessing.noop_max },
  });
  return checkedEnv(env, atariEnvId(game));
}
