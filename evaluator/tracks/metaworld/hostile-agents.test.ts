import assert from "node:assert/strict";
import { test } from "node:test";
import { UserCodeError } from "../../../lib/core/errors";
import { readContinuousAction } from "./actions";
import type { MetaWorldAgentFactory } from "./local-agent";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

const actingWith =
  (action: (step: number) => unknown): MetaWorldAgentFactory =>
  () => {
    let step = 0;
    return { act: () => action(++step), observe() {} };
  };

async function failure(factory: MetaWorldAgentFactory): Promise<UserCodeError> {
  const error = await runWithAgent(smallSpec(), "reach-v3", 1, factory).then(
    () => assert.fail("the run should have failed"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UserCodeError, `expected a UserCodeError, got ${String(error)}`);
  return error;
}

test("a NaN in an action fails the run, naming the step and the value", async () => {
  const error = await failure(actingWith((step) => (step === 7 ? [0, Number.NaN, 0, 0] : [0, 0, 0, 0])));
  assert.equal(error.reason, "output");
  assert.match(
    error.message,
    /goal 0, adaptation episode 1, step 7: act\(\) must return 4 finite numbers .*value 1 is NaN/,
  );
});

test("an action of the wrong length or type fails the run", async () => {
  assert.match((await failure(actingWith(() => [0, 0, 0]))).message, /step 1: .*it returned 3 values/);
  assert.match((await failure(actingWith(() => "up"))).message, /step 1: .*it returned a string \("up"\)/);
  assert.match(
    (await failure(actingWith(() => [0, "1", 0, 0]))).message,
    /step 1: .*it returned an array whose value 1 is a string \("1"\)/,
  );
  assert.match((await failure(actingWith(() => undefined))).message, /step 1: .*it returned undefined/);
});

test("an agent that throws fails the run with its message", async () => {
  const error = await failure(() => ({
    act() {
      throw new Error("no policy yet");
    },
    observe() {},
  }));
  assert.equal(error.reason, "runtime");
  assert.match(error.message, /act\(\) threw: no policy yet/);
});

test("actions outside [-1, 1] are clipped, as Meta-World does; a reply that is not an action is refused", () => {
  const action = (values: number[]) => ({
    dtype: "float32" as const,
    shape: [values.length],
    data: Float32Array.from(values),
  });
  assert.deepEqual(
    readContinuousAction({ header: { type: "continuousAction" }, tensors: { action: action([3, -2, 0.5, 1]) } }, "s"),
    { returned: [3, -2, 0.5, 1], clipped: [1, -1, 0.5, 1] },
  );
  assert.throws(
    () => readContinuousAction({ header: { type: "observed" }, tensors: {} }, "goal 0, evaluation episode 1, step 1"),
    (e: unknown) => e instanceof UserCodeError && /step 1: expected an action reply, got "observed"/.test(e.message),
  );
});

test("a factory that returns no agent, or an agent with a hook that is not a method, fails the run clearly", async () => {
  assert.match(
    (await failure((() => null) as unknown as MetaWorldAgentFactory)).message,
    /must return an object with act\(\) and observe\(\) methods/,
  );
  const odd = (() => ({ act: () => [0, 0, 0, 0], observe() {}, adapt: 3 })) as unknown as MetaWorldAgentFactory;
  assert.match((await failure(odd)).message, /adapt of the agent must be a method/);
});
