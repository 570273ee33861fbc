import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTeam } from "@/lib/teams";
import type { Role } from "@/db/queries/users";
import { submissions, teamMembers } from "@/db/schema";
import { AppError } from "../core/errors";
import { acceptSubmission } from "./accept";
import {
  countEverything,
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// The phase limits beyond the totals: at once, team size, and failures of the submitted code per 24 h. Each refusal
// names the limit and the count and leaves nothing behind; platform failures, baselines and re-evaluations never count.
let platform: TestPlatform;
let upload: { path: string; bytes: number };

before(async () => {
  platform = await createTestPlatform();
  upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
});

after(async () => {
  fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  await platform?.close();
});

const accept = (
  user: { id: string; role: Role },
  benchmarkSlug: string,
  extra: { teamId?: string; isBaseline?: boolean } = {},
) =>
  acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug,
    upload,
    ...extra,
  });

async function expectRefusal(attempt: () => Promise<unknown>, code: string, message: RegExp) {
  const before = await countEverything(platform.db);
  await assert.rejects(attempt(), (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.status, code === "team_too_large" ? 403 : 429);
    assert.match(error.message, message);
    return true;
  });
  assert.deepEqual(await countEverything(platform.db), before, "no row or job may be left behind");
}

const finish = (id: string, change: Partial<typeof submissions.$inferInsert>) =>
  platform.db
    .update(submissions)
    .set({ finishedAt: new Date(), ...change })
    .where(eq(submissions.id, id));

test("the concurrent quota counts queued and running entries only; baselines are exempt", async () => {
  const user = await createUser(platform.db, { email: "conc@example.org" });
  await createBenchmark(platform.db, { slug: "two-at-once", phase: { quotaConcurrent: 2 } });
  const first = await accept(user, "two-at-once");
  const second = await accept(user, "two-at-once");
  await platform.db.update(submissions).set({ status: "running" }).where(eq(submissions.id, second.submissionId));
  await accept(user, "two-at-once", { isBaseline: true });
  await expectRefusal(
    () => accept(user, "two-at-once"),
    "quota_concurrent",
    /^Concurrent quota reached: 2 of 2 submissions queued or running \(your count\); submit again when one has finished\.$/,
  );
  await finish(first.submissionId, { status: "scored" });
  await accept(user, "two-at-once");
});

test("a re-evaluation of an entry does not take a concurrent slot", async () => {
  const user = await createUser(platform.db, { email: "reeval@example.org" });
  await createBenchmark(platform.db, { slug: "one-at-once", phase: { quotaConcurrent: 1 } });
  const original = await accept(user, "one-at-once");
  await finish(original.submissionId, { status: "scored" });
  const rerun = await accept(user, "one-at-once");
  await platform.db
    .update(submissions)
    .set({ reevaluationOf: original.submissionId })
    .where(eq(submissions.id, rerun.submissionId));
  await accept(user, "one-at-once");
  await expectRefusal(() => accept(user, "one-at-once"), "quota_concurrent", /1 of 1 submissions queued or running/);
});

test("a team larger than the phase allows cannot submit; solo members and small teams can", async () => {
  const [owner, second, third] = await Promise.all(
    ["t1@example.org", "t2@example.org", "t3@example.org"].map((e) => createUser(platform.db, { email: e })),
  );
  await createBenchmark(platform.db, { slug: "pairs", phase: { teamSizeLimit: 2 } });
  const team = await createTeam(platform.db, { userId: owner!.id, name: "Trio" });
  await platform.db.insert(teamMembers).values({ teamId: team.id, userId: second!.id, role: "member" });
  await accept(owner!, "pairs", { teamId: team.id });
  await platform.db.insert(teamMembers).values({ teamId: team.id, userId: third!.id, role: "member" });
  await expectRefusal(
    () => accept(second!, "pairs", { teamId: team.id }),
    "team_too_large",
    /^Team 'Trio' has 3 members; the 'Open' phase allows teams of at most 2\.$/,
  );
  await accept(third!, "pairs");
});

test("failures of the submitted code are capped per 24 hours; platform failures never count", async () => {
  const user = await createUser(platform.db, { email: "flaky@example.org" });
  await createBenchmark(platform.db, { slug: "two-failures", phase: { userFailuresPerDay: 2 } });
  for (let i = 0; i < 3; i++)
    await finish((await accept(user, "two-failures")).submissionId, { status: "failed", failureKind: "platform" });
  const firstUserFailure = (await accept(user, "two-failures")).submissionId;
  await finish(firstUserFailure, { status: "failed", failureKind: "user" });
  await accept(user, "two-failures");
  const secondUserFailure = (await accept(user, "two-failures")).submissionId;
  await finish(secondUserFailure, { status: "failed", failureKind: "user" });
  await expectRefusal(
    () => accept(user, "two-failures"),
    "user_failures_cap",
    /^Failure cap reached: 2 of 2 submissions failed by their own code in the last 24 hours \(your count\); next slot at \d\d:\d\d UTC\. Their pages show why\.$/,
  );
  // A failure older than 24 hours has left the window.
  await finish(firstUserFailure, { finishedAt: new Date(Date.now() - 25 * 3600 * 1000) });
  await accept(user, "two-failures");
});

test("a team's failures are the team's: another member is refused too", async () => {
  const [a, b] = await Promise.all(
    ["fa@example.org", "fb@example.org"].map((e) => createUser(platform.db, { email: e })),
  );
  await createBenchmark(platform.db, { slug: "team-failures", phase: { userFailuresPerDay: 1 } });
  const team = await createTeam(platform.db, { userId: a!.id, name: "Flakes" });
  await platform.db.insert(teamMembers).values({ teamId: team.id, userId: b!.id, role: "member" });
  await finish((await accept(a!, "team-failures", { teamId: team.id })).submissionId, {
    status: "failed",
    failureKind: "user",
  });
  await expectRefusal(
    () => accept(b!, "team-failures", { teamId: team.id }),
    "user_failures_cap",
    /1 of 1 submissions failed .* \(your team's count\)/,
  );
  await accept(b!, "team-failures");
});
