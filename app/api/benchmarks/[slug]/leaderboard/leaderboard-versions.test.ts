import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { submissions } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// Each version has its own leaderboard: the latest by default, older ones by ?version=N, exactly as they were.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let v1: Awaited<ReturnType<typeof createBenchmark>>;
let slug: string;
let alpha: { id: string };
let oldBoard: unknown;

before(async () => {
  ctx = await startRouteTest();
  v1 = await createBenchmark(ctx.db);
  slug = v1.benchmark.slug;
  const [ann, ben] = [await createUser(ctx.db), await createUser(ctx.db)];
  alpha = await insertFinishedSubmission(ctx.db, {
    fixture: v1,
    user: ann,
    name: "alpha",
    accuracy: { public: 0.7, private: 0.7 },
  });
  await insertFinishedSubmission(ctx.db, {
    fixture: v1,
    user: ben,
    name: "beta",
    accuracy: { public: 0.6, private: 0.6 },
  });
  oldBoard = await (await get("")).json();

  const b = v1.benchmark;
  const v2 = await upsertBenchmark(ctx.db, {
    slug,
    title: b.title,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec({ queries: 4 }),
  });
  const copy = await insertFinishedSubmission(ctx.db, {
    fixture: { ...v1, version: v2.version },
    user: ann,
    name: "alpha",
    accuracy: { public: 0.55, private: 0.5 },
  });
  await ctx.db.update(submissions).set({ reevaluationOf: alpha.id }).where(eq(submissions.id, copy.id));
  await insertFinishedSubmission(ctx.db, {
    fixture: { ...v1, version: v2.version },
    user: await createUser(ctx.db),
    name: "gamma",
    accuracy: { public: 0.8, private: 0.8 },
  });
});
after(async () => ctx.close());

function get(query: string) {
  return GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?${query}`), {
    params: Promise.resolve({ slug }),
  });
}

test("the latest version by default, with its own entries only; a re-evaluation says where it comes from", async () => {
  const body = await (await get("")).json();
  assert.equal(body.benchmark.version, 2);
  assert.equal(body.benchmark.latestVersion, 2);
  assert.deepEqual(
    body.rows.map((r: { name: string }) => r.name),
    ["gamma", "alpha"],
  );
  assert.deepEqual(body.rows[1].reevaluationOf, { submissionId: alpha.id, version: 1 });
  assert.equal(body.rows[0].reevaluationOf, null);
});

test("?version=1 is the old leaderboard exactly as it was before the new version", async () => {
  const response = await get("version=1");
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body.rows, (oldBoard as { rows: unknown }).rows);
  assert.equal(body.benchmark.version, 1);
  assert.equal(body.benchmark.latestVersion, 2);
});

test("the CSV of an old version is named for it", async () => {
  const response = await get("version=1&format=csv");
  assert.match(response.headers.get("content-disposition") ?? "", /-v1-public-leaderboard\.csv/);
  assert.equal((await response.text()).trim().split("\n").length, 3);
});

test("a version that does not exist is a 404 naming the latest; a malformed one a 400", async () => {
  const missing = await get("version=7");
  assert.equal(missing.status, 404);
  const body = await missing.json();
  assert.equal(body.error.code, "version_not_found");
  assert.match(body.error.message, /has no version 7; its latest is v2/);
  const malformed = await get("version=latest");
  assert.equal(malformed.status, 400);
  assert.match((await malformed.json()).error.message, /^version:/);
});
