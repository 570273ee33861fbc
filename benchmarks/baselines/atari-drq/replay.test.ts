import assert from "node:assert/strict";
import { test } from "node:test";
import { createRandom } from "./random.mjs";
import { createReplay } from "./replay.mjs";

// 2×2 frames, a stack of 2: frame v is filled with the value v; an observation's newest frame is its last channel.
const H = 2;
const W = 2;
const STACK = 2;
const observation = (older: number, newest: number) =>
  Uint8Array.from({ length: H * W * STACK }, (_, i) => (i % STACK === STACK - 1 ? newest : older));

/** Records episodes given as lists of [reward, terminal] steps; frame values count up from 1. */
function filled(capacity: number, episodes: [number, boolean][][]) {
  const replay = createReplay({ capacity, height: H, width: W, stack: STACK });
  let value = 1;
  for (const steps of episodes) {
    replay.addFrame(observation(value, value), true);
    for (const [reward, terminal] of steps) {
      replay.recordOutcome(value % 3, reward, terminal);
      value++;
      replay.addFrame(observation(value - 1, value), false);
    }
    value++;
  }
  return replay;
}

/** Every distinct transition the sampler can return, by start position. */
function transitions(replay: ReturnType<typeof createReplay>, n: number, gamma: number) {
  const random = createRandom(5);
  const seen = new Map<number, { action: number; reward: number; discount: number; next: number }>();
  for (let i = 0; i < 2000; i++) {
    const { state, ...rest } = replay.sample(random, n, gamma);
    seen.set(state, rest);
  }
  return seen;
}

test("n-step returns stop at a terminal step (no bootstrap) and at the end of what is recorded (bootstrap)", () => {
  // Positions 0..4: episode 1 (4 steps, the third terminal, e.g. a lost life); 5..7: episode 2, cut off after 2 steps.
  const replay = filled(100, [
    [
      [1, false],
      [0, false],
      [2, true],
      [1, false],
    ],
    [
      [1, false],
      [1, false],
    ],
  ]);
  const seen = transitions(replay, 3, 0.5);
  assert.deepEqual(
    [...seen.keys()].sort((a, b) => a - b),
    [0, 1, 2, 3, 5, 6],
    "final frames have no transition",
  );
  assert.deepEqual(seen.get(0), { action: 1, reward: 1 + 0 + 0.25 * 2, discount: 0, next: 3 });
  assert.deepEqual(seen.get(1), { action: 2, reward: 0 + 0.5 * 2, discount: 0, next: 3 });
  assert.deepEqual(seen.get(3), { action: 1, reward: 1, discount: 0.5, next: 4 });
  assert.deepEqual(seen.get(5), { action: 0, reward: 1 + 0.5, discount: 0.25, next: 7 });
  assert.deepEqual(seen.get(6), { action: 1, reward: 1, discount: 0.5, next: 7 });
});

test("a stacked observation repeats the episode's first frame before it, shifted with the border replicated", () => {
  const replay = createReplay({ capacity: 10, height: 3, width: 3, stack: 2 });
  const frame = (values: number[]) => Uint8Array.from(values.flatMap((v) => [0, v]));
  replay.addFrame(frame([10, 20, 30, 40, 50, 60, 70, 80, 90]), true);
  replay.recordOutcome(0, 0, false);
  replay.addFrame(frame([1, 2, 3, 4, 5, 6, 7, 8, 9]), false);
  const out = new Float32Array(2 * 9);
  replay.writeObservation(0, out, 0, { dy: 1, dx: 1, pad: 1, scale: 1 });
  assert.deepEqual(
    [...out.slice(0, 18)].map((v) => Math.round(v * 255)),
    [10, 20, 30, 40, 50, 60, 70, 80, 90].flatMap((v) => [v, v]),
  );
  // dy = dx = 2 with pad 1 shifts the image up-left by one pixel; the last row and column repeat.
  replay.writeObservation(1, out, 0, { dy: 2, dx: 2, pad: 1, scale: 2 });
  const older = [50, 60, 60, 80, 90, 90, 80, 90, 90];
  const newest = [5, 6, 6, 8, 9, 9, 8, 9, 9];
  assert.deepEqual(
    [...out].map((v) => Math.round((v * 255) / 2)),
    older.flatMap((v, i) => [v, newest[i]!]),
  );
});

test("when full, the oldest positions are overwritten and never sampled, nor used to fill a stack", () => {
  const replay = filled(6, [Array.from({ length: 9 }, (): [number, boolean] => [1, false])]);
  assert.equal(replay.count, 10);
  const seen = transitions(replay, 1, 0.9);
  // Positions 4..9 are held; 4 has no older frame left for its stack, 9 is the newest (no outcome yet).
  assert.deepEqual(
    [...seen.keys()].sort((a, b) => a - b),
    [5, 6, 7, 8],
  );
});
