import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { type TestPlatform, createTestPlatform } from "@/testing/platform/submission-loop";
import { ensurePhase } from "../../db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { submissions } from "../../db/schema";
import { DEFAULT_PHASE, queueBaselines } from "./seed";

// An Atari benchmark created through queueBaselines (as an organizer's is) gets the Atari baselines, and only those.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

test("a created Atari benchmark gets the random and DrQ(ε) baselines queued once, and no other track's", async () => {
  const { benchmark } = await upsertBenchmark(platform.db, atariDemo);
  await ensurePhase(platform.db, benchmark.id, { ...DEFAULT_PHASE });
  const slug = atariDemo.slug;
  const first = await queueBaselines({ db: platform.db, queue: platform.queue, store: platform.store, slug });
  assert.deepEqual([...first.queued].sort(), [`${slug}/atari-drq`, `${slug}/atari-random`]);
  for (const name of ["random", "protonet-conv4", "metaworld-random", "metaworld-cem"])
    assert.ok(first.skipped.includes(`${slug}/${name}`), `${name} skipped`);

  const rows = await platform.db.select().from(submissions).where(eq(submissions.benchmarkId, benchmark.id));
  assert.deepEqual(rows.map((r) => r.name).sort(), ["atari-drq", "atari-random"]);
  assert.ok(rows.every((r) => r.isBaseline && r.status === "queued"));

  const again = await queueBaselines({ db: platform.db, queue: platform.queue, store: platform.store, slug });
  assert.deepEqual(again.queued, []);
});
