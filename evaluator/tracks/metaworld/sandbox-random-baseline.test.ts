import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { MANIFEST_FILE } from "../../protocol/manifest";
import { loadAgentFactory } from "./local-agent";
import { runInSandbox, runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

const baseline = path.resolve(import.meta.dirname, "../../../benchmarks/baselines/metaworld-random");

test("the random baseline runs end to end in the sandbox and scores exactly as the same agent run in process", async () => {
  const spec = smallSpec({ goalsPerTask: 2, adaptationEpisodes: 1, evaluationEpisodes: 2, maxEpisodeSteps: 25 });
  const manifest = JSON.parse(await readFile(path.join(baseline, MANIFEST_FILE), "utf8"));
  const run = await runInSandbox(spec, "reach-v3", 3, { dir: baseline, manifest });
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 2);
  for (const row of run.rows!) {
    assert.equal(row.task, "reach-v3");
    assert.ok(
      Number.isFinite(row.metrics.return) && row.metrics.return! > 0,
      "Meta-World's reward is positive at every step",
    );
    assert.ok(row.metrics.success! >= 0 && row.metrics.success! <= 1);
  }
  assert.equal(
    run.sent.filter((m) => m.type === "act" && m.episodeStart).length,
    2 * 3,
    "one episode start per adaptation and evaluation episode",
  );

  const { factory, options } = await loadAgentFactory(baseline);
  assert.deepEqual(run.rows, await runWithAgent(spec, "reach-v3", 3, factory, { options }));
});
