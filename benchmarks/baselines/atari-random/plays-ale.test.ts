import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runAtariUnit } from "@/evaluator/tracks/atari/driver";
import { rlManifestSchema } from "@/evaluator/tracks/atari/definition/manifest";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { atariSpecSchema } from "@/evaluator/tracks/atari/definition/spec";
import { launchRlSandbox } from "@/testing/tracks/atari";

const dir = import.meta.dirname;
const bundle = {
  dir,
  manifest: rlManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8"))),
  remove: async () => {},
};

/** The full protocol on the real ALE with a small budget: a short learning phase (nothing is learned), then two evaluation games. */
const spec = atariSpecSchema.parse({
  track: "atari",
  games: ["Breakout"],
  partitions: { public: { seeds: [3] }, private: { seeds: [] } },
  learningSteps: 300,
  evalEpisodes: 2,
  kinds: ["agent"],
  limits: { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 },
});

test("the shipped random agent plays Breakout through the sandbox for the budget and whole evaluation games", async () => {
  const session = await launchRlSandbox(bundle, spec.limits);
  try {
    const rows = await runAtariUnit({
      spec,
      unit: { key: "Breakout/3", partition: "public" },
      manifest: bundle.manifest,
      session,
      onProgress: () => {},
      signal: new AbortController().signal,
    });
    const evaluation = rows.filter((r) => r.index < LEARNING_ROW_OFFSET);
    assert.deepEqual(
      evaluation.map((r) => r.index),
      [0, 1],
    );
    // Dopamine's random score for Breakout is 1.7: a random paddle hits the ball a few times at most.
    for (const row of evaluation)
      assert.ok(
        row.metrics.return! >= 0 && row.metrics.return! <= 15 && row.metrics.steps! > 0,
        JSON.stringify(row.metrics),
      );
    const learning = rows.filter((r) => r.index >= LEARNING_ROW_OFFSET);
    assert.ok(learning.every((r) => r.metrics.step! <= 300));
    const exit = await session.close();
    assert.equal(exit.failure, undefined, session.log());
  } finally {
    await session.close();
  }
});
