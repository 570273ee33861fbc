import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../../lib/core/random";
import { openAtariEnv } from "./settings";

/**
 * One preprocessed agent step equals four raw ALE frames with the same action: rewards summed, the same lives and
 * the same end of game. Both environments start from the same seed with no-ops disabled, so they stay in lockstep.
 */
test("frame skip 4 sums the rewards of four raw frames (Boxing, Pong)", async () => {
  for (const game of ["Boxing", "Pong"] as const) {
    const skipped = await openAtariEnv(game, { noopMax: 0 });
    const raw = await openAtariEnv(game, { raw: true });
    try {
      assert.deepEqual(raw.observationSpace.shape, [210, 160], "the raw frames are the full grayscale screen");
      await skipped.reset({ seed: 11 });
      await raw.reset({ seed: 11 });
      const rng = createRng(5);
      const actions = skipped.actionSpace.kind === "discrete" ? skipped.actionSpace.n : 0;
      let rewarded = 0;
      for (let step = 0; step < 400; step++) {
        const action = rng.int(actions);
        const result = await skipped.step(action);
        let reward = 0;
        let last;
        for (let frame = 0; frame < 4; frame++) {
          last = await raw.step(action);
          reward += last.reward;
          if (last.terminated || last.truncated) break;
        }
        assert.equal(
          result.reward,
          reward,
          `${game} step ${step}: reward ${result.reward} vs four raw frames' ${reward}`,
        );
        assert.equal(result.info.lives, last!.info.lives);
        assert.equal(result.terminated, last!.terminated);
        assert.equal(result.info.episode_frame_number, last!.info.episode_frame_number);
        if (reward !== 0) rewarded++;
        if (result.terminated) break;
      }
      assert.ok(rewarded > 0, `${game}: no reward in 400 steps, nothing was compared`);
    } finally {
      await skipped.close();
      await raw.close();
    }
  }
});
