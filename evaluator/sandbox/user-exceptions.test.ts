import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFailure, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("an exception thrown by adapt() reaches the driver with its message, and its stack reaches the log", async () => {
  const bundle = await learnerBundle(
    `export default () => ({ adapt() { throw new RangeError("boom 42"); }, predict() {} });`,
  );
  try {
    const run = await runOneEpisode(bundle);
    assertFailure(run, "exception", /^Your code threw an error: boom 42$/);
    assert.match(run.session.log(), /RangeError: boom 42\n\s+at .*\(file:\/\/\/bundle\/learner\.mjs:1:/);
  } finally {
    await bundle.remove();
  }
});

test("a rejected promise nobody awaited still fails the evaluation", async () => {
  const bundle = await learnerBundle(
    `export default () => ({ adapt() { Promise.reject(new Error("forgotten")); return new Promise(() => {}); }, predict() {} });`,
  );
  try {
    assertFailure(await runOneEpisode(bundle), "exception", /forgotten/);
  } finally {
    await bundle.remove();
  }
});

test("an entry module without a factory fails at init with a message saying what is expected", async () => {
  const bundle = await learnerBundle(`export const learner = {};`);
  try {
    assertFailure(
      await runOneEpisode(bundle),
      "exception",
      /learner\.mjs must default-export a factory function \(ctx\) => learner/,
    );
  } finally {
    await bundle.remove();
  }
});

test("predict() returning something that is not probabilities is refused with what it returned", async () => {
  const bundle = await learnerBundle(`export default () => ({ adapt() {}, predict() { return "cat"; } });`);
  try {
    assertFailure(
      await runOneEpisode(bundle),
      "exception",
      /predict\(\) must return a Tensor2D, number\[\]\[\] or Float32Array; it returned a string/,
    );
  } finally {
    await bundle.remove();
  }
});
