import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { asc, eq, inArray } from "drizzle-orm";
import type { RunningWorker } from "@/evaluator/worker";
import { evaluationAttempts, results, submissions } from "@/db/schema";
import { acceptSubmission } from "./accept";
import { reevaluateAll } from "./reevaluate";
import { jobsOf, publishNewVersion, removeUpload, submitScoredEntry } from "@/testing/platform/reevaluation";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { waitForEvent } from "@/testing/platform/wait";
import { startTestWorker } from "@/testing/platform/worker";

// A real worker hands out competitors' units first, though their jobs were queued after the re-evaluation's,
// then runs the re-evaluation on the new version's protocol.
let platform: TestPlatform;
let worker: RunningWorker | undefined;
before(async () => (platform = await createTestPlatform()));
after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  await platform?.close();
});

test("a worker takes a competitor's units before re-evaluation units queued earlier", async () => {
  const slug = "reeval-priority";
  await createBenchmark(platform.db, { slug });
  const organizer = await createUser(platform.db, { email: "olga@example.org", role: "organizer" });
  const original = await submitScoredEntry(platform, {
    slug,
    user: await createUser(platform.db, { email: "old@example.org" }),
    name: "old-entry",
  });
  // The original was evaluated before this test begins: its jobs are no longer queued.
  await platform.queue.cancelUnits([...(await jobsOf(platform.db, original.id))].map((j) => j.unit_id));

  const { version: v2 } = await publishNewVersion(platform.db, slug, {
    partitions: { public: { episodes: 2, seed: 21 }, private: { episodes: 1, seed: 22 } },
  });
  const {
    created: [reevaluation],
  } = await reevaluateAll({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    benchmarkSlug: slug,
    actor: organizer,
  });
  assert.ok(reevaluation);
  const upload = await packFiles(learnerFiles("competitor", UNIFORM_LEARNER));
  const competitor = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user: await createUser(platform.db, { email: "new@example.org" }),
    benchmarkSlug: slug,
    upload,
  });
  removeUpload(upload);

  worker = await startTestWorker(platform, {
    host: "test-host",
    concurrency: 1,
  });
  const ids = [competitor.submissionId, reevaluation.reevaluationId];
  const finished = await waitForEvent(platform.sql, "both submissions to finish", async () => {
    const rows = await platform.db.select().from(submissions).where(inArray(submissions.id, ids));
    return rows.every((r) => r.status === "scored" || r.status === "failed") ? rows : undefined;
  });
  for (const row of finished) assert.equal(row.status, "scored", `${row.name}: ${row.failureReason}`);

  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(inArray(evaluationAttempts.submissionId, ids))
    .orderBy(asc(evaluationAttempts.startedAt));
  assert.deepEqual(
    attempts.map((a) => a.submissionId),
    [competitor.submissionId, competitor.submissionId, reevaluation.reevaluationId, reevaluation.reevaluationId],
  );
  // Scored under v2's protocol: its episode counts, not v1's.
  const rows = await platform.db.select().from(results).where(eq(results.submissionId, reevaluation.reevaluationId));
  assert.equal(rows.filter((r) => r.partition === "public").length, 2);
  assert.equal(rows.filter((r) => r.partition === "private").length, 1);
  const [copy] = await platform.db.select().from(submissions).where(eq(submissions.id, reevaluation.reevaluationId));
  assert.equal(copy!.benchmarkVersionId, v2.id);
  assert.equal(copy!.reevaluationOf, original.id);
});
