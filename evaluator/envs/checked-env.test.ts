import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformError } from "../../lib/core/errors";
import { checkAction, checkedEnv, InvalidActionError } from "./checked-env";
import { createCatch } from "./native/catch";
import type { Env } from "./types";

test("actions outside the space are refused before they reach the environment", async () => {
  const env = checkedEnv(createCatch(), "Catch");
  await env.reset({ seed: 0 });
  for (const bad of [3, -1, 1.5, Number.NaN, [1]]) await assert.rejects(env.step(bad), InvalidActionError);
  await env.step(2);
  assert.throws(
    () => checkAction({ kind: "box", shape: [2], low: [-1, -1], high: [1, 1] }, [0, Number.NaN]),
    /component 1 \(NaN\)/,
  );
  assert.throws(
    () => checkAction({ kind: "box", shape: [2], low: [-1, -1], high: [1, 1] }, [0, 2]),
    /component 1 \(2\)/,
  );
  checkAction({ kind: "box", shape: [2], low: [-1, -1], high: [1, 1] }, [1, -1]);
});

test("no step before reset or after the episode ended", async () => {
  const env = checkedEnv(createCatch({ lives: 1 }), "Catch");
  await assert.rejects(env.step(0), /before reset\(\) or after the episode ended/);
  await env.reset({ seed: 0 });
  let result;
  do result = await env.step(0);
  while (!result.terminated);
  await assert.rejects(env.step(0), /after the episode ended/);
});

test("NaN observations, wrong sizes and non-finite rewards from an environment are platform errors", async () => {
  const broken = (observation: Float32Array, reward = 0): Env => ({
    observationSpace: { shape: [2], dtype: "float32" },
    actionSpace: { kind: "discrete", n: 2 },
    reset: async () => ({ observation: new Float32Array(2), info: {} }),
    step: async () => ({ observation, reward, terminated: false, truncated: false, info: {} }),
    close: async () => {},
  });
  const cases: [Env, RegExp][] = [
    [broken(Float32Array.of(0, Number.NaN)), /non-finite observation value \(NaN\) at 1 from step/],
    [broken(new Float32Array(3)), /returned 3 observation values from step; its space \[2\] holds 2/],
    [broken(new Float32Array(2), Number.POSITIVE_INFINITY), /non-finite reward \(Infinity\)/],
  ];
  for (const [inner, message] of cases) {
    const env = checkedEnv(inner, "Broken");
    await env.reset();
    await assert.rejects(
      env.step(0),
      (error: unknown) => error instanceof PlatformError && message.test(error.message),
    );
  }
});
