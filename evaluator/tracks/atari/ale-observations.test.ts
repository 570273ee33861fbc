import assert from "node:assert/strict";
import { test } from "node:test";
import { openAtariEnv } from "./settings";

/** The preprocessed ALE: 84×84 uint8 grayscale frames, the minimal action set, lives reported. */
for (const [game, actions] of [
  ["Pong", ["NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"]],
  ["Breakout", ["NOOP", "FIRE", "RIGHT", "LEFT"]],
] as const) {
  test(`${game}: 84×84 uint8 frames and the minimal action set`, async () => {
    const env = await openAtariEnv(game);
    try {
      assert.deepEqual(env.observationSpace, { shape: [84, 84], dtype: "uint8" });
      assert.deepEqual(env.actionSpace, { kind: "discrete", n: actions.length });
      assert.deepEqual(env.actionMeanings, actions);
      const reset = await env.reset({ seed: 3 });
      assert.ok(reset.observation instanceof Uint8Array && reset.observation.length === 84 * 84);
      assert.equal(typeof reset.info.lives, "number");
      let lit = 0;
      for (let i = 0; i < 20; i++) {
        const step = await env.step(i % actions.length);
        assert.equal(step.observation.length, 84 * 84);
        lit = Math.max(lit, ...step.observation);
      }
      assert.ok(lit > 0, "the screen is not blank");
      // Same seed, same actions: the same frames (sticky actions are off).
      const again = await env.reset({ seed: 3 });
      assert.deepEqual(again.observation, reset.observation);
    } finally {
      await env.close();
    }
  });
}
