import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases } from "@/db/schema";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { PATCH } from "./route";
import { createBenchmark, createOrganizerOf, createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db, { phase: { quotaPerDay: 5, quotaTotal: 100 } });
});
after(async () => ctx.close());

async function patch(body: unknown, headers: Record<string, string> = {}) {
  const params = { slug: fixture.benchmark.slug, phaseId: fixture.phase.id };
  const response = await PATCH(
    new Request(`http://localhost/api/benchmarks/${params.slug}/phases/${params.phaseId}`, {
      method: "PATCH",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: await response.json() };
}

const currentPhase = async () => (await ctx.db.select().from(phases).where(eq(phases.id, fixture.phase.id)))[0]!;

test("anonymous → 401 and nothing changes", async () => {
  const { status, body } = await patch({ quotaPerDay: 99 });
  assert.equal(status, 401);
  assert.equal(body.error.code, "unauthenticated");
  assert.equal((await currentPhase()).quotaPerDay, 5);
});

test("a participant → 403, by session and by API token alike, and nothing changes", async () => {
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    const { status, body } = await patch({ revealAt: new Date().toISOString() }, headers);
    assert.equal(status, 403);
    assert.equal(body.error.code, "forbidden");
  }
  assert.equal((await currentPhase()).revealAt, null);
});

test("an organizer closes the phase and sets the reveal time and quotas", async () => {
  const organizer = await createOrganizerOf(ctx.db, fixture);
  const revealAt = new Date(Date.now() + 86_400_000);
  const { status } = await patch(
    {
      closesAt: new Date(Date.now() + 1000).toISOString(),
      revealAt: revealAt.toISOString(),
      quotaPerDay: 3,
      quotaTotal: null,
    },
    { cookie: await sessionCookie(organizer) },
  );
  assert.equal(status, 200);
  const phase = await currentPhase();
  assert.equal(phase.quotaPerDay, 3);
  assert.equal(phase.quotaTotal, null);
  assert.equal(phase.revealAt?.getTime(), revealAt.getTime());
});

test("an admin may too; a window that closes before it opens is a 400", async () => {
  const admin = await createUser(ctx.db, { role: "admin" });
  const { status, body } = await patch({ closesAt: new Date(0).toISOString() }, { cookie: await sessionCookie(admin) });
  assert.equal(status, 400);
  assert.match(body.error.message, /close after it opens/);
});

test("unknown fields are refused with a 400 rather than ignored", async () => {
  const admin = await createUser(ctx.db, { role: "admin" });
  const { status } = await patch({ quota: 3 }, { cookie: await sessionCookie(admin) });
  assert.equal(status, 400);
});
