import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { countReevaluationProgress } from "@/db/queries/reevaluations";
import { countQuotaUse } from "@/db/queries/submissions";
import { createTeam } from "@/lib/teams";
import type { Role } from "@/db/queries/users";
import { evaluationUnits, phases, submissions } from "@/db/schema";
import { AppError } from "../core/errors";
import { acceptSubmission } from "./accept";
import { JOB_PRIORITY } from "./queue-evaluation";
import { reevaluateAll } from "./reevaluate";
import { jobsOf, publishNewVersion, removeUpload, submitScoredEntry } from "@/testing/platform/reevaluation";
import {
  countEverything,
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// Every scored entry of an older version gets one copy on the latest version: same bundle and owner, low-priority
// jobs, no quota, and a second run creates nothing.
let platform: TestPlatform;
before(async () => (platform = await createTestPlatform()));
after(async () => platform?.close());

test("one re-evaluation per entry, low priority, same bundle and owner, no quota; idempotent", async () => {
  const slug = "reeval";
  const { phase } = await createBenchmark(platform.db, { slug });
  const organizer = await createUser(platform.db, { email: "olga@example.org", role: "organizer" });
  const alice = await createUser(platform.db, { email: "alice@example.org" });
  const bob = await createUser(platform.db, { email: "bob@example.org" });
  const team = await createTeam(platform.db, { userId: bob.id, name: "Bobcats" });
  const solo = await submitScoredEntry(platform, { slug, user: alice, name: "alice-solo" });
  const forTeam = await submitScoredEntry(platform, { slug, user: bob, name: "bobcats-entry", teamId: team.id });
  const baseline = await submitScoredEntry(platform, { slug, user: organizer, name: "reference", isBaseline: true });
  const failed = await submitScoredEntry(platform, { slug, user: alice, name: "alice-broken" });
  await platform.db
    .update(submissions)
    .set({ status: "failed", failureKind: "user" })
    .where(eq(submissions.id, failed.id));
  // Alice has used her whole quota: a re-evaluation must neither be refused for it nor take from it.
  await platform.db.update(phases).set({ quotaTotal: 2 }).where(eq(phases.id, phase.id));
  const quotaBefore = await countQuotaUse(platform.db, {
    phaseId: phase.id,
    teamId: null,
    userId: alice.id,
    since: new Date(0),
  });
  assert.equal(quotaBefore.total, 2);

  const { version: v2 } = await publishNewVersion(platform.db, slug, { queries: 4 });
  assert.equal(v2.version, 2);
  const result = await reevaluateAll({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    benchmarkSlug: slug,
    actor: organizer,
  });

  assert.equal(result.version, 2);
  assert.deepEqual(result.skipped, []);
  assert.equal(result.alreadyReevaluated, 0);
  const originals = [solo, forTeam, baseline];
  assert.deepEqual(
    result.created.map((c) => c.submissionId),
    originals.map((o) => o.id),
    "the failed entry is not an entry",
  );
  for (const original of originals) {
    const created = result.created.find((c) => c.submissionId === original.id)!;
    assert.equal(created.fromVersion, 1);
    const [copy] = await platform.db.select().from(submissions).where(eq(submissions.id, created.reevaluationId));
    assert.ok(copy);
    assert.equal(copy.reevaluationOf, original.id);
    assert.equal(copy.benchmarkVersionId, v2.id);
    assert.equal(copy.status, "queued");
    for (const key of [
      "userId",
      "teamId",
      "name",
      "bundleSha256",
      "bundleBytes",
      "kind",
      "description",
      "paperUrl",
      "codeUrl",
      "isBaseline",
      "visibility",
      "phaseId",
    ] as const) {
      assert.deepEqual(copy[key], original[key], key);
    }
    assert.deepEqual(copy.tags, original.tags);
    assert.deepEqual(copy.manifest, original.manifest);
    assert.equal(copy.createdAt.getTime(), original.createdAt.getTime(), "keeps the entry's submission time");

    const units = await platform.db.select().from(evaluationUnits).where(eq(evaluationUnits.submissionId, copy.id));
    assert.deepEqual(units.map((u) => u.key).sort(), ["private", "public"]);
    const jobs = await jobsOf(platform.db, copy.id);
    assert.deepEqual(jobs.map((j) => j.unit_id).sort(), units.map((u) => u.id).sort(), "one job per unit");
    for (const job of jobs) assert.equal(job.priority, JOB_PRIORITY.reevaluation);
  }
  // Below the platform's own baselines, which are below competitors.
  assert.ok(JOB_PRIORITY.reevaluation < JOB_PRIORITY.baseline && JOB_PRIORITY.baseline < JOB_PRIORITY.competitor);
  assert.deepEqual(
    (await jobsOf(platform.db, solo.id)).map((j) => j.priority),
    [JOB_PRIORITY.competitor, JOB_PRIORITY.competitor],
  );

  const quotaAfter = await countQuotaUse(platform.db, {
    phaseId: phase.id,
    teamId: null,
    userId: alice.id,
    since: new Date(0),
  });
  assert.deepEqual(quotaAfter, quotaBefore, "quota untouched");
  const upload = await packFiles(learnerFiles("alice-third", UNIFORM_LEARNER));
  await assert.rejects(
    acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user: alice,
      benchmarkSlug: slug,
      upload,
    }),
    (e: unknown) => e instanceof AppError && e.code === "quota_total" && /2 of 2/.test(e.message),
  );
  removeUpload(upload);

  assert.deepEqual(await countReevaluationProgress(platform.db, v2.id), {
    total: 3,
    queued: 3,
    running: 0,
    scored: 0,
    failed: 0,
    cancelled: 0,
  });

  const before = await countEverything(platform.db);
  const again = await reevaluateAll({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    benchmarkSlug: slug,
    actor: organizer,
  });
  assert.deepEqual(again.created, []);
  assert.equal(again.alreadyReevaluated, 3);
  assert.deepEqual(await countEverything(platform.db), before, "a second run creates nothing");
  const copies = await platform.db
    .select()
    .from(submissions)
    .where(
      inArray(
        submissions.reevaluationOf,
        originals.map((o) => o.id),
      ),
    );
  assert.equal(copies.length, 3);
});

