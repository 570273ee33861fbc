import assert from "node:assert/strict";
import { test } from "node:test";
import { UserCodeError } from "../../../lib/core/errors";
import { checkedEnv } from "../../envs/checked-env";
import { createCatch } from "../../envs/native/catch";
import type { RlTask } from "../../protocol/messages";
import { play } from "./play";
import { agentBundle, launchRlSandbox } from "@/testing/tracks/atari";

/** Runs `act` (the body of an agent's act method) on Catch until it fails; returns the error and the sandbox log. */
async function runHostile(act: string, callSeconds = 10): Promise<{ error: unknown; log: string }> {
  const bundle = await agentBundle(
    `export default () => { let step = 0; return { async act() { step++; ${act} }, observe() {} }; };`,
  );
  const session = await launchRlSandbox(bundle, { wallSeconds: 120, memoryMb: 1024, callSeconds });
  const task: RlTask = {
    track: "atari",
    game: "Catch",
    actions: 3,
    actionMeanings: [],
    observationShape: [84, 84, 4],
    learningSteps: 100,
    seed: 1,
  };
  let error: unknown;
  try {
    await session.request({ type: "init", manifest: bundle.manifest, task });
    await play({
      env: checkedEnv(createCatch(), "Catch"),
      session,
      learningSteps: 100,
      evalEpisodes: 1,
      maxEpisodeSteps: 1000,
      seed: 1,
      evalEpsilon: 0,
      timeoutMs: callSeconds * 1000,
      signal: new AbortController().signal,
      onReport() {},
    });
  } catch (caught) {
    error = caught;
  }
  await session.close();
  await bundle.remove();
  return { error, log: session.log() };
}

const cases: { name: string; act: string; reason: string; message: RegExp; callSeconds?: number }[] = [
  {
    name: "a string action",
    act: `return step < 3 ? 0 : "LEFT";`,
    reason: "output",
    message: /learning step 3: act\(\) must return an integer action in \[0, 3\); it returned a string \("LEFT"\)/,
  },
  {
    name: "an out-of-range action",
    act: `return 3;`,
    reason: "output",
    message: /learning step 1: .*it returned 3, out of range/,
  },
  { name: "a negative action", act: `return -1;`, reason: "output", message: /it returned -1, out of range/ },
  { name: "a fractional action", act: `return 1.5;`, reason: "output", message: /it returned 1\.5$/ },
  { name: "NaN", act: `return step === 5 ? NaN : 1;`, reason: "output", message: /learning step 5: .*it returned NaN/ },
  { name: "no action at all", act: `return;`, reason: "output", message: /it returned undefined/ },
  {
    name: "a tensor instead of a number",
    act: `return { dataSync() { return [0]; } };`,
    reason: "output",
    message: /it returned an object \(Object\)/,
  },
  {
    name: "a step slower than the per-call limit",
    act: `if (step === 4) await new Promise((r) => setTimeout(r, 5000)); return 0;`,
    reason: "timeout",
    message: /No reply to "observe" within the 1 s per-call limit/,
    callSeconds: 1,
  },
  {
    name: "an exception",
    act: `if (step === 2) throw new Error("boom"); return 0;`,
    reason: "exception",
    message: /Your code threw an error: boom/,
  },
];

for (const c of cases) {
  test(`an agent returning ${c.name} fails with reason ${c.reason}`, async () => {
    const { error, log } = await runHostile(c.act, c.callSeconds);
    assert.ok(error instanceof UserCodeError, `expected a UserCodeError, got ${String(error)}\n${log}`);
    assert.equal(error.reason, c.reason, error.message);
    assert.match(error.message, c.message);
  });
}
