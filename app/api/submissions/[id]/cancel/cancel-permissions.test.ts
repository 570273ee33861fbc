import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { createTeam } from "@/lib/teams";
import { evaluationUnits, phases, submissions, teamMembers } from "@/db/schema";
import { getQueue } from "@/lib/server/context";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { acceptSubmission } from "@/lib/submissions/accept";
import { learnerFiles, packFiles, UNIFORM_LEARNER } from "@/testing/platform/submission-loop";
import { openBundleStore } from "@/lib/storage";
import { POST } from "./route";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// Who may cancel a submission, and what a cancellation leaves behind (no worker runs here: the jobs stay queued).
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
const archives: string[] = [];

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
});
after(async () => {
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await ctx.close();
});

async function submit(user: Awaited<ReturnType<typeof createUser>>): Promise<string> {
  const upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
  archives.push(upload.path);
  const store = openBundleStore(path.join(ctx.home, "bundles"));
  return (
    await acceptSubmission({
      db: ctx.db,
      queue: await getQueue(),
      store,
      user,
      benchmarkSlug: fixture.benchmark.slug,
      upload,
    })
  ).submissionId;
}

async function cancel(id: string, headers: Record<string, string> = {}) {
  const response = await POST(
    new Request(`http://localhost/api/submissions/${id}/cancel`, { method: "POST", headers }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}

const statusOf = async (id: string) => (await ctx.db.select().from(submissions).where(eq(submissions.id, id)))[0]!;
const jobStates = async (id: string) =>
  [
    ...(await ctx.db.execute<{ state: string }>(
      sql`select state from pgboss.job where name like 'evaluate-unit%' and data->>'submissionId' = ${id}`,
    )),
  ]
    .map((r) => r.state)
    .sort();

test("anonymous → 401; another participant → 403 (404 for a private entry); nothing changes", async () => {
  const owner = await createUser(ctx.db);
  const id = await submit(owner);
  const anonymous = await cancel(id);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.error.code, "unauthenticated");
  const stranger = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(stranger) },
    { authorization: await bearer(ctx.db, stranger) },
  ] as Record<string, string>[]) {
    const refused = await cancel(id, headers);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "forbidden");
  }
  await ctx.db.update(submissions).set({ visibility: "private" }).where(eq(submissions.id, id));
  assert.equal(
    (await cancel(id, { cookie: await sessionCookie(stranger) })).status,
    404,
    "a private entry is not revealed to exist",
  );
  assert.equal((await cancel("no-such-submission", { cookie: await sessionCookie(owner) })).status, 404);
  assert.equal((await statusOf(id)).status, "queued");
  assert.deepEqual(await jobStates(id), ["created", "created"]);
});

test("the owner cancels a queued submission: units cancelled, jobs withdrawn, no failure recorded; a second cancel → 409", async () => {
  const owner = await createUser(ctx.db);
  const id = await submit(owner);
  const done = await cancel(id, { authorization: await bearer(ctx.db, owner) });
  assert.deepEqual(done, { status: 200, body: { id, status: "cancelled", withdrawnJobs: 2 } });
  const row = await statusOf(id);
  assert.equal(row.status, "cancelled");
  assert.equal(row.failureKind, null, "a cancellation is nobody's failure");
  assert.ok(row.finishedAt);
  const units = await ctx.db.select().from(evaluationUnits).where(eq(evaluationUnits.submissionId, id));
  assert.deepEqual(
    units.map((u) => u.status),
    ["cancelled", "cancelled"],
  );
  assert.deepEqual(await jobStates(id), ["cancelled", "cancelled"]);
  const again = await cancel(id, { cookie: await sessionCookie(owner) });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /already cancelled/);
});

test("a member of the submitting team and an organizer may cancel", async () => {
  const owner = await createUser(ctx.db);
  const teammate = await createUser(ctx.db);
  const team = await createTeam(ctx.db, { userId: owner.id, name: `team-${owner.id.slice(0, 6)}` });
  await ctx.db.insert(teamMembers).values({ teamId: team.id, userId: teammate.id });
  const teamEntry = await submit(owner);
  await ctx.db.update(submissions).set({ teamId: team.id }).where(eq(submissions.id, teamEntry));
  assert.equal((await cancel(teamEntry, { cookie: await sessionCookie(teammate) })).status, 200);
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const other = await submit(owner);
  assert.equal((await cancel(other, { cookie: await sessionCookie(organizer) })).status, 200);
  assert.equal((await statusOf(other)).status, "cancelled");
});

test("a cancelled submission still counts toward the daily quota, but frees its in-flight slot", async () => {
  const owner = await createUser(ctx.db);
  const limited = await createBenchmark(ctx.db);
  await ctx.db.update(phases).set({ quotaPerDay: 2, quotaConcurrent: 1 }).where(eq(phases.id, limited.phase.id));
  const upload = async () => {
    const file = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
    archives.push(file.path);
    return file;
  };
  const store = openBundleStore(path.join(ctx.home, "bundles"));
  const accept = async () =>
    acceptSubmission({
      db: ctx.db,
      queue: await getQueue(),
      store,
      user: owner,
      benchmarkSlug: limited.benchmark.slug,
      upload: await upload(),
    });
  const refusedWith = (code: string) => (error: Error & { code?: string }) => {
    assert.equal(error.code, code, error.message);
    return true;
  };
  const first = await accept();
  await assert.rejects(accept(), refusedWith("quota_concurrent"), "one in flight at a time");
  assert.equal((await cancel(first.submissionId, { cookie: await sessionCookie(owner) })).status, 200);
  const second = await accept();
  assert.equal((await cancel(second.submissionId, { cookie: await sessionCookie(owner) })).status, 200);
  await assert.rejects(accept(), refusedWith("quota_daily"), "both cancelled submissions count for the day");
});
