import assert from "node:assert/strict";
import { test } from "node:test";
import { UserCodeError } from "../../../lib/core/errors";
import { metaworldAgentBundle, runInSandbox, smallSpec } from "@/testing/tracks/metaworld";

/** Runs an agent whose act() body is `act` (with `step` counting calls) in a real sandbox; returns its failure. */
async function failure(act: string, callSeconds = 30): Promise<UserCodeError> {
  const bundle = await metaworldAgentBundle(
    `export default () => { let step = 0; return { async act() { step++; ${act} }, observe() {} }; };`,
  );
  try {
    const base = smallSpec();
    const run = await runInSandbox(smallSpec({ limits: { ...base.limits, callSeconds } }), "reach-v3", 1, bundle);
    assert.ok(run.error instanceof UserCodeError, `expected a UserCodeError, got ${String(run.error)}\n${run.log}`);
    return run.error;
  } finally {
    await bundle.remove();
  }
}

const cases: { name: string; act: string; reason: string; message: RegExp; callSeconds?: number }[] = [
  {
    name: "a NaN in an action",
    act: `return step === 7 ? [0, NaN, 0, 0] : [0, 0, 0, 0];`,
    reason: "output",
    message: /goal 0, adaptation episode 1, step 7: act\(\) must return 4 finite numbers .*value 1 is NaN/,
  },
  {
    name: "an infinite value in a tensor",
    act: `return new Float32Array([0, 0, -Infinity, 0]);`,
    reason: "output",
    message: /step 1: .*value 2 is -Infinity/,
  },
  {
    name: "an action of the wrong length",
    act: `return [0, 0, 0];`,
    reason: "output",
    message: /step 1: .*it returned 3 values/,
  },
  {
    name: "a string action",
    act: `return "up";`,
    reason: "output",
    message: /step 1: .*it returned a string \("up"\)/,
  },
  { name: "no action at all", act: `return;`, reason: "output", message: /step 1: .*it returned undefined/ },
  {
    name: "an array holding a non-number",
    act: `return [0, 0, null, 0];`,
    reason: "output",
    message: /it returned an array whose value 2 is null/,
  },
  {
    name: "an exception",
    act: `if (step === 3) throw new Error("no policy yet"); return [0, 0, 0, 0];`,
    reason: "exception",
    message: /act\(\) threw: no policy yet/,
  },
  {
    name: "a step slower than the per-call limit",
    act: `if (step === 4) await new Promise((r) => setTimeout(r, 5000)); return [0, 0, 0, 0];`,
    reason: "timeout",
    message: /No reply to "observe" within the 1 s per-call limit/,
    callSeconds: 1,
  },
];

for (const c of cases) {
  test(`an agent with ${c.name} fails in the sandbox with reason ${c.reason}`, async () => {
    const error = await failure(c.act, c.callSeconds);
    assert.equal(error.reason, c.reason, error.message);
    assert.match(error.message, c.message);
  });
}

test("a bundle whose factory makes no agent fails at init, saying what is missing", async () => {
  const bundle = await metaworldAgentBundle(`export default () => ({ act() { return [0, 0, 0, 0]; } });`);
  try {
    const run = await runInSandbox(smallSpec(), "reach-v3", 1, bundle);
    assert.ok(run.error instanceof UserCodeError, String(run.error));
    assert.equal(run.error.reason, "exception");
    assert.match(run.error.message, /the factory must return an object with act\(\) and observe\(\) methods/);
    assert.deepEqual(
      run.sent.map((m) => m.type),
      ["init"],
    );
  } finally {
    await bundle.remove();
  }
});
