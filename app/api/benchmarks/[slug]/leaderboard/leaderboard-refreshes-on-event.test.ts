import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

test("a newly scored submission shows up on the next read (the process's leaderboard cache follows live events)", async () => {
  const fixture = await createBenchmark(ctx.db);
  const slug = fixture.benchmark.slug;
  const names = async () => {
    const response = await GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard`), {
      params: Promise.resolve({ slug }),
    });
    return ((await response.json()).rows as { name: string }[]).map((r) => r.name);
  };
  await insertFinishedSubmission(ctx.db, { fixture, user: await createUser(ctx.db), name: "first" });
  // Read until it shows: the cache refreshes on the event by itself, and nothing announces that it has.
  const deadline = Date.now() + 10_000;
  let seen = await names();
  while (!seen.includes("first") && Date.now() < deadline) seen = await names();
  assert.deepEqual(seen, ["first"]);

  await insertFinishedSubmission(ctx.db, {
    fixture,
    user: await createUser(ctx.db),
    name: "second",
    accuracy: { public: 0.9, private: 0.9 },
  });
  while (!seen.includes("second") && Date.now() < deadline) seen = await names();
  assert.deepEqual(seen, ["second", "first"]);
});
