import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { benchmarkSpecSchema, type MetaWorldSpec } from "@/lib/benchmark-spec";
import { createTestDatabase } from "@/testing/platform/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(async () => database.drop());

const stored = (benchmark: string) => ({
  track: "metaworld",
  protocol: "metaworld-meta-test/v1",
  benchmark,
  partitions: { public: { seeds: [1] }, private: { runs: 1 } },
  goals: "official-v1",
  isolation: "task",
  goalsPerTask: 40,
  adaptationEpisodes: 10,
  evaluationEpisodes: 3,
  maxEpisodeSteps: 500,
  kinds: ["agent"],
  limits: { wallSeconds: 600, memoryMb: 4096, callSeconds: 60 },
});

test("migration 0012: versions stored before `observation` keep the plain 39 numbers, MT10's too; new MT10 specs get the one-hot id", async () => {
  const { sql } = database;
  const [benchmark] =
    await sql`insert into benchmarks (id, slug, title, track) values ('b1', 'mw', 'MW', 'metaworld') returning id`;
  const specs = { 1: stored("MT10"), 2: stored("ML10"), 3: { ...stored("ML10"), observation: "rl2" } };
  for (const [version, spec] of Object.entries(specs)) {
    await sql`insert into benchmark_versions (id, benchmark_id, version, spec) values (${`v${version}`}, ${benchmark!.id}, ${Number(version)}, ${JSON.stringify(spec)}::jsonb)`;
  }
  // The migration already ran on this database (before these rows existed): run its statement again over them.
  await sql.unsafe(
    await readFile(
      path.join(import.meta.dirname, "..", "db", "migrations", "0012_metaworld_observation_explicit.sql"),
      "utf8",
    ),
  );
  const rows = await sql<
    { version: number; spec: MetaWorldSpec }[]
  >`select version, spec from benchmark_versions order by version`;
  assert.deepEqual(
    rows.map((r) => r.spec.observation),
    ["plain", "plain", "rl2"],
  );
  assert.deepEqual(
    rows.map((r) => (benchmarkSpecSchema.parse(r.spec) as MetaWorldSpec).observation),
    ["plain", "plain", "rl2"],
  );
  assert.equal((benchmarkSpecSchema.parse(stored("MT10")) as MetaWorldSpec).observation, "one-hot", "a new MT10 spec");
  assert.equal((benchmarkSpecSchema.parse(stored("ML10")) as MetaWorldSpec).observation, "plain", "a new ML10 spec");
});
