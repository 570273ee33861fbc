import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { ensurePhase } from "../../db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { benchmarks, submissions } from "../../db/schema";
import { DEFAULT_PHASE, queueBaselines, seedPlatform } from "./seed";

// Of the Meta-World benchmarks only ML10, ML45 and the demo board are seeded; one an organizer creates (the full ML1
// reach here) gets the Meta-World baselines, and only those.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

test("a created Meta-World benchmark gets the Meta-World baselines queued once; the seeder gives them to Meta-World boards only", async () => {
  const seeded = await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  assert.deepEqual(
    seeded.benchmarks.filter((slug) => slug.startsWith("metaworld-")),
    ["metaworld-demo-ml1-reach", "metaworld-ml10", "metaworld-ml45"],
  );
  const trackOf = new Map((await platform.db.select().from(benchmarks)).map((b) => [b.id, b.track]));
  const metaworldSubmissionsBefore = (await platform.db.select().from(submissions)).filter((s) =>
    s.name.startsWith("metaworld-"),
  );
  assert.equal(metaworldSubmissionsBefore.length, 2 * 3, "two baselines on each seeded Meta-World board");
  assert.ok(
    metaworldSubmissionsBefore.every((s) => trackOf.get(s.benchmarkId) === "metaworld"),
    "the Meta-World baselines go to no other track's benchmark",
  );

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
