import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { listDisqualified } from "@/db/queries/moderation";
import { GET as leaderboard } from "@/app/api/benchmarks/[slug]/leaderboard/route";
import { GET as submission } from "@/app/api/submissions/[id]/route";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET, POST } from "./route";
import { createBenchmark, createOrganizerOf, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let owner: Awaited<ReturnType<typeof createUser>>;
let entryId: string;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  owner = await createUser(ctx.db);
  entryId = (await insertFinishedSubmission(ctx.db, { fixture, user: owner, accuracy: { public: 0.9, private: 0.9 } }))
    .id;
  await insertFinishedSubmission(ctx.db, {
    fixture,
    user: await createUser(ctx.db),
    accuracy: { public: 0.5, private: 0.5 },
  });
});
after(async () => ctx.close());

const params = (id = entryId) => ({ params: Promise.resolve({ id }) });
async function rule(body: unknown, headers: Record<string, string> = {}) {
  const response = await POST(
    new Request(`http://localhost/api/submissions/${entryId}/moderation`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
    params(),
  );
  return { status: response.status, body: await response.json() };
}
async function boardIds(): Promise<string[]> {
  const slug = fixture.benchmark.slug;
  const response = await leaderboard(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?mode=all`), {
    params: Promise.resolve({ slug }),
  });
  return (await response.json()).rows.map((r: { submissionId: string }) => r.submissionId);
}
const readAs = async (headers: Record<string, string>) =>
  (await submission(new Request(`http://localhost/api/submissions/${entryId}`, { headers }), params())).status;

test("anonymous → 401 and a participant → 403 for rulings and for the audit log; nothing is recorded", async () => {
  assert.equal((await rule({ state: "hidden", reason: "spam" })).status, 401);
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    const { status, body } = await rule({ state: "disqualified", reason: "no reason" }, headers);
    assert.equal(status, 403);
    assert.equal(body.error.code, "forbidden");
    assert.equal((await GET(new Request("http://localhost/x", { headers }), params())).status, 403);
  }
  assert.equal((await GET(new Request("http://localhost/x"), params())).status, 401);
  assert.equal((await boardIds()).includes(entryId), true);
});

test("a ruling without a reason is refused with the reason why", async () => {
  const organizer = await createOrganizerOf(ctx.db, fixture);
  const { status, body } = await rule({ state: "hidden", reason: "" }, { cookie: await sessionCookie(organizer) });
  assert.equal(status, 400);
  assert.match(body.error.message, /Give a reason/);
});

test("hide → off the board and 404 to the public, still readable by its owner; disqualify → unranked; every ruling logged", async () => {
  const organizer = await createOrganizerOf(ctx.db, fixture);
  const asOrganizer = { cookie: await sessionCookie(organizer) };

  assert.equal((await rule({ state: "hidden", reason: "duplicate of another entry" }, asOrganizer)).status, 201);
  assert.equal((await boardIds()).includes(entryId), false);
  assert.equal(await readAs({}), 404);
  assert.equal(await readAs({ cookie: await sessionCookie(owner) }), 200);
  assert.equal(await readAs(asOrganizer), 200);

  assert.equal((await rule({ state: "disqualified", reason: "trained on the test classes" }, asOrganizer)).status, 201);
  assert.equal((await boardIds()).includes(entryId), false);
  const publicView = await submission(new Request(`http://localhost/api/submissions/${entryId}`), params());
  assert.equal(publicView.status, 200);
  assert.deepEqual({ state: (await publicView.json()).moderation.state }, { state: "disqualified" });

  const listed = await listDisqualified(ctx.db, fixture.benchmark.id);
  assert.deepEqual(
    listed.map((d) => [d.id, d.reason]),
    [[entryId, "trained on the test classes"]],
  );

  assert.equal((await rule({ state: "visible", reason: "appeal upheld" }, asOrganizer)).status, 201);
  assert.deepEqual(await listDisqualified(ctx.db, fixture.benchmark.id), []);
  assert.equal((await boardIds())[0], entryId);

  const log = await (await GET(new Request("http://localhost/x", { headers: asOrganizer }), params())).json();
  assert.deepEqual(
    log.actions.map((a: { state: string; reason: string }) => `${a.state}: ${a.reason}`),
    ["visible: appeal upheld", "disqualified: trained on the test classes", "hidden: duplicate of another entry"],
  );
});
