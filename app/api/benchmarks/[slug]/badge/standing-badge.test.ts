import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { createTeam } from "@/lib/teams";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let teamId: string;
let soloUserId: string;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  const member = await createUser(ctx.db);
  teamId = (await createTeam(ctx.db, { name: "<Team & Co>", userId: member.id })).id;
  await insertFinishedSubmission(ctx.db, { fixture, user: member, teamId, accuracy: { public: 0.9, private: 0.9 } });
  const solo = await createUser(ctx.db);
  soloUserId = solo.id;
  await insertFinishedSubmission(ctx.db, { fixture, user: solo, accuracy: { public: 0.4, private: 0.4 } });
});
after(async () => ctx.close());

const get = (query: string) => {
  const slug = fixture.benchmark.slug;
  return GET(new Request(`http://localhost/api/benchmarks/${slug}/badge?${query}`), {
    params: Promise.resolve({ slug }),
  });
};

test("a team's badge: SVG with its rank and score, the name escaped", async () => {
  const response = await get(`entrant=${teamId}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /image\/svg\+xml/);
  const svg = await response.text();
  assert.match(svg, /#1 of 2 · Accuracy 90\.0%/);
  assert.ok(svg.includes("&#60;Team &#38; Co&#62;") && !svg.includes("<Team"));
});

test("a solo user's standing as JSON", async () => {
  const standing = await (await get(`entrant=${soloUserId}&format=json`)).json();
  assert.deepEqual([standing.rank, standing.of, standing.metric.value], [2, 2, 0.4]);
});

test("an entrant without a ranked entry is a 404 that says so; no entrant is a 400", async () => {
  const response = await get("entrant=nobody");
  assert.equal(response.status, 404);
  assert.match((await response.json()).error.message, /No ranked entry of 'nobody'/);
  assert.equal((await get("")).status, 400);
});
