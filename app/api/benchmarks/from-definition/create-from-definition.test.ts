import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { submissions } from "@/db/schema";
import { listCreatableDefinitions } from "@/lib/server/rl-definitions";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;

before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

async function create(body: unknown, headers: Record<string, string> = {}) {
  const response = await POST(
    new Request("http://localhost/api/benchmarks/from-definition", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: await response.json() };
}

test("anonymous → 401 and no benchmark is created", async () => {
  const { status, body } = await create({ slug: "metaworld-ml1-reach" });
  assert.equal(status, 401);
  assert.equal(body.error.code, "unauthenticated");
  assert.equal(await findBenchmarkBySlug(ctx.db, "metaworld-ml1-reach"), undefined);
});

test("a participant → 403, by session and by API token alike, and no benchmark is created", async () => {
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    const { status, body } = await create({ slug: "metaworld-ml1-reach" }, headers);
    assert.equal(status, 403);
    assert.equal(body.error.code, "forbidden");
  }
  assert.equal(await findBenchmarkBySlug(ctx.db, "metaworld-ml1-reach"), undefined);
});

test("an unknown definition is a 404 that names the known ones", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const { status, body } = await create({ slug: "metaworld-ml2" }, { cookie: await sessionCookie(organizer) });
  assert.equal(status, 404);
  assert.match(body.error.message, /metaworld-ml10/);
});

test("an organizer creates Meta-World ML1 reach: the benchmark, its open phase, and its track's baselines queued", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const { status, body } = await create({ slug: "metaworld-ml1-reach" }, { cookie: await sessionCookie(organizer) });
  assert.equal(status, 201, JSON.stringify(body));
  const current = await findBenchmarkBySlug(ctx.db, "metaworld-ml1-reach");
  assert.ok(current, "the benchmark exists");
  assert.equal(current.version.spec.track, "metaworld");
  assert.equal(current.benchmark.createdBy, organizer.id);
  assert.equal(current.phase?.name, "Open");
  const baselines = await ctx.db
    .select({ name: submissions.name, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.benchmarkId, current.benchmark.id), eq(submissions.isBaseline, true)));
  assert.deepEqual(baselines.map((b) => b.name).sort(), ["metaworld-cem", "metaworld-random"]);
  assert.ok(baselines.every((b) => b.status === "queued"));
  assert.deepEqual([...body.baselinesQueued].sort(), [
    "metaworld-ml1-reach/metaworld-cem",
    "metaworld-ml1-reach/metaworld-random",
  ]);

  const left = (await listCreatableDefinitions(ctx.db)).map((d) => d.slug);
  assert.ok(!left.includes("metaworld-ml1-reach"), "the organizer page no longer offers it");
  assert.ok(left.includes("atari-100k") && left.includes("metaworld-ml10"));

  const again = await create({ slug: "metaworld-ml1-reach" }, { cookie: await sessionCookie(organizer) });
  assert.equal(again.status, 409, "creating it twice is refused, not a second set of baselines");
});
