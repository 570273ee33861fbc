import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { UserCodeError } from "../../../lib/core/errors";
import { checkedEnv } from "../../envs/checked-env";
import { createCatch } from "../../envs/native/catch";
import { tinyEmbeddingModel } from "@/testing/models/tiny-models";
import { runAtariUnit } from "./driver";
import { play } from "./play";
import { atariSpecSchema } from "./definition/spec";
import { launchRlSandbox, rlBundle, type RlTestBundle } from "@/testing/tracks/atari";

/** A layers model mapping [84, 84, 4] to 4 scores: a policy for Breakout's 4 actions. */
const { files, model } = await tinyEmbeddingModel([84, 84, 4]);
const bundle: RlTestBundle = await rlBundle(
  { name: "tiny-policy", track: "atari", kind: "policy", model: "model/model.json" },
  files,
);
after(() => bundle.remove());

test("a policy bundle plays evaluation episodes on the real ALE without learning", async () => {
  const spec = atariSpecSchema.parse({
    track: "atari",
    games: ["Breakout"],
    partitions: { public: { seeds: [0] }, private: { seeds: [] } },
    evalEpisodes: 1,
    kinds: ["policy"],
  });
  const session = await launchRlSandbox(bundle);
  try {
    const rows = await runAtariUnit({
      spec,
      unit: { key: "Breakout/0", partition: "public" },
      manifest: bundle.manifest,
      session,
      onProgress() {},
      signal: new AbortController().signal,
    });
    assert.equal(rows.length, 1, "one evaluation episode and no learning episodes");
    assert.equal(rows[0]!.task, "Breakout");
    assert.ok(rows[0]!.metrics.steps! > 0);
  } finally {
    await session.close();
  }
});

test("the policy acts by argmax of its scores on the stacked frames (0–255 floats)", async () => {
  const session = await launchRlSandbox(bundle);
  try {
    await session.request({
      type: "init",
      manifest: bundle.manifest,
      task: {
        track: "atari",
        game: "Test",
        actions: 4,
        actionMeanings: [],
        observationShape: [84, 84, 4],
        learningSteps: 0,
        seed: 0,
      },
    });
    for (let k = 0; k < 5; k++) {
      const frame = Uint8Array.from({ length: 84 * 84 }, (_, i) => (i * (k + 3) * 7) % 256);
      const reply = await session.request(
        { type: "act", episodeStart: true },
        { frame: { dtype: "uint8", shape: [84, 84], data: frame } },
      );
      // At an episode start all 4 stacked frames are this frame.
      const stacked = tf.tensor(
        Float32Array.from({ length: 84 * 84 * 4 }, (_, i) => frame[i >> 2]!),
        [1, 84, 84, 4],
      );
      const expected = (model.predict(stacked) as tf.Tensor).argMax(1).dataSync()[0];
      assert.equal(reply.header.action, expected);
    }
  } finally {
    await session.close();
  }
});

test("a policy with the wrong number of scores fails with a clear reason", async () => {
  const session = await launchRlSandbox(bundle);
  let error: unknown;
  try {
    await session.request({
      type: "init",
      manifest: bundle.manifest,
      task: {
        track: "atari",
        game: "Catch",
        actions: 3,
        actionMeanings: [],
        observationShape: [84, 84, 4],
        learningSteps: 0,
        seed: 0,
      },
    });
    await play({
      env: checkedEnv(createCatch(), "Catch"),
      session,
      learningSteps: 0,
      evalEpisodes: 1,
      maxEpisodeSteps: 100,
      seed: 0,
      evalEpsilon: 0.001,
      timeoutMs: 10_000,
      signal: new AbortController().signal,
      onReport() {},
    });
  } catch (caught) {
    error = caught;
  } finally {
    await session.close();
  }
  assert.ok(error instanceof UserCodeError, String(error));
  assert.match(error.message, /the policy model returned 4 scores of shape \[1,4\]; expected 3 \(one per action\)/);
});
