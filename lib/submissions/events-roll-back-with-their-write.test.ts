import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { cancelSubmissionEvaluation } from "@/db/queries/cancellation";
import { submissions } from "@/db/schema";
import { publishEvent, subscribe, writeAndPublish } from "../events";
import type { LiveEvent } from "../jobs";
import { acceptSubmission } from "./accept";
import { JOB_PRIORITY, queueEvaluation } from "./queue-evaluation";
import { jobsOf } from "@/testing/platform/reevaluation";
import {
  countEverything,
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// The queue's writes announce themselves inside their own transaction: a write that rolls back sends no event
// (and leaves no job), one that commits is heard.
let platform: TestPlatform;
let heard: LiveEvent[] = [];
let stopListening: () => Promise<void>;
before(async () => {
  platform = await createTestPlatform();
  stopListening = await subscribe(platform.sql, (event) => heard.push(event));
});
after(async () => {
  await stopListening?.();
  await platform?.close();
});

/** Every event published up to now has been delivered once a marker published after them arrives. */
async function eventsSoFar(): Promise<LiveEvent[]> {
  const marker = `marker-${heard.length}-${Date.now()}`;
  await publishEvent(platform.db, { type: "progress", submissionId: marker, benchmarkId: "-" });
  while (!heard.some((e) => e.submissionId === marker)) await new Promise((resolve) => setTimeout(resolve, 20));
  const events = heard.filter((e) => !e.submissionId.startsWith("marker-"));
  heard = [];
  return events;
}

test("a queued evaluation rolled back with its transaction sends no event and leaves no job", async () => {
  const { benchmark, version, phase } = await createBenchmark(platform.db, { slug: "rolled-back-queue" });
  const user = await createUser(platform.db, { email: "rory@example.org" });
  const before = await countEverything(platform.db);
  let queuedId = "";
  await assert.rejects(
    platform.db.transaction(async (tx) => {
      const submission = await queueEvaluation(tx, {
        queue: platform.queue,
        spec: version.spec,
        priority: JOB_PRIORITY.competitor,
        submission: {
          benchmarkId: benchmark.id,
          benchmarkVersionId: version.id,
          phaseId: phase.id,
          userId: user.id,
          teamId: null,
          name: "never",
          manifest: {
            name: "never",
            track: "fewshot",
            kind: "learner",
            entry: "learner.mjs",
            options: {},
            method: { description: "", tags: [] },
          },
          bundleSha256: "0".repeat(64),
          bundleBytes: 1,
          isBaseline: false,
        },
      });
      queuedId = submission.id;
      throw new Error("the rest of the write failed");
    }),
    /the rest of the write failed/,
  );
  assert.ok(queuedId);
  assert.deepEqual(await eventsSoFar(), []);
  assert.deepEqual(await countEverything(platform.db), before);
});

test("a cancellation rolled back sends no event and withdraws no job; committed, it is heard once", async () => {
  await createBenchmark(platform.db, { slug: "rolled-back-cancel" });
  const upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user: await createUser(platform.db, { email: "cass@example.org" }),
    benchmarkSlug: "rolled-back-cancel",
    upload,
  });
  fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  await eventsSoFar();
  const cancel = (tx: Parameters<Parameters<typeof platform.db.transaction>[0]>[0]) =>
    writeAndPublish(
      tx,
      async (inner) => {
        const outcome = await cancelSubmissionEvaluation(inner, submissionId);
        return outcome.cancelled
          ? { ...outcome, withdrawn: await platform.queue.cancelUnits(outcome.waitingUnitIds, inner) }
          : outcome;
      },
      (o) =>
        o.cancelled ? { type: "submission", submissionId, benchmarkId: o.benchmarkId, status: "cancelled" } : undefined,
    );
  await assert.rejects(
    platform.db.transaction(async (tx) => {
      const outcome = await cancel(tx);
      assert.ok(outcome.cancelled && outcome.withdrawn === 2);
      throw new Error("roll back");
    }),
    /roll back/,
  );
  assert.deepEqual(await eventsSoFar(), []);
  const jobs = [...(await jobsOf(platform.db, submissionId))];
  assert.equal(jobs.length, 2);
  for (const job of jobs) assert.equal((await platform.queue.find(job.id))?.state, "created");
  const [still] = await platform.db.select().from(submissions).where(eq(submissions.id, submissionId));
  assert.equal(still?.status, "queued");

  await platform.db.transaction((tx) => cancel(tx));
  assert.deepEqual(
    (await eventsSoFar()).map((e) => e.status),
    ["cancelled"],
  );
});
