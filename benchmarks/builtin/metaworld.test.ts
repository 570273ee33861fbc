import assert from "node:assert/strict";
import { test } from "node:test";
import { benchmarkSpecSchema } from "../../lib/benchmark-spec";
import { definitionFor } from "../../evaluator/tracks/definitions";
import { METAWORLD_BENCHMARKS, metaworldDemo } from "./metaworld";
import { ML45_TEST_TASKS, MT10_TASKS } from "../../evaluator/tracks/metaworld/definition/tasks";
import { planMetaWorldUnits } from "../../evaluator/tracks/metaworld/definition/units";

test("the built-in benchmarks cover ML1, ML10, ML45 and MT10 with the reference budgets", () => {
  const by = Object.fromEntries(METAWORLD_BENCHMARKS.map((b) => [b.slug, b.spec]));
  assert.deepEqual(Object.keys(by), [
    "metaworld-ml1-reach",
    "metaworld-ml1-push",
    "metaworld-ml1-pick-place",
    "metaworld-ml10",
    "metaworld-ml45",
    "metaworld-mt10",
  ]);
  assert.equal(
    planMetaWorldUnits(by["metaworld-ml45"]!).filter((u) => u.partition === "public").length,
    ML45_TEST_TASKS.length * 3,
  );
  assert.equal(
    planMetaWorldUnits(by["metaworld-mt10"]!).filter((u) => u.partition === "public").length,
    MT10_TASKS.length * 3,
  );
  assert.equal(by["metaworld-mt10"]!.adaptationEpisodes, 0);
});

test("every definition is a valid benchmark spec of the shared schema, planned by the registered Meta-World track", () => {
  for (const definition of [...METAWORLD_BENCHMARKS, metaworldDemo]) {
    const parsed = benchmarkSpecSchema.parse(JSON.parse(JSON.stringify(definition.spec)));
    assert.deepEqual(parsed, definition.spec, definition.slug);
    assert.equal(definition.track, parsed.track);
    assert.ok(definitionFor(parsed).planUnits(parsed).length > 0, definition.slug);
  }
});

test("the ML10 and ML45 definitions follow the reference meta-test: 40 goals, 10 adaptation and 3 evaluation episodes of 500 steps", () => {
  for (const slug of ["metaworld-ml10", "metaworld-ml45"]) {
    const spec = METAWORLD_BENCHMARKS.find((b) => b.slug === slug)!.spec;
    const { goalsPerTask, adaptationEpisodes, evaluationEpisodes, maxEpisodeSteps, goals, protocol } = spec;
    assert.deepEqual(
      { goalsPerTask, adaptationEpisodes, evaluationEpisodes, maxEpisodeSteps, goals, protocol },
      {
        goalsPerTask: 40,
        adaptationEpisodes: 10,
        evaluationEpisodes: 3,
        maxEpisodeSteps: 500,
        goals: "official-v1",
        protocol: "metaworld-meta-test/v1",
      },
      slug,
    );
  }
});

test("the demo board is ML1 reach at a small budget, one run per partition, and says it is not the published protocol", () => {
  const { spec } = metaworldDemo;
  assert.deepEqual(
    planMetaWorldUnits(spec).map((u) => `${u.partition}:${u.key}`),
    ["public:reach-v3/1", "private:reach-v3/private-1"],
  );
  assert.deepEqual(
    [spec.benchmark, spec.task, spec.goalsPerTask, spec.adaptationEpisodes, spec.evaluationEpisodes],
    ["ML1", "reach-v3", 10, 10, 3],
  );
  assert.match(metaworldDemo.title, /demo.*not the published protocol/);
  assert.match(metaworldDemo.summary, /^A quick demonstration of the Meta-World track, not the published protocol/);
  assert.match(
    metaworldDemo.about,
    /^A quick demonstration of the Meta-World track, not the published meta-test protocol/,
  );
  assert.match(metaworldDemo.about, /each of its first 10 goals/);
  assert.match(metaworldDemo.about, /the public partition uses seed 1; the private partition's seed is drawn/);
  assert.match(
    METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!.about,
    /first 40 goals.*seeds 1, 2 and 3; the private partition's 3 seeds are/s,
  );
});
