import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases, submissions } from "@/db/schema";
import { publishEvent } from "@/lib/events";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET as badge } from "../badge/route";
import { GET as compare } from "../compare/route";
import { GET as data } from "../data/[dataset]/route";
import { GET as listBenchmarks } from "../../route";
import { GET as events } from "../../../events/route";
import { GET as submission } from "../../../submissions/[id]/route";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

// After the freeze the public leaderboard (JSON, CSV, badge, open data, compare, live refresh) shows only entries
// submitted before it; later ones are scored and visible to their owners, and appear publicly after the reveal.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let early: { id: string };
let late: { id: string };
let lateOwner: Awaited<ReturnType<typeof createUser>>;
const frozenAt = new Date(Date.now() - 3_600_000);

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  const earlyOwner = await createUser(ctx.db);
  lateOwner = await createUser(ctx.db);
  early = await insertFinishedSubmission(ctx.db, {
    fixture,
    user: earlyOwner,
    name: "early",
    accuracy: { public: 0.6, private: 0.6 },
  });
  late = await insertFinishedSubmission(ctx.db, {
    fixture,
    user: lateOwner,
    name: "late",
    accuracy: { public: 0.9, private: 0.9 },
  });
  await ctx.db
    .update(submissions)
    .set({ createdAt: new Date(frozenAt.getTime() - 60_000) })
    .where(eq(submissions.id, early.id));
  await ctx.db.update(phases).set({ frozenAt }).where(eq(phases.id, fixture.phase.id));
});
after(async () => ctx.close());

const slug = () => fixture.benchmark.slug;
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const req = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });

async function publicView() {
  const board = await (await GET(req(`/api/benchmarks/${slug()}/leaderboard`), params({ slug: slug() }))).json();
  const csv = await (
    await GET(req(`/api/benchmarks/${slug()}/leaderboard?format=csv`), params({ slug: slug() }))
  ).text();
  const entries = await (
    await data(req(`/api/benchmarks/${slug()}/data/entries`), params({ slug: slug(), dataset: "entries" }))
  ).json();
  return {
    frozenAt: board.frozenAt as string | null,
    rows: (board.rows as { name: string }[]).map((r) => r.name),
    csvHasLate: csv.includes(late.id),
    openData: (entries.entries as { name: string }[]).map((e) => e.name),
    lateBadge: (
      await badge(req(`/api/benchmarks/${slug()}/badge?entrant=${lateOwner.id}&format=json`), params({ slug: slug() }))
    ).status,
    compare: (
      await compare(req(`/api/benchmarks/${slug()}/compare?ids=${early.id},${late.id}`), params({ slug: slug() }))
    ).status,
    lateEntry: (await submission(req(`/api/submissions/${late.id}`), params({ id: late.id }))).status,
    scoredCount: (
      (await (await listBenchmarks(req("/api/benchmarks"))).json()).benchmarks as { slug: string; scored: number }[]
    ).find((b) => b.slug === slug())!.scored,
  };
}

test("frozen: only entries submitted before the freeze are public, and the board says since when", async () => {
  assert.deepEqual(await publicView(), {
    frozenAt: frozenAt.toISOString(),
    rows: ["early"],
    csvHasLate: false,
    openData: ["early"],
    lateBadge: 404,
    compare: 404,
    lateEntry: 404,
    scoredCount: 1,
  });
});

test("the later entry is scored and its owner sees it on its page", async () => {
  const response = await submission(
    req(`/api/submissions/${late.id}`, { cookie: await sessionCookie(lateOwner) }),
    params({ id: late.id }),
  );
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.status, "scored");
  assert.equal(body.scores.find((s: { partition: string }) => s.partition === "public").value, 0.9);
});

test("the live refresh of a frozen board ignores entries submitted after the freeze", async () => {
  const abort = new AbortController();
  const response = await events(
    new Request(`http://localhost/api/events?benchmark=${slug()}`, { signal: abort.signal }),
  );
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const readUntil = async (needle: string) => {
    const deadline = Date.now() + 10_000;
    while (!text.includes(needle)) {
      const next = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no '${needle}' in ${JSON.stringify(text)}`)), deadline - Date.now()),
        ),
      ]);
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
  };
  await readUntil("event: ready");
  await publishEvent(ctx.db, {
    type: "submission",
    submissionId: late.id,
    benchmarkId: fixture.benchmark.id,
    status: "scored",
  });
  await publishEvent(ctx.db, {
    type: "submission",
    submissionId: early.id,
    benchmarkId: fixture.benchmark.id,
    status: "scored",
  });
  await readUntil(early.id);
  abort.abort();
  assert.ok(!text.includes(late.id), "an entry made after the freeze must not show as activity");
});

test("after the reveal everything is public again", async () => {
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const view = await publicView();
  assert.equal(view.frozenAt, null);
  assert.deepEqual(view.rows, ["late", "early"]);
  assert.deepEqual(view.openData.sort(), ["early", "late"]);
  assert.equal(view.csvHasLate, true);
  assert.deepEqual([view.lateBadge, view.compare, view.lateEntry, view.scoredCount], [200, 200, 200, 2]);
});
