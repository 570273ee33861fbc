import assert from "node:assert/strict";
import { test } from "node:test";
import { CATCH_SIZE, createCatch } from "./catch";

/** Follows the ball: the lowest lit row of the ball's 4×4 block is above the paddle row. */
function ballColumn(screen: Uint8Array): number {
  for (let i = 0; i < screen.length; i++) if (screen[i] === 255) return i % CATCH_SIZE;
  return -1;
}

test("Catch is deterministic for a seed, rewards catches and ends when the lives are gone", async () => {
  const play = async (policy: "follow" | "stay") => {
    const env = createCatch({ lives: 3 });
    let { observation } = await env.reset({ seed: 42 });
    const rewards: number[] = [];
    const frames: Uint8Array[] = [];
    for (let step = 0; step < 2000; step++) {
      const paddleLeft = observation.indexOf(128, (CATCH_SIZE - 4) * CATCH_SIZE) % CATCH_SIZE;
      const target = ballColumn(observation as Uint8Array) - 4;
      const action = policy === "stay" ? 0 : target < paddleLeft ? 1 : target > paddleLeft ? 2 : 0;
      const result = await env.step(action);
      observation = result.observation;
      frames.push(result.observation as Uint8Array);
      if (result.reward !== 0) rewards.push(result.reward);
      if (result.terminated) return { rewards, frames, lives: result.info.lives };
    }
    return { rewards, frames, lives: -1 };
  };
  const follower = await play("follow");
  assert.equal(follower.lives, -1, "a ball-following paddle never loses a life");
  assert.ok(follower.rewards.length > 50 && follower.rewards.every((r) => r === 1));
  const idle = await play("stay");
  assert.equal(idle.lives, 0);
  assert.equal(idle.rewards.filter((r) => r === -1).length, 3);
  const again = await play("stay");
  assert.deepEqual(again.frames, idle.frames, "same seed, same actions, same frames");
});
