import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { evaluationAttempts, evaluationUnits, results } from "@/db/schema";
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
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// Submitted code that fails fails its submission with the reason and its log; the worker goes on to the next job.
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

const THROWS = `export default function create() {
  return {
    adapt() { console.error("about to fail"); throw new Error("boom in adapt"); },
    predict() { return []; },
  };
}
`;

test("a learner that throws fails its submission as the user's fault; the next submission is still scored", async () => {
  const user = await createUser(platform.db, { email: "linus@example.org" });
  await createBenchmark(platform.db, { slug: "faults" });
  const submit = async (files: Record<string, string>) => {
    const upload = await packFiles(files);
    archives.push(upload.path);
    return (
      await acceptSubmission({
        db: platform.db,
        queue: platform.queue,
        store: platform.store,
        user,
        benchmarkSlug: "faults",
        upload,
      })
    ).submissionId;
  };
  const bad = await submit(learnerFiles("thrower", THROWS));
  const good = await submit(learnerFiles("uniform", UNIFORM_LEARNER));

  const failed = await waitForFinish(platform, bad);
  assert.equal(failed.status, "failed");
  assert.equal(failed.failureKind, "user");
  assert.match(failed.failureReason ?? "", /boom in adapt/);
  const attempts = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, bad));
  const seen = JSON.stringify(attempts.map((a) => [a.status, a.errorKind, a.error]));
  assert.equal(attempts.length, 1, `the other unit is cancelled, not attempted; attempts: ${seen}`);
  assert.equal(attempts[0]!.status, "failed");
  assert.equal(attempts[0]!.errorKind, "user");
  assert.match(attempts[0]!.log ?? "", /about to fail/, "the sandbox's output is kept for its owner");
  const units = await platform.db.select().from(evaluationUnits).where(eq(evaluationUnits.submissionId, bad));
  assert.deepEqual(units.map((u) => u.status).sort(), ["cancelled", "failed"]);
  assert.equal((await platform.db.select().from(results).where(eq(results.submissionId, bad))).length, 0);

  const scored = await waitForFinish(platform, good);
  assert.equal(scored.status, "scored", `the next submission failed: ${scored.failureReason}`);
});

/** Counts the episodes it answered and lets the count move its answers: it learns across episodes. */
const REMEMBERS = `let seen = 0;
export default function create({ task }) {
  return {
    adapt() { seen += 1; console.log("episodes seen " + seen); },
    predict({ images }) {
      const first = Math.min(0.9, 0.2 + 0.01 * (seen - 1));
      return Array.from({ length: images.shape[0] }, () =>
        Array.from({ length: task.ways }, (_, k) => (k === 0 ? first : (1 - first) / (task.ways - 1))));
    },
  };
}
`;

test("isolation: task — a learner whose answers depend on earlier episodes fails its replays as its own fault", async () => {
  const user = await createUser(platform.db, { email: "ada@example.org" });
  await createBenchmark(platform.db, { slug: "isolated" });
  const upload = await packFiles(learnerFiles("remembers", REMEMBERS));
  archives.push(upload.path);
  const { db, queue, store } = platform;
  const { submissionId } = await acceptSubmission({ db, queue, store, user, benchmarkSlug: "isolated", upload });
  const failed = await waitForFinish(platform, submissionId);
  assert.equal(failed.status, "failed");
  assert.equal(failed.failureKind, "user");
  const expected = /^isolation: task — episode [1-9]\d*, answered again by a fresh sandbox of the bundle, gave other/;
  assert.match(failed.failureReason ?? "", expected);
  const attempts = await db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, submissionId));
  const attempt = attempts.find((a) => a.status === "failed");
  assert.equal(attempt?.errorKind, "user");
  // The run's sandbox counted on; each replay sandbox, started afresh, counted 1 (their logs follow the run's).
  const [run, ...replays] = (attempt!.log ?? "").split(/\n\[sandbox \d+ of this unit\]\n/);
  assert.match(run!, /episodes seen 2\n/);
  const counted = replays.map((log) => log.match(/episodes seen \d+/g)).filter((counts) => counts !== null);
  assert.ok(counted.length >= 1, `replay sandboxes that answered an episode: ${counted.length} of ${replays.length}`);
  for (const counts of counted) assert.deepEqual(counts, ["episodes seen 1"]);
});
