import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTeam } from "@/lib/teams";
import { phases, submissions, teamMembers } from "@/db/schema";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { PUT } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

// A team chooses up to N entries for the final ranking. Refused: more than N, after the phase closed, another team's
// entry, anonymous callers, baselines, failed entries, and phases that rank the best public entry instead.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let member: Record<string, string>;
let teamEntries: string[];

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  await ctx.db.update(phases).set({ finalSelectionLimit: 2 }).where(eq(phases.id, fixture.phase.id));
  const [submitter, teammate] = [await createUser(ctx.db), await createUser(ctx.db)];
  const team = await createTeam(ctx.db, { userId: submitter.id, name: "Choosers" });
  await ctx.db.insert(teamMembers).values({ teamId: team.id, userId: teammate.id, role: "member" });
  teamEntries = [];
  for (let i = 0; i < 3; i++)
    teamEntries.push((await insertFinishedSubmission(ctx.db, { fixture, user: submitter, teamId: team.id })).id);
  member = { cookie: await sessionCookie(teammate) };
});
after(async () => ctx.close());

async function choose(id: string, body: unknown, headers: Record<string, string> = member) {
  const response = await PUT(
    new Request(`http://localhost/api/submissions/${id}/final-choice`, {
      method: "PUT",
      body: JSON.stringify(body),
      headers,
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}
const chosenNow = async () =>
  (await ctx.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.selectedForFinal, true)))
    .map((r) => r.id)
    .sort();

test("a team member chooses up to the limit; a third is refused with the count; unchoosing frees a slot", async () => {
  assert.deepEqual((await choose(teamEntries[0]!, { selected: true })).body, { selected: true, chosen: 1, limit: 2 });
  assert.equal((await choose(teamEntries[1]!, { selected: true })).body.chosen, 2);
  assert.equal((await choose(teamEntries[1]!, { selected: true })).body.chosen, 2, "choosing twice changes nothing");
  const third = await choose(teamEntries[2]!, { selected: true });
  assert.equal(third.status, 409);
  assert.equal(third.body.error.code, "selection_limit");
  assert.equal(
    third.body.error.message,
    "Your team has already chosen 2 of 2 entries for the final ranking of the 'Open' phase; unchoose one first.",
  );
  assert.deepEqual(await chosenNow(), [teamEntries[0]!, teamEntries[1]!].sort());
  assert.equal((await choose(teamEntries[0]!, { selected: false })).body.chosen, 1);
  assert.equal((await choose(teamEntries[2]!, { selected: true })).status, 200);
});

test("another team's (or another user's) entry, anonymous callers and bad bodies are refused; nothing changes", async () => {
  const before = await chosenNow();
  const stranger = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(stranger) },
    { authorization: await bearer(ctx.db, stranger) },
  ] as Record<string, string>[]) {
    const refused = await choose(teamEntries[0]!, { selected: true }, headers);
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.error.message,
      "Only the submitter of an entry, or a member of its team, can choose it for the final ranking.",
    );
  }
  assert.equal((await choose(teamEntries[0]!, { selected: true }, {})).status, 401);
  assert.equal(
    (await choose(teamEntries[0]!, { selected: "yes" })).body.error.message,
    "selected: selected is true (choose) or false (unchoose)",
  );
  assert.equal((await choose("no-such-entry", { selected: true })).status, 404);
  assert.deepEqual(await chosenNow(), before);
});

test("a solo competitor's failed entry and a baseline cannot be chosen", async () => {
  const solo = await createUser(ctx.db);
  const failed = await insertFinishedSubmission(ctx.db, { fixture, user: solo, status: "failed" });
  const headers = { cookie: await sessionCookie(solo) };
  const refused = await choose(failed.id, { selected: true }, headers);
  assert.equal(refused.status, 400);
  assert.match(
    refused.body.error.message,
    /This entry failed; only entries that are scored or still running can be chosen\./,
  );
  const baseline = await insertFinishedSubmission(ctx.db, { fixture, user: solo });
  await ctx.db.update(submissions).set({ isBaseline: true }).where(eq(submissions.id, baseline.id));
  assert.equal((await choose(baseline.id, { selected: true }, headers)).body.error.code, "baseline_not_choosable");
});

test("after the phase closed the choice is final; a phase without the rule has nothing to choose", async () => {
  await ctx.db
    .update(phases)
    .set({ closesAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const closed = await choose(teamEntries[1]!, { selected: false });
  assert.equal(closed.status, 403);
  assert.match(closed.body.error.message, /^The 'Open' phase closed at .* UTC; final choices can no longer change\.$/);
  await ctx.db.update(phases).set({ closesAt: null, finalSelectionLimit: null }).where(eq(phases.id, fixture.phase.id));
  const unused = await choose(teamEntries[1]!, { selected: false });
  assert.equal(unused.status, 400);
  assert.equal(
    unused.body.error.message,
    "The 'Open' phase ranks each team's best public entry; there is nothing to choose.",
  );
});
