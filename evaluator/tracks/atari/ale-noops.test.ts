import assert from "node:assert/strict";
import { test } from "node:test";
import { openAtariEnv } from "./settings";

/**
 * At reset the preprocessing plays a random number of no-ops drawn from [1, 30] (Gymnasium's AtariPreprocessing);
 * with frameskip 1 in the ALE each is one frame, so the episode's frame counter after reset is that count.
 */
test("reset plays between 1 and 30 no-op frames, varying with the seed", async () => {
  const env = await openAtariEnv("Breakout");
  try {
    const counts: number[] = [];
    for (let seed = 0; seed < 40; seed++) counts.push(Number((await env.reset({ seed })).info.episode_frame_number));
    assert.ok(
      counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 30),
      `no-op counts ${counts.join(",")}`,
    );
    assert.ok(new Set(counts).size >= 10, `no-op counts barely vary: ${counts.join(",")}`);
  } finally {
    await env.close();
  }
});

test("with no-ops disabled an episode starts at frame 0", async () => {
  const env = await openAtariEnv("Breakout", { noopMax: 0 });
  try {
    assert.equal((await env.reset({ seed: 1 })).info.episode_frame_number, 0);
    assert.equal((await env.step(0)).info.episode_frame_number, 4, "one agent step is 4 frames");
  } finally {
    await env.close();
  }
});
