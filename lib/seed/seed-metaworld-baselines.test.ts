import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { ensurePhase } from "../../db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { benchmarks, submissions } from "../../db/schema";
import { DEFAULT_PHASE, queueBaselines, seedPlatform } from "./seed";

// Meta-World benchmarks are not seeded (hours of CPU per submission); one an organizer creates gets the Meta-World
// baselines, and only those.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

test("a created Meta-World benchmark gets the Meta-World baselines queued once, and the seeder creates none", async () => {
  const seeded = await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  assert.ok(
    !seeded.benchmarks.some((slug) => slug.startsWith("metaworld-")),
    "no Meta-World benchmark is seeded at start",
  );
  const metaworldSubmissionsBefore = (await platform.db.select().from(submissions)).filter((s) =>
    s.name.startsWith("metaworld-"),
  );
  assert.deepEqual(metaworldSubmissionsBefore, [], "the Meta-World baselines go to no few-shot benchmark");

  const definition = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml1-reach")!;
  const { benchmark } = await upsertBenchmark(platform.db, definition);
  await ensurePhase(platform.db, benchmark.id, { ...DEFAULT_PHASE });
  const first = await queueBaselines({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    slug: definition.slug,
  });
  assert.deepEqual([...first.queued].sort(), [
    "metaworld-ml1-reach/metaworld-cem",
    "metaworld-ml1-reach/metaworld-random",
  ]);
  for (const name of ["random", "protonet-conv4", "finetune-conv4"])
    assert.ok(first.skipped.includes(`metaworld-ml1-reach/${name}`), `${name} skipped`);

  const rows = await platform.db.select().from(submissions).where(eq(submissions.benchmarkId, benchmark.id));
  assert.deepEqual(rows.map((r) => r.name).sort(), ["metaworld-cem", "metaworld-random"]);
  assert.ok(rows.every((r) => r.isBaseline && r.status === "queued"));

  const again = await queueBaselines({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    slug: definition.slug,
  });
  assert.deepEqual(again.queued, []);
  assert.equal(
    (await platform.db.select().from(submissions).where(eq(submissions.benchmarkId, benchmark.id))).length,
    2,
  );
});

test("queueing baselines for a benchmark that does not exist is refused by name", async () => {
  await assert.rejects(
    queueBaselines({ db: platform.db, queue: platform.queue, store: platform.store, slug: "no-such-benchmark" }),
    /No benchmark 'no-such-benchmark'/,
  );
  assert.equal((await platform.db.select().from(benchmarks).where(eq(benchmarks.slug, "no-such-benchmark"))).length, 0);
});
