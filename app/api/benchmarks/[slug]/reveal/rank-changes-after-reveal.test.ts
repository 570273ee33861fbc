import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases, submissions } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db, { phase: { revealAt: new Date(Date.now() + 86_400_000) } });
  const prober = await createUser(ctx.db);
  const honest = await createUser(ctx.db);
  // The prober submits four times and tops the public board with an entry that does worse on the private one.
  for (const pub of [0.7, 0.75, 0.8])
    await insertFinishedSubmission(ctx.db, { fixture, user: prober, accuracy: { public: pub, private: 0.6 } });
  const failed = await insertFinishedSubmission(ctx.db, { fixture, user: prober, status: "failed" });
  await ctx.db.update(submissions).set({ failureKind: "platform" }).where(eq(submissions.id, failed.id));
  await insertFinishedSubmission(ctx.db, { fixture, user: prober, status: "failed" });
  await insertFinishedSubmission(ctx.db, {
    fixture,
    user: honest,
    name: "honest",
    accuracy: { public: 0.72, private: 0.7 },
  });
});
after(async () => ctx.close());

async function get() {
  const slug = fixture.benchmark.slug;
  const response = await GET(new Request(`http://localhost/api/benchmarks/${slug}/reveal`), {
    params: Promise.resolve({ slug }),
  });
  return { status: response.status, body: await response.json() };
}

test("before the reveal the analysis is sealed like the private board", async () => {
  const { status, body } = await get();
  assert.equal(status, 403);
  assert.equal(body.error.code, "private_not_revealed");
});

test("after the reveal: public and private per entrant, submissions counted (platform failures not), rank changes", async () => {
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const { status, body } = await get();
  assert.equal(status, 200, JSON.stringify(body));
  const summary = body.rows.map((r: Record<string, unknown>) => [
    r.public,
    r.private,
    r.submissions,
    r.publicRank,
    r.privateRank,
    r.rankChange,
  ]);
  assert.deepEqual(summary, [
    [0.8, 0.6, 4, 1, 2, -1],
    [0.72, 0.7, 1, 2, 1, 1],
  ]);
  assert.match(body.plot, /^<svg/);
});
