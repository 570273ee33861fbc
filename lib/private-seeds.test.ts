import assert from "node:assert/strict";
import { after, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/testing/platform/database";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { benchmarkVersionSecrets } from "@/db/schema";
import { glyphs5way1shot } from "@/benchmarks/builtin/glyphs";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { createRng } from "@/lib/core/random";
import { atariSpecSchema } from "./benchmark-spec";
import { agentSeed, drawVersionSecrets, hasSecretPrivateSeeds, runSeed } from "./private-seeds";

const database = await createTestDatabase();
after(() => database.drop());

/** Random bytes from a seeded generator: the draw is a pure function of its source. */
function bytesFrom(seed: number) {
  const rng = createRng(seed);
  return (size: number) => Buffer.from(Array.from({ length: size }, () => rng.int(256)));
}

test("a secret-seeded spec gets its private seeds from the random source, apart from the public seeds and each other", () => {
  const spec = atariSpecSchema.parse({
    ...atariDemo.spec,
    partitions: { public: { seeds: [1, 2] }, private: { runs: 4 } },
  });
  const secrets = drawVersionSecrets(spec, bytesFrom(7))!;
  assert.ok("seeds" in secrets.private);
  assert.equal(secrets.private.seeds.length, 4);
  assert.equal(new Set([...secrets.private.seeds, 1, 2]).size, 6);
  for (const seed of secrets.private.seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31 - 1);
  assert.deepEqual(drawVersionSecrets(spec, bytesFrom(7)), secrets, "same source, same draw");
  assert.notDeepEqual(drawVersionSecrets(spec, bytesFrom(8)), secrets);
  assert.equal(secrets.agentKey.length, 64);
  // A source that keeps repeating a public seed is drawn again, not accepted.
  const stuck = [0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 9, 0, 0, 0, 11, 0, 0, 0, 13, 0, 0, 0, 15];
  let at = 0;
  const replay = (size: number) => Buffer.from(Array.from({ length: size }, () => stuck[at++ % stuck.length]!));
  const drawn = drawVersionSecrets(
    atariSpecSchema.parse({ ...spec, partitions: { public: { seeds: [1] }, private: { runs: 2 } } }),
    replay,
  )!;
  assert.deepEqual(drawn.private, { seeds: [4, 5] });
});

test("a version whose spec names its private seeds has no secrets, and its agents keep the run's seed", () => {
  const spec = atariSpecSchema.parse({
    ...atariDemo.spec,
    partitions: { public: { seeds: [1] }, private: { seeds: [101] } },
  });
  assert.equal(hasSecretPrivateSeeds(spec), false);
  assert.equal(drawVersionSecrets(spec), null);
  assert.equal(agentSeed(null, "Pong/101", 101), 101);
  assert.equal(runSeed({ seed: 101 }, null), 101);
  assert.throws(() => runSeed({ privateRun: 1 }, null), /no secret private seeds/);
});

test("the agent's seed is an HMAC of the unit under the version's key: unrelated to the environment's seed, different per unit", () => {
  const secrets = drawVersionSecrets(atariDemo.spec, bytesFrom(3))!;
  const seeds = ["Pong/1", "Pong/private-1", "Breakout/1"].map((key) => agentSeed(secrets, key, 1));
  assert.equal(new Set(seeds).size, 3);
  assert.ok(
    !seeds.includes(1) && !("seeds" in secrets.private && secrets.private.seeds.some((s) => seeds.includes(s))),
  );
  const other = drawVersionSecrets(atariDemo.spec, bytesFrom(4))!;
  assert.notEqual(agentSeed(other, "Pong/1", 1), seeds[0], "another installation's agents get other seeds");
});

test("creating a version draws its secrets once, stored apart from the spec; another installation draws others", async () => {
  const first = await upsertBenchmark(database.db, glyphs5way1shot);
  assert.deepEqual(first.version.spec.partitions.private, { episodes: 600 });
  const rows = await database.db
    .select()
    .from(benchmarkVersionSecrets)
    .where(eq(benchmarkVersionSecrets.versionId, first.version.id));
  assert.equal(rows.length, 1);
  assert.ok("seed" in rows[0]!.secrets.private && Number.isInteger(rows[0]!.secrets.private.seed));
  assert.doesNotMatch(
    JSON.stringify(first.version),
    new RegExp(`\\b${"seed" in rows[0]!.secrets.private ? rows[0]!.secrets.private.seed : "x"}\\b`),
  );
  // Seeding again with the same definition adds no version and keeps the secrets.
  const again = await upsertBenchmark(database.db, glyphs5way1shot);
  assert.equal(again.version.id, first.version.id);
  assert.deepEqual(
    (await database.db.select().from(benchmarkVersionSecrets)).map((r) => r.secrets),
    rows.map((r) => r.secrets),
  );
  const elsewhere = await createTestDatabase();
  try {
    const theirs = await upsertBenchmark(elsewhere.db, glyphs5way1shot);
    const [their] = await elsewhere.db
      .select()
      .from(benchmarkVersionSecrets)
      .where(eq(benchmarkVersionSecrets.versionId, theirs.version.id));
    assert.notDeepEqual(their!.secrets, rows[0]!.secrets);
  } finally {
    await elsewhere.drop();
  }
});
