import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { submissions } from "@/db/schema";
import { getBundleStore } from "@/lib/server/context";
import { createBenchmark, createOrganizerOf, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET, POST } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let entry: Awaited<ReturnType<typeof insertFinishedSubmission>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  entry = await insertFinishedSubmission(ctx.db, { fixture, user: await createUser(ctx.db) });
  // The entry's bundle is in the store, so it can run again.
  const stored = getBundleStore().path(entry.bundleSha256);
  fs.mkdirSync(path.dirname(stored), { recursive: true });
  fs.writeFileSync(stored, "bundle bytes");
  const b = fixture.benchmark;
  await upsertBenchmark(ctx.db, {
    slug: b.slug,
    title: b.title,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec({ queries: 4 }),
  });
});
after(async () => ctx.close());

async function call(method: "GET" | "POST", headers: Record<string, string> = {}) {
  const slug = fixture.benchmark.slug;
  const handler = method === "GET" ? GET : POST;
  const response = await handler(
    new Request(`http://localhost/api/benchmarks/${slug}/reevaluate`, { method, headers }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: response.status, body: await response.json() };
}

const reevaluations = () => ctx.db.select().from(submissions).where(eq(submissions.reevaluationOf, entry.id));

test("anonymous → 401 for both the status and the action, and nothing is queued", async () => {
  for (const method of ["GET", "POST"] as const) {
    const { status, body } = await call(method);
    assert.equal(status, 401);
    assert.equal(body.error.code, "unauthenticated");
  }
  assert.deepEqual(await reevaluations(), []);
});

test("a participant → 403, by session and by API token alike, and nothing is queued", async () => {
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    for (const method of ["GET", "POST"] as const) {
      const { status, body } = await call(method, headers);
      assert.equal(status, 403);
      assert.equal(body.error.code, "forbidden");
    }
  }
  assert.deepEqual(await reevaluations(), []);
});

test("an organizer's session cannot be used from another site", async () => {
  const organizer = await createOrganizerOf(ctx.db, fixture);
  const { status, body } = await call("POST", {
    cookie: await sessionCookie(organizer),
    origin: "https://elsewhere.example",
    host: "localhost",
  });
  assert.equal(status, 403);
  assert.equal(body.error.code, "cross_origin");
  assert.deepEqual(await reevaluations(), []);
});

test("an organizer sees what is left, re-evaluates, and follows the progress; a second click queues nothing", async () => {
  const headers = { cookie: await sessionCookie(await createOrganizerOf(ctx.db, fixture)) };
  const before = await call("GET", headers);
  assert.equal(before.status, 200);
  assert.equal(before.body.version, 2);
  assert.equal(before.body.pending, 1);
  assert.equal(before.body.progress.total, 0);

  const first = await call("POST", headers);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.version, 2);
  assert.deepEqual(
    first.body.created.map((c: { submissionId: string }) => c.submissionId),
    [entry.id],
  );
  assert.equal((await reevaluations()).length, 1);

  const progress = await call("GET", headers);
  assert.equal(progress.body.pending, 0);
  assert.deepEqual(progress.body.progress, { total: 1, queued: 1, running: 0, scored: 0, failed: 0, cancelled: 0 });

  const second = await call("POST", {
    authorization: await bearer(ctx.db, await createUser(ctx.db, { role: "admin" })),
  });
  assert.equal(second.status, 200);
  assert.deepEqual(second.body.created, []);
  assert.equal(second.body.alreadyReevaluated, 1);
  assert.equal((await reevaluations()).length, 1);
});