test("two organizers at once still make one re-evaluation per entry", async () => {
  const slug = "reeval-race";
  await createBenchmark(platform.db, { slug });
  const organizer = await createUser(platform.db, { email: "oscar@example.org", role: "organizer" });
  const admin = await createUser(platform.db, { email: "ada@example.org", role: "admin" });
  const entry = await submitScoredEntry(platform, {
    slug,
    user: await createUser(platform.db, { email: "carol@example.org" }),
    name: "carol-1",
  });
  await publishNewVersion(platform.db, slug, { queries: 4 });
  const run = (actor: { id: string; role: Role }) =>
    reevaluateAll({ db: platform.db, queue: platform.queue, store: platform.store, benchmarkSlug: slug, actor });
  const [a, b] = await Promise.all([run(organizer), run(admin)]);
  assert.equal(a.created.length + b.created.length, 1);
  assert.equal(a.alreadyReevaluated + b.alreadyReevaluated, 1);
  const copies = await platform.db.select().from(submissions).where(eq(submissions.reevaluationOf, entry.id));
  assert.equal(copies.length, 1);
});

test("refused to participants; a benchmark with one version has nothing to re-evaluate", async () => {
  const slug = "reeval-single";
  await createBenchmark(platform.db, { slug });
  const participant = await createUser(platform.db, { email: "pat@example.org" });
  const organizer = await createUser(platform.db, { email: "otto@example.org", role: "organizer" });
  await submitScoredEntry(platform, { slug, user: participant, name: "pat-1" });
  const before = await countEverything(platform.db);
  const run = (actor: { id: string; role: Role }) =>
    reevaluateAll({ db: platform.db, queue: platform.queue, store: platform.store, benchmarkSlug: slug, actor });
  await assert.rejects(run(participant), (e: unknown) => e instanceof AppError && e.status === 403);
  await assert.rejects(
    run(organizer),
    (e: unknown) => e instanceof AppError && e.status === 409 && /only version 1/.test(e.message),
  );
  await assert.rejects(
    reevaluateAll({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      benchmarkSlug: "no-such-benchmark",
      actor: organizer,
    }),
    (e: unknown) => e instanceof AppError && e.status === 404,
  );
  assert.deepEqual(await countEverything(platform.db), before);
});
