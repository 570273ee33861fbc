import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { loadAgentFactory } from "../../../evaluator/tracks/metaworld/local-agent";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

const here = import.meta.dirname;

test("the CEM baseline finds held-out ML1 reach goals from its adaptation episodes; the random baseline does not", async () => {
  const spec = smallSpec({ goalsPerTask: 3, adaptationEpisodes: 10, evaluationEpisodes: 1, maxEpisodeSteps: 200 });
  const score = async (dir: string) => {
    const { factory, options } = await loadAgentFactory(dir);
    const rows = await runWithAgent(spec, "reach-v3", 11, factory, { options });
    return rows.reduce((a, r) => a + r.metrics.success!, 0) / rows.length;
  };
  const cem = await score(here);
  const random = await score(path.join(here, "../metaworld-random"));
  assert.ok(cem >= 2 / 3, `CEM success ${cem}`);
  assert.equal(random, 0);
});

test("without adaptation episodes the CEM baseline has nothing to go on and holds the workspace centre", async () => {
  const { factory, options } = await loadAgentFactory(here);
  const rows = await runWithAgent(
    smallSpec({ goalsPerTask: 3, adaptationEpisodes: 0, evaluationEpisodes: 1, maxEpisodeSteps: 200 }),
    "reach-v3",
    11,
    factory,
    { options },
  );
  assert.equal(
    rows.reduce((a, r) => a + r.metrics.success!, 0),
    0,
  );
});
