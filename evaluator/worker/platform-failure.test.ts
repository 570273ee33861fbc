import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { evaluationAttempts, submissions } from "@/db/schema";
import { UNIT_RETRY_LIMIT } from "@/lib/queue";
import { acceptSubmission } from "@/lib/submissions/accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { waitForEvent } from "@/testing/platform/wait";
import { startTestWorker } from "@/testing/platform/worker";

// A fault of the platform (here: the stored bundle vanished from shared storage) is retried; when the retries are
// spent the submission fails as "platform", and its quota slot is given back.
let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
  worker = await startTestWorker(platform);
});

after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

test("retries exhausted by a platform fault: failed as platform, every try recorded, quota not charged", async () => {
  const user = await createUser(platform.db, { email: "margaret@example.org" });
  await createBenchmark(platform.db, { slug: "lost-storage", phase: { quotaTotal: 1 } });
  const upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
  archives.push(upload.path);
  const accept = () =>
    acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: "lost-storage",
      upload,
    });

  await worker.stop();
  const { submissionId } = await accept();
  const [row] = await platform.db.select().from(submissions).where(eq(submissions.id, submissionId));
  fs.rmSync(platform.store.path(row!.bundleSha256));
  worker = await startTestWorker(platform);

  const failed = await waitForEvent(platform.sql, "the submission to fail", async () => {
    const [s] = await platform.db.select().from(submissions).where(eq(submissions.id, submissionId));
    return s?.status === "failed" ? s : undefined;
  });
  assert.equal(failed.failureKind, "platform");
  assert.match(failed.failureReason ?? "", /platform fault .* does not count against your quota/);
  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.submissionId, submissionId));
  assert.ok(
    attempts.every(
      (a) => a.status === "failed" && a.errorKind === "platform" && /could not be opened/.test(a.error ?? ""),
    ),
  );
  const triesPerUnit = new Map<string, number>();
  for (const a of attempts) triesPerUnit.set(a.unitId, (triesPerUnit.get(a.unitId) ?? 0) + 1);
  // The unit that ran out had one try plus every retry; no unit got more.
  assert.equal(Math.max(...triesPerUnit.values()), UNIT_RETRY_LIMIT + 1);

  // The slot is free again: the competitor can submit (the bundle is stored afresh).
  const again = await accept();
  assert.ok(again.submissionId);
});
