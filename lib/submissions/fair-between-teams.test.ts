import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { RunningWorker } from "@/evaluator/worker";
import { evaluationAttempts, submissions, teamMembers, teams } from "@/db/schema";
import { acceptSubmission } from "./accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { removeUpload } from "@/testing/platform/reevaluation";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { pollFor, waitForEvent } from "@/testing/platform/wait";
import { startTestWorker } from "@/testing/platform/worker";

// One worker at concurrency 1, real sandbox: a team with a hundred queued units does not hold another team's
// submission for more than the unit it is running when that submission arrives.
let platform: TestPlatform;
let worker: RunningWorker | undefined;
before(async () => (platform = await createTestPlatform()));
after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  await platform?.close();
});

/** A learner that waits a second in every adapt(): a unit of the small spec takes a few seconds, mostly idle. */
const SLOW_LEARNER = UNIFORM_LEARNER.replace(
  "adapt(support) { ways = support.ways; },",
  "async adapt(support) { ways = support.ways; await new Promise((resolve) => setTimeout(resolve, 1000)); },",
);

test("a team's submission queued behind another team's hundred units starts within one unit's time", async () => {
  assert.notEqual(SLOW_LEARNER, UNIFORM_LEARNER, "the slow learner is derived from the uniform one");
  const slug = "fair-share";
  await createBenchmark(platform.db, { slug });
  const [ann, abe, bob] = [
    await createUser(platform.db, { email: "ann@example.org" }),
    await createUser(platform.db, { email: "abe@example.org" }),
    await createUser(platform.db, { email: "bob@example.org" }),
  ];
  const [heavy] = await platform.db.insert(teams).values({ name: "heavy", createdBy: ann.id }).returning();
  await platform.db.insert(teamMembers).values([
    { teamId: heavy!.id, userId: ann.id },
    { teamId: heavy!.id, userId: abe.id },
  ]);

  // Two members of one team: 50 submissions of 2 units (public, private) each, 100 units in all, queued first. Their
  // learner takes a second per episode, so the light entry surely arrives while the first of them runs.
  const upload = await packFiles(learnerFiles("slow", SLOW_LEARNER));
  const lightUpload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
  for (let i = 0; i < 50; i++) {
    await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user: i % 2 ? abe : ann,
      teamId: heavy!.id,
      benchmarkSlug: slug,
      upload,
      name: `heavy-${i}`,
    });
  }
  worker = await startTestWorker(platform, {
    host: "test-host",
    concurrency: 1,
  });
  // Bob's entry arrives while the heavy team's first unit is inside its sandbox.
  // No event says the sandbox is up (the attempt's backend is recorded without one): polled.
  const running = await pollFor("the heavy team's first unit to be in its sandbox", async () => {
    const [attempt] = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(and(eq(evaluationAttempts.status, "running"), isNotNull(evaluationAttempts.backend)));
    return attempt;
  });
  const { submissionId: light } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user: bob,
    benchmarkSlug: slug,
    upload: lightUpload,
  });
  removeUpload(upload);
  removeUpload(lightUpload);

  const first = await waitForEvent(platform.sql, "the light submission's first unit to start", async () => {
    const [attempt] = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(eq(evaluationAttempts.submissionId, light))
      .orderBy(asc(evaluationAttempts.startedAt));
    return attempt;
  });
  const [queued] = await platform.db.select().from(submissions).where(eq(submissions.id, light));
  const [unit] = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.id, running.id));
  assert.ok(unit?.finishedAt, "the unit that was running when the light entry arrived has finished before it started");
  const waited = (first.startedAt.getTime() - queued!.createdAt.getTime()) / 1000;
  const unitTime = (unit.finishedAt.getTime() - unit.startedAt.getTime()) / 1000;
  const heavyStarted = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.submissionId, running.submissionId));
  process.stdout.write(
    `# light entry waited ${waited.toFixed(2)} s; one unit took ${unitTime.toFixed(2)} s; heavy attempts before it: ${heavyStarted.length}\n`,
  );
  assert.ok(waited < unitTime, `waited ${waited} s, more than one unit's ${unitTime} s`);
  // Only the unit already running went first: the light entry was next, not behind the other 99.
  const order = await platform.db.select().from(evaluationAttempts).orderBy(asc(evaluationAttempts.startedAt));
  assert.deepEqual(
    order.slice(0, 2).map((a) => a.submissionId),
    [running.submissionId, light],
  );
});
