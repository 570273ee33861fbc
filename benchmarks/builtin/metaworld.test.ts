import assert from "node:assert/strict";
import { test } from "node:test";
import { benchmarkSpecSchema } from "../../lib/benchmark-spec";
import { definitionFor } from "../../evaluator/tracks/definitions";
import { METAWORLD_BENCHMARKS } from "./metaworld";
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
  for (const definition of METAWORLD_BENCHMARKS) {
    const parsed = benchmarkSpecSchema.parse(JSON.parse(JSON.stringify(definition.spec)));
    assert.deepEqual(parsed, definition.spec, definition.slug);
    assert.equal(definition.track, parsed.track);
    assert.ok(definitionFor(parsed).planUnits(parsed).length > 0, definition.slug);
  }
});
