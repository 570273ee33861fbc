import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import {
  addBenchmark, addUser, createTestPlatform, learnerFiles, packFiles, UNIFORM_LEARNER, waitFor, type TestPlatform,
} from "@/lib/submissions/testing";
import { getConfig } from "@/lib/config";
import { composeWorker, type RunningWorker } from "@/evaluator/worker";

// Submitted code that fails fails its submission with the reason and its log; the worker goes on to the next job.
let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
  worker = await composeWorker({ config: getConfig(), db: platform.db, sql: platform.sql, queue: platform.queue, store: platform.store, heartbeatSeconds: 1, log: () => {} });
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
  const user = await addUser(platform.db, "linus@example.org");
  await addBenchmark(platform.db, { slug: "faults" });
  const submit = async (files: Record<string, string>) => {
    const upload = await packFiles(files);
    archives.push(upload.path);
    return (await acceptSubmission({ db: platform.db, queue: platform.queue, store: platform.store, user, benchmarkSlug: "faults", upload })).submissionId;
  };
  const bad = await submit(learnerFiles("thrower", THROWS));
  const good = await submit(learnerFiles("uniform", UNIFORM_LEARNER));
  const finished = (id: string) =>
    waitFor(`submission ${id} to finish`, async () => {
      const [s] = await platform.db.select().from(submissions).where(eq(submissions.id, id));
      return s && (s.status === "scored" || s.status === "failed") ? s : undefined;
    });

  const failed = await finished(bad);
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

  const scored = await finished(good);
  assert.equal(scored.status, "scored", `the next submission failed: ${scored.failureReason}`);
});
