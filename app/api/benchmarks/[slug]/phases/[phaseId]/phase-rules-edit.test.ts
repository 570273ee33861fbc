import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases } from "@/db/schema";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { PATCH } from "./route";
import { createBenchmark, createOrganizerOf, createUser } from "@/testing/platform/fixtures";

// The phase rules beyond window and quotas: concurrent quota, team size, failure cap, final selection, freeze.
// Organizers set and clear them; wrong values are refused with a message naming the field; others are refused.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let organizer: Record<string, string>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  organizer = { cookie: await sessionCookie(await createOrganizerOf(ctx.db, fixture)) };
});
after(async () => ctx.close());

async function patch(body: unknown, headers: Record<string, string> = organizer) {
  const params = { slug: fixture.benchmark.slug, phaseId: fixture.phase.id };
  const response = await PATCH(
    new Request(`http://localhost/api/benchmarks/${params.slug}/phases/${params.phaseId}`, {
      method: "PATCH",
      body: JSON.stringify(body),
      headers,
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: await response.json() };
}
const current = async () => (await ctx.db.select().from(phases).where(eq(phases.id, fixture.phase.id)))[0]!;

const rules = {
  quotaConcurrent: 2,
  teamSizeLimit: 3,
  userFailuresPerDay: 4,
  finalSelectionLimit: 2,
  frozenAt: new Date(Date.now() + 3_600_000).toISOString(),
};

test("participants (session or token) and anonymous callers cannot change the rules", async () => {
  assert.equal((await patch(rules, {})).status, 401);
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    assert.equal((await patch(rules, headers)).status, 403);
  }
  const phase = await current();
  assert.deepEqual(
    [phase.quotaConcurrent, phase.teamSizeLimit, phase.userFailuresPerDay, phase.finalSelectionLimit, phase.frozenAt],
    [null, null, null, null, null],
  );
});

test("an organizer sets every rule, then clears them with null", async () => {
  const { status, body } = await patch(rules);
  assert.equal(status, 200);
  assert.equal(body.phase.finalSelectionLimit, 2);
  let phase = await current();
  assert.deepEqual(
    [
      phase.quotaConcurrent,
      phase.teamSizeLimit,
      phase.userFailuresPerDay,
      phase.finalSelectionLimit,
      phase.frozenAt?.toISOString(),
    ],
    [2, 3, 4, 2, rules.frozenAt],
  );
  assert.equal((await patch(Object.fromEntries(Object.keys(rules).map((k) => [k, null])))).status, 200);
  phase = await current();
  assert.deepEqual(
    [phase.quotaConcurrent, phase.teamSizeLimit, phase.userFailuresPerDay, phase.finalSelectionLimit, phase.frozenAt],
    [null, null, null, null, null],
  );
});

test("wrong values are refused with the field and the reason, and nothing changes", async () => {
  const cases: [unknown, string][] = [
    [{ quotaConcurrent: 0 }, "quotaConcurrent: at least 1 (leave it empty for no limit)"],
    [{ teamSizeLimit: 2.5 }, "teamSizeLimit: a whole number of members"],
    [
      { userFailuresPerDay: "3" },
      "userFailuresPerDay: a whole number of failed submissions per 24 hours, or null for no limit",
    ],
    [{ finalSelectionLimit: 101 }, "finalSelectionLimit: at most 100"],
    [{ frozenAt: "soon" }, "frozenAt: frozenAt must be a date and time (ISO 8601)"],
    [{ frozenAt: new Date(0).toISOString() }, "frozenAt: the leaderboard can only freeze after the phase opens."],
    [
      { closesAt: new Date(Date.now() + 60_000).toISOString(), frozenAt: new Date(Date.now() + 120_000).toISOString() },
      "frozenAt: the leaderboard must freeze before the phase closes (or leave it empty).",
    ],
  ];
  const before = await current();
  for (const [body, message] of cases) {
    const response = await patch(body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.equal(response.body.error.message, message);
  }
  assert.deepEqual(await current(), before);
});
