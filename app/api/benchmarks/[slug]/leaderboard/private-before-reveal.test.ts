import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases } from "@/db/schema";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let organizer: Awaited<ReturnType<typeof createUser>>;

before(async () => {
  ctx = await startRouteTest();
  organizer = await createUser(ctx.db, { role: "organizer" });
  fixture = await createBenchmark(ctx.db, { phase: { revealAt: new Date(Date.now() + 3600_000) } });
  await insertFinishedSubmission(ctx.db, {
    fixture,
    user: await createUser(ctx.db),
    accuracy: { public: 0.61, private: 0.58 },
  });
});
after(async () => ctx.close());

async function get(query: string, headers: Record<string, string> = {}) {
  const slug = fixture.benchmark.slug;
  return GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?${query}`, { headers }), {
    params: Promise.resolve({ slug }),
  });
}

test("the private partition is 403 before the reveal time, saying until when — organizers included", async () => {
  for (const headers of [{}, { cookie: await sessionCookie(organizer) }] as Record<string, string>[]) {
    for (const format of ["json", "csv"]) {
      const response = await get(`partition=private&format=${format}`, headers);
      assert.equal(response.status, 403);
      const body = await response.json();
      assert.equal(body.error.code, "private_not_revealed");
      assert.match(body.error.message, /hidden until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    }
  }
});

test("the public partition is readable without signing in", async () => {
  const response = await get("partition=public");
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.rows.length, 1);
  assert.equal(body.rows[0].metrics.accuracy.value, 0.61);
});

test("once the reveal time has passed the private partition is served", async () => {
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const response = await get("partition=private");
  assert.equal(response.status, 200);
  assert.equal((await response.json()).rows[0].metrics.accuracy.value, 0.58);
});

test("no reveal time set: hidden, and the message says the organizers have not set one", async () => {
  await ctx.db.update(phases).set({ revealAt: null }).where(eq(phases.id, fixture.phase.id));
  const response = await get("partition=private");
  assert.equal(response.status, 403);
  assert.match((await response.json()).error.message, /until the organizers set a reveal time/);
});

test("a bad partition value is a 400 naming the parameter", async () => {
  const response = await get("partition=secret");
  assert.equal(response.status, 400);
  assert.match((await response.json()).error.message, /^partition:/);
});
