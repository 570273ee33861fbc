import assert from "node:assert/strict";
import { test } from "node:test";
import { FrameStack } from "./frame-stack";

test("the stack is [pixels, depth] with the newest frame last, and restarts filled with the first frame", () => {
  const stack = new FrameStack(2, 4);
  stack.reset(Uint8Array.of(1, 2));
  assert.deepEqual([...stack.snapshot()], [1, 1, 1, 1, 2, 2, 2, 2]);
  stack.push(Uint8Array.of(3, 4));
  stack.push(Uint8Array.of(5, 6));
  assert.deepEqual([...stack.snapshot()], [1, 1, 3, 5, 2, 2, 4, 6]);
  for (const f of [7, 9, 11]) stack.push(Uint8Array.of(f, f + 1));
  assert.deepEqual([...stack.snapshot()], [5, 7, 9, 11, 6, 8, 10, 12]);
  const kept = stack.snapshot();
  stack.reset(Uint8Array.of(0, 0));
  assert.deepEqual([...kept], [5, 7, 9, 11, 6, 8, 10, 12], "a snapshot is a copy");
  assert.throws(() => stack.push(Uint8Array.of(1)), /1 pixels does not fit a stack of 2-pixel frames/);
});
