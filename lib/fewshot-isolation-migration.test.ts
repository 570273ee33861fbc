import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/testing/platform/database";
import { benchmarkSpecSchema } from "@/lib/benchmark-spec";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

const database = await createTestDatabase();
after(() => database.drop());
const migration = readFileSync(
  path.resolve(import.meta.dirname, "../db/migrations/0014_fewshot_isolation_explicit.sql"),
  "utf8",
);

const add = async (slug: string, spec: object) =>
  (
    await upsertBenchmark(database.db, {
      slug,
      title: slug,
      track: "fewshot",
      summary: "",
      about: "",
      synthetic: true,
      spec: benchmarkSpecSchema.parse(spec),
    })
  ).version.id;
const storedSpec = async (id: string) =>
  (
    (await database.db.execute(sql`select spec from benchmark_versions where id = ${id}`)) as unknown as {
      spec: Record<string, unknown>;
    }[]
  )[0]!.spec;

test("migration 0012: a few-shot version stored before `isolation` keeps answering a partition from one sandbox", async () => {
  const before = await add("stored-before", smallFewshotSpec());
  // As stored before the field existed.
  await database.db.execute(
    sql`update benchmark_versions set spec = spec - 'isolation' - 'replays' where id = ${before}`,
  );
  const read = benchmarkSpecSchema.parse(await storedSpec(before));
  assert.equal(read.track === "fewshot" && read.isolation, "task", "without the field, a spec now means task");
  const explicit = await add("explicit-task", smallFewshotSpec({ isolation: "task" }));

  await database.db.execute(sql.raw(migration));

  const migrated = benchmarkSpecSchema.parse(await storedSpec(before));
  assert.equal(migrated.track === "fewshot" && migrated.isolation, "partition");
  const untouched = benchmarkSpecSchema.parse(await storedSpec(explicit));
  assert.equal(untouched.track === "fewshot" && untouched.isolation, "task");

  // The definition, refreshed (as built-in benchmarks are), now says task: a new version; the stored one stays.
  const refreshed = await add("stored-before", smallFewshotSpec());
  assert.notEqual(refreshed, before);
  const current = benchmarkSpecSchema.parse(await storedSpec(refreshed));
  assert.equal(current.track === "fewshot" && current.isolation, "task");
  assert.equal((benchmarkSpecSchema.parse(await storedSpec(before)) as { isolation: string }).isolation, "partition");
});
