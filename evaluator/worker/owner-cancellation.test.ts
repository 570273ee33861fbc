import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import { cancelSubmission } from "@/lib/submissions/cancel";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { pollFor } from "@/testing/platform/wait";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// The owner cancels a submission whose unit is running in a real sandbox: the worker stops it within seconds (told by
// NOTIFY, long before its next heartbeat), writes no results, closes the attempt, and serves the next job.
let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];
const lines: string[] = [];
const HEARTBEAT_SECONDS = 30;

before(async () => {
  platform = await createTestPlatform();
  worker = await startTestWorker(platform, {
    heartbeatSeconds: HEARTBEAT_SECONDS,
    log: (l) => lines.push(l),
  });
});

after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

/** Adapts for 50 seconds of busy CPU per episode: it never finishes a unit while the test runs. */
const SLOW_LEARNER = `export default function create() {
  return {
    adapt() { const end = Date.now() + 50_000; while (Date.now() < end) {} },
    predict(query) { return Array.from({ length: query.images.shape[0] }, () => [0.2, 0.2, 0.2, 0.2, 0.2]); },
  };
}
`;

test("a running unit stops within seconds of its cancellation, and the worker then completes another job", async () => {
  const user = await createUser(platform.db, { email: "grace@example.org" });
  await createBenchmark(platform.db, { slug: "cancel" });
  const submit = async (files: Record<string, string>) => {
    const upload = await packFiles(files);
    archives.push(upload.path);
    return (
      await acceptSubmission({
        db: platform.db,
        queue: platform.queue,
        store: platform.store,
        user,
        benchmarkSlug: "cancel",
        upload,
      })
    ).submissionId;
  };
  const slow = await submit(learnerFiles("slow", SLOW_LEARNER));
  // Running: the sandbox has reported its backend, so the agent is inside the protocol.
  // No event says the sandbox is up (the attempt's backend is recorded without one), nor that a cancelled attempt is
  // closed (the cancellation announced itself before): both polled.
  const running = await pollFor("the slow unit to run in its sandbox", async () => {
    const [a] = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(
        and(
          eq(evaluationAttempts.submissionId, slow),
          eq(evaluationAttempts.status, "running"),
          sql`${evaluationAttempts.backend} is not null`,
        ),
      );
    return a;
  });

  const asked = Date.now();
  const outcome = await cancelSubmission({ db: platform.db, queue: platform.queue, submissionId: slow, user });
  assert.equal(outcome.withdrawnJobs, 1, "the other partition's job was still waiting and is withdrawn");
  const closed = await pollFor(
    "the attempt to be closed",
    async () => {
      const [a] = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.id, running.id));
      return a?.status !== "running" ? a : undefined;
    },
    20_000,
  );
  const stoppedAfterMs = Date.now() - asked;
  // The attempt is closed only after the sandbox process has exited (its final log is read first).
  assert.ok(
    stoppedAfterMs < 5000,
    `stopped ${stoppedAfterMs} ms after the cancellation (heartbeat every ${HEARTBEAT_SECONDS} s)`,
  );
  assert.equal(closed.status, "failed");
  assert.equal(closed.errorKind, null, "neither the submitted code nor the platform is at fault");
  assert.match(closed.error ?? "", /cancelled/);

  const [row] = await platform.db.select().from(submissions).where(eq(submissions.id, slow));
  assert.equal(row!.status, "cancelled");
  assert.equal(row!.failureKind, null);
  const units = await platform.db.select().from(evaluationUnits).where(eq(evaluationUnits.submissionId, slow));
  assert.deepEqual(
    units.map((u) => u.status),
    ["cancelled", "cancelled"],
  );
  assert.equal(
    (await platform.db.select().from(results).where(eq(results.submissionId, slow))).length,
    0,
    "no results written",
  );
  const attempts = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, slow));
  assert.equal(attempts.length, 1, "the withdrawn unit was never attempted");

  const next = await submit(learnerFiles("uniform", UNIFORM_LEARNER));
  const finished = await waitForFinish(platform, next, "the next submission to finish");
  assert.equal(finished.status, "scored", `the worker goes on serving: ${finished.failureReason}`);
  assert.ok(
    lines.some((l) => l.includes("its submission was cancelled")),
    lines.join("\n"),
  );
});
