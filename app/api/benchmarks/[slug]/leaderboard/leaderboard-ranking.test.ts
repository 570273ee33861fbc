import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { createTeam } from "@/lib/teams";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let slug: string;

before(async () => {
  ctx = await startRouteTest();
  const fixture = await createBenchmark(ctx.db);
  slug = fixture.benchmark.slug;
  const [alice, bob, carol] = [await createUser(ctx.db), await createUser(ctx.db), await createUser(ctx.db)];
  const team = await createTeam(ctx.db, { userId: alice.id, name: "Team Proto" });
  const add = (user: { id: string }, name: string, acc: number, extra: object = {}) =>
    insertFinishedSubmission(ctx.db, {
      fixture,
      user,
      name,
      accuracy: { public: acc, private: acc, halfWidth: 0.02 },
      ...extra,
    });
  await add(alice, "proto-a", 0.8, { teamId: team.id });
  await add(alice, "proto-b", 0.9, { teamId: team.id });
  await add(bob, "bob-1", 0.89);
  await add(bob, "bob-2", 0.5);
  await add(carol, "carol-hidden", 0.99, { visibility: "private" });
  await add(carol, "carol-1", 0.7);
});
after(async () => ctx.close());

async function board(query: string) {
  const response = await GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?${query}`), {
    params: Promise.resolve({ slug }),
  });
  assert.equal(response.status, 200);
  return response;
}

test("best per team by default: one row per entrant, ranked by accuracy; private submissions never listed", async () => {
  const body = await (await board("")).json();
  assert.deepEqual(
    body.rows.map((r: { name: string }) => r.name),
    ["proto-b", "bob-1", "carol-1"],
  );
  assert.equal(body.rows[0].entrant, "Team Proto");
});

test("overlapping intervals share a tier; separated ones start the next", async () => {
  const body = await (await board("")).json();
  assert.deepEqual(
    body.rows.map((r: { tier: number }) => r.tier),
    [1, 1, 2],
  );
});

test("all entries on the toggle", async () => {
  const body = await (await board("mode=all")).json();
  assert.deepEqual(
    body.rows.map((r: { name: string }) => r.name),
    ["proto-b", "bob-1", "proto-a", "carol-1", "bob-2"],
  );
});

test("CSV export: header with each metric's interval, one line per entry", async () => {
  const response = await board("format=csv");
  assert.match(response.headers.get("content-type") ?? "", /^text\/csv/);
  const lines = (await response.text()).trim().split("\n");
  assert.match(
    lines[0]!,
    /^rank,tier,entrant,submission_id,name,kind,baseline,submitted_at,partition,accuracy,accuracy_ci_low,accuracy_ci_high,accuracy_n/,
  );
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /^1,1,Team Proto,[^,]+,proto-b,embedding,false,/);
});
