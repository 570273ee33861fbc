import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases, submissions } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET as reveal } from "../reveal/route";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

// After the reveal the private ranking ranks each team's final entry: its best public entry (no rule), or the best
// on the private partition among those it chose (up to N), its best public entry standing in when it chose none.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
const ids: Record<string, string> = {};

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db, { phase: { revealAt: new Date(Date.now() - 1000) } });
  const [chooser, idle] = [await createUser(ctx.db), await createUser(ctx.db)];
  const add = async (name: string, user: { id: string }, pub: number, priv: number) =>
    (ids[name] = (
      await insertFinishedSubmission(ctx.db, {
        fixture,
        user,
        name,
        accuracy: { public: pub, private: priv, halfWidth: 0.001 },
      })
    ).id);
  // The chooser's best public entry overfits; it chose two others, one of them good on the private partition.
  await add("overfit", chooser, 0.9, 0.5);
  await add("chosen-good", chooser, 0.7, 0.8);
  await add("chosen-fair", chooser, 0.6, 0.6);
  await add("unchosen-best-private", chooser, 0.5, 0.95);
  // The idle one chose nothing: its best public entry stands in, not its best private one.
  await add("idle-best-public", idle, 0.8, 0.55);
  await add("idle-best-private", idle, 0.4, 0.9);
  await ctx.db.update(submissions).set({ selectedForFinal: true }).where(eq(submissions.id, ids["chosen-good"]!));
  await ctx.db.update(submissions).set({ selectedForFinal: true }).where(eq(submissions.id, ids["chosen-fair"]!));
});
after(async () => ctx.close());

async function privateBoard() {
  const slug = fixture.benchmark.slug;
  const response = await GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?partition=private`), {
    params: Promise.resolve({ slug }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()).rows as { name: string; rank: number }[]).map((r) => r.name);
}

test("no rule: each entrant's best public entry ranks by its private score", async () => {
  assert.deepEqual(await privateBoard(), ["idle-best-public", "overfit"]);
});

test("teams choose up to N: the best chosen entry on the private partition ranks; no choice → best public", async () => {
  await ctx.db.update(phases).set({ finalSelectionLimit: 2 }).where(eq(phases.id, fixture.phase.id));
  assert.deepEqual(await privateBoard(), ["chosen-good", "idle-best-public"]);
});

test("the public-vs-private analysis follows the same final entries", async () => {
  const slug = fixture.benchmark.slug;
  const body = await (
    await reveal(new Request(`http://localhost/api/benchmarks/${slug}/reveal`), { params: Promise.resolve({ slug }) })
  ).json();
  const summary = body.rows.map((r: { name: string; publicRank: number; privateRank: number }) => [
    r.name,
    r.publicRank,
    r.privateRank,
  ]);
  assert.deepEqual(summary, [
    ["idle-best-public", 1, 2],
    ["chosen-good", 2, 1],
  ]);
});

test("the public partition and the all-entries view are not affected by the choices", async () => {
  const slug = fixture.benchmark.slug;
  const get = async (q: string) =>
    (
      (
        await (
          await GET(new Request(`http://localhost/api/benchmarks/${slug}/leaderboard?${q}`), {
            params: Promise.resolve({ slug }),
          })
        ).json()
      ).rows as { name: string }[]
    ).map((r) => r.name);
  assert.deepEqual(await get("partition=public"), ["overfit", "idle-best-public"]);
  assert.equal((await get("partition=private&mode=all")).length, 6);
});
