import assert from "node:assert/strict";
import { after, test } from "node:test";
import { findBenchmarkBySlug, upsertBenchmark } from "@/lib/benchmark-versions";
import { createTestDatabase } from "@/testing/platform/database";
import { definitionFor } from "@/evaluator/tracks/definitions";
import { ATARI_GAME_NAMES, benchmarkSpecSchema } from "@/lib/benchmark-spec";
import { atari100k, atariDemo, ATARI_BENCHMARKS } from "./atari";

const database = await createTestDatabase();
after(() => database.drop());

test("Atari 100K: the 26 games, 5 public and 5 private runs each, the full budget and 100 evaluation games", () => {
  const spec = atari100k.spec;
  assert.ok(spec.track === "atari");
  assert.deepEqual(spec.games, [...ATARI_GAME_NAMES]);
  assert.equal(spec.games.length, 26);
  assert.deepEqual([spec.learningSteps, spec.evalEpisodes, spec.protocol], [100_000, 100, "atari-100k/v1"]);
  const units = definitionFor(spec).planUnits(spec);
  assert.equal(units.filter((u) => u.partition === "public").length, 26 * 5);
  assert.equal(units.filter((u) => u.partition === "private").length, 26 * 5);
  assert.equal(new Set(units.map((u) => u.key)).size, units.length, "every (game, seed) is one unit");
});

test("the demo board plays Pong and Boxing, one run per partition at a small budget, and says it is not Atari 100K", () => {
  const spec = atariDemo.spec;
  assert.ok(spec.track === "atari");
  assert.deepEqual(
    definitionFor(spec)
      .planUnits(spec)
      .map((u) => `${u.partition}:${u.key}`),
    ["public:Pong/1", "public:Boxing/1", "private:Pong/private-1", "private:Boxing/private-1"],
  );
  assert.deepEqual([spec.learningSteps, spec.evalEpisodes, spec.protocol], [2_000, 3, "atari-100k/v1"]);
  assert.match(atariDemo.title, /demo.*not Atari 100K/);
  assert.match(atariDemo.summary, /^A quick demonstration of the Atari track, not the published protocol/);
  assert.match(atariDemo.about, /^A quick demonstration of the Atari track, not the published Atari 100K protocol/);
  assert.match(atariDemo.about, /Its scores are not Atari 100K scores/);
  assert.match(atariDemo.about, /2,000 agent steps of learning/);
  assert.doesNotMatch(atari100k.about, /demonstration/);
});

test("an organizer can create both: their specs survive the database unchanged", async () => {
  for (const definition of ATARI_BENCHMARKS) {
    assert.deepEqual(benchmarkSpecSchema.parse(definition.spec), definition.spec);
    await upsertBenchmark(database.db, definition);
    const found = (await findBenchmarkBySlug(database.db, definition.slug))!;
    assert.equal(found.benchmark.track, "atari");
    assert.equal(found.benchmark.synthetic, false);
    assert.deepEqual(found.version.spec, definition.spec);
  }
});
