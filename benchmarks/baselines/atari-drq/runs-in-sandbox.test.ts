import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkedEnv } from "@/evaluator/envs/checked-env";
import { createCatch } from "@/evaluator/envs/native/catch";
import { launchSandbox } from "@/evaluator/sandbox";
import { rlManifestSchema } from "@/evaluator/tracks/atari/definition/manifest";
import { play } from "@/evaluator/tracks/atari/play";

const dir = import.meta.dirname;
const shipped = rlManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8")));

/**
 * The shipped agent in the real sandbox on WASM (the backend of a host without native TensorFlow), on the native
 * Catch game: 120 learning steps with updates from step 64 and a loss report every 40 steps, then two evaluation
 * games. Whether it learns is checked by bench/atari-drq-catch.ts (thousands of updates).
 */
test("the DrQ(ε) agent learns with Adam updates inside the sandbox on WASM and then plays evaluation games", async () => {
  const manifest = { ...shipped, options: { minReplay: 64, epsilonDecaySteps: 50, logEvery: 40 } };
  const limits = { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 };
  const session = await launchSandbox({ bundleDir: dir, limits, backend: "wasm" });
  try {
    assert.equal(session.hello.backend, "wasm");
    const learningSteps = 120;
    const task = {
      track: "atari",
      game: "Catch",
      actions: 3,
      actionMeanings: [],
      observationShape: [84, 84, 4],
      learningSteps,
      seed: 2,
    };
    assert.equal((await session.request({ type: "init", manifest, task })).header.type, "ready");
    const result = await play({
      env: checkedEnv(createCatch({ lives: 2 }), "Catch"),
      session,
      learningSteps,
      evalEpisodes: 2,
      maxEpisodeSteps: 300,
      seed: 2,
      evalEpsilon: 0,
      timeoutMs: 30_000,
      signal: new AbortController().signal,
      onReport: () => {},
    });
    assert.equal(result.evaluation.length, 2);
    assert.ok(result.evaluation.every((e) => Number.isInteger(e.return) && e.return >= -2 && e.steps > 0));
    const exit = await session.close();
    assert.equal(exit.failure, undefined, session.log());
    // Updates ran from step 64: two loss reports, every one finite.
    const losses = [...session.log().matchAll(/step (\d+): ε ([\d.]+), mean loss (\S+) over (\d+) updates/g)];
    assert.deepEqual(
      losses.map((m) => Number(m[1])),
      [80, 120],
      session.log(),
    );
    assert.deepEqual(
      losses.map((m) => Number(m[4])),
      [17, 40],
    );
    assert.ok(
      losses.every((m) => Number.isFinite(Number(m[3]))),
      session.log(),
    );
  } finally {
    await session.close();
  }
});
