import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { evaluationAttempts, evaluationUnits, results } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { type TestPlatform, createTestPlatform, learnerFiles, packFiles } from "@/testing/platform/submission-loop";
import { pollFor, waitForEvent } from "@/testing/platform/wait";
import { smallFewshotSpec } from "@/testing/specs/fewshot";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// A worker told to stop interrupts what it runs once its drain time is up and hands the unit back whole: another
// worker scores it, and the interruption uses none of the unit's retries.
let platform: TestPlatform;
let next: RunningWorker | undefined;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await next?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

const SLOW_LEARNER = `export default function create() {
  let ways = 2;
  return {
    adapt(support) { ways = support.ways; },
    predict(query) {
      const until = Date.now() + 150;
      while (Date.now() < until) {}
      return Array.from({ length: query.images.shape[0] }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;

test("stop() mid-unit: the attempt is recorded as interrupted and a fresh job finishes the unit", async () => {
  const user = await createUser(platform.db, { email: "frances@example.org" });
  const spec = smallFewshotSpec({
    partitions: { public: { episodes: 20, seed: 1 }, private: { episodes: 20, seed: 2 } },
  });
  await createBenchmark(platform.db, { slug: "drain", spec });
  const upload = await packFiles(learnerFiles("slow", SLOW_LEARNER));
  archives.push(upload.path);
  const first = await startTestWorker(platform, { host: "first" });
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "drain",
    upload,
  });
  const running = await waitForEvent(platform.sql, "an attempt with progress", async () => {
    const units = await platform.db
      .select()
      .from(evaluationUnits)
      .where(eq(evaluationUnits.submissionId, submissionId));
    // Well inside the unit, so it cannot finish on its own before stop() lands.
    const mid = units.find((u) => {
      const done = Number((u.progress as { done?: number } | null)?.done ?? 0);
      return u.status === "running" && done >= 1 && done <= 8;
    });
    return mid;
  });
  await first.stop({ timeoutMs: 0 });

  next = await startTestWorker(platform, { host: "next" });
  const done = await waitForFinish(platform, submissionId, "the submission to be scored");
  assert.equal(done.status, "scored", `failed: ${done.failureReason}`);
  const attempts = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.unitId, running.id));
  assert.deepEqual(
    attempts.map((a) => [a.host, a.status, a.error]).sort(),
    [
      ["first", "failed", "The worker is shutting down."],
      ["next", "succeeded", null],
    ],
    `attempts of the interrupted unit: ${JSON.stringify(attempts.map((a) => [a.host, a.status, a.error]))}`,
  );
  // pg-boss marks a job completed just after its handler returns: wait for that, then look at the retry counts.
  // pg-boss announces no job state: polled.
  const jobs = await pollFor("both jobs of the unit to be completed", async () => {
    const rows = await platform.sql<{ retry_count: number; state: string }[]>`
      select retry_count, state from pgboss.job where data->>'unitId' = ${running.id} order by created_on`;
    return rows.length === 2 && rows.every((j) => j.state === "completed") ? rows : undefined;
  });
  assert.deepEqual(
    jobs.map((j) => j.retry_count),
    [0, 0],
    "no retry was spent",
  );
  const rows = await platform.db.select().from(results).where(eq(results.unitId, running.id));
  assert.equal(rows.length, 20);
});
