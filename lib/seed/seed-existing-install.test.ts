import assert from "node:assert/strict";
import { createUser } from "@/testing/platform/fixtures";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { JOB_PRIORITY } from "@/lib/submissions/queue-evaluation";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { ensurePhase } from "../../db/queries/benchmarks";
import { benchmarks, benchmarkVersions, phases, submissions } from "../../db/schema";
import { DEFAULT_PHASE, queueBaselines, seedPlatform } from "./seed";

// An installation from before the RL boards were seeded, where an organizer had created ML10 from its definition (its
// baselines then queued at normal priority), gains the new boards on its next start, keeps ML10 as the organizer's,
// and its waiting ML10 baseline units move to the background.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

test("the next seed adds the missing boards, leaves an organizer's board as it is and moves its waiting baselines to the background", async () => {
  const organizer = await createUser(platform.db, { email: "olga@example.org", role: "organizer" });
  const ml10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!;
  const created = await upsertBenchmark(
    platform.db,
    { ...ml10, spec: { ...ml10.spec, goalsPerTask: 20 } },
    organizer.id,
  );
  await ensurePhase(platform.db, created.benchmark.id, { ...DEFAULT_PHASE });
  await queueBaselines({ db: platform.db, queue: platform.queue, store: platform.store, slug: ml10.slug });
  const priorities = async () =>
    [
      ...(await platform.db.execute<{ priority: number }>(sql`
      select j.priority from pgboss.job j join submissions s on s.id = j.data->>'submissionId'
      where s.benchmark_id = ${created.benchmark.id} and j.state = 'created'`)),
    ].map((r) => r.priority);
  assert.ok((await priorities()).every((p) => p === JOB_PRIORITY.baseline));
  // The organizer has since closed it: the seed must neither reopen it nor fail on it.
  await platform.db
    .update(phases)
    .set({ closesAt: new Date(Date.now() - 60_000) })
    .where(eq(phases.benchmarkId, created.benchmark.id));

  const lines: string[] = [];
  const report = await seedPlatform({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    log: (line) => lines.push(line),
  });
  for (const slug of ["atari-demo-pong-boxing", "metaworld-demo-ml1-reach", "atari-100k", "metaworld-ml45"]) {
    assert.ok(report.benchmarks.includes(slug), slug);
  }
  assert.ok(
    !report.baselinesQueued.some((label) => label.startsWith("metaworld-ml10/")),
    "ML10's baselines are not queued twice",
  );
  const versions = await platform.db
    .select()
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, created.benchmark.id));
  assert.equal(versions.length, 1, "the organizer's version stays the current one");
  const [row] = await platform.db.select().from(benchmarks).where(eq(benchmarks.id, created.benchmark.id));
  assert.equal(row!.createdBy, organizer.id);
  const [phase] = await platform.db.select().from(phases).where(eq(phases.benchmarkId, created.benchmark.id));
  assert.ok(phase!.closesAt && phase!.closesAt < new Date(), "its phase stays closed");

  const after = await priorities();
  assert.equal(after.length, 2 * 5 * 6, "two baselines × 5 test tasks × 6 seeds, none dropped");
  assert.ok(after.every((p) => p === JOB_PRIORITY.backgroundBaseline));
  assert.ok(
    lines.includes(`baselines of metaworld-ml10: ${after.length} waiting unit(s) moved to the background`),
    lines.join("\n"),
  );
  assert.equal(
    (await platform.db.select().from(submissions).where(eq(submissions.benchmarkId, created.benchmark.id))).length,
    2,
  );
});
