import assert from "node:assert/strict";
import { test } from "node:test";
import { selectBackend } from "@/evaluator/runtime/backend";
import create, { DEFAULTS } from "./agent.mjs";

const task = { actions: 4, observationShape: [84, 84, 4] as [number, number, number], learningSteps: 10, seed: 1 };

test("options the agent does not know, or of the wrong type or range, are refused by name", async () => {
  const { tf } = await selectBackend({ prefer: "cpu" });
  const refused = (options: Record<string, unknown>, message: RegExp) =>
    assert.throws(() => create({ tf, options, task }), message);
  refused({ nsteps: 3 }, /unknown option "nsteps"; the options are gamma, nStep, /);
  refused({ learningRate: "1e-4" }, /option "learningRate" must be a finite number ≥ 0, got "1e-4"/);
  refused({ gamma: -0.5 }, /option "gamma" must be a finite number ≥ 0, got -0.5/);
  refused({ nStep: 2.5 }, /option "nStep" must be a whole number ≥ 1, got 2.5/);
  refused({ batchSize: 0 }, /option "batchSize" must be a whole number ≥ 1, got 0/);
  refused({ lifeLossIsTerminal: 1 }, /option "lifeLossIsTerminal" must be true or false, got 1/);
  assert.equal(tf.memory().numTensors, 0, "nothing is built before the options are checked");
});

test("the defaults are Dopamine's DrQ(ε) settings for Atari 100K", () => {
  assert.deepEqual(
    { ...DEFAULTS },
    {
      gamma: 0.99,
      nStep: 10,
      batchSize: 32,
      learningRate: 1e-4,
      adamEpsilon: 1.5e-4,
      minReplay: 1600,
      updatePeriod: 1,
      epsilonTrain: 0.01,
      epsilonEval: 0.001,
      epsilonDecaySteps: 5000,
      replayCapacity: 100_000,
      shiftPad: 4,
      intensityScale: 0.05,
      rewardClip: 1,
      lifeLossIsTerminal: true,
      logEvery: 5000,
    },
  );
});
