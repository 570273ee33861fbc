import assert from "node:assert/strict";
import { test } from "node:test";
import { ATARI_100K, openAtariEnv } from "./settings";

test("the Atari 100K cap is 108,000 frames = 27,000 agent steps", () => {
  assert.equal(ATARI_100K.env.max_num_frames_per_episode, 108_000);
  assert.equal(ATARI_100K.maxEpisodeSteps * ATARI_100K.preprocessing.frame_skip, 108_000);
});

/** The ALE's frame cap truncates an episode, counting the no-op frames; here at 400 frames instead of 108,000. */
test("an episode is truncated when its frames reach the cap, no-ops included", async () => {
  const env = await openAtariEnv("Pong", { maxEpisodeFrames: 400 });
  try {
    const reset = await env.reset({ seed: 2 });
    const noops = Number(reset.info.episode_frame_number);
    let steps = 0;
    let result;
    do {
      result = await env.step(0);
      steps++;
    } while (!result.terminated && !result.truncated && steps < 200);
    assert.equal(result.truncated, true);
    assert.equal(result.terminated, false);
    assert.equal(result.info.episode_frame_number, 400);
    assert.equal(steps, Math.ceil((400 - noops) / 4), `${noops} no-ops, then ${steps} agent steps`);
  } finally {
    await env.close();
  }
});
