import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { listBenchmarkVersions } from "@/db/queries/views";
import { phases } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let strong: string, weak: string, hidden: string;

// Calibration statistics of one episode as the few-shot scorer stores them: 5 predictions at confidence 0.9, 4 right.
const bins = { "ece.count.13": 5, "ece.conf.13": 4.5, "ece.correct.13": 4 };

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db, { phase: { revealAt: new Date(Date.now() + 86_400_000) } });
  const user = await createUser(ctx.db);
  const episodes = (accs: number[]) => accs.map((accuracy) => ({ accuracy, nll: 1 - accuracy, ...bins }));
  strong = (
    await insertFinishedSubmission(ctx.db, {
      fixture,
      user,
      name: "<b>strong</b>",
      accuracy: { public: 0.8, private: 0.7 },
      episodes: { public: episodes([0.8, 0.9, 0.7, 0.8]) },
    })
  ).id;
  weak = (
    await insertFinishedSubmission(ctx.db, {
      fixture,
      user,
      name: "weak",
      accuracy: { public: 0.6, private: 0.6 },
      episodes: { public: episodes([0.7, 0.8, 0.6, 0.8]) },
    })
  ).id;
  hidden = (
    await insertFinishedSubmission(ctx.db, {
      fixture,
      user,
      visibility: "private",
      episodes: { public: episodes([1, 1, 1, 1]) },
    })
  ).id;
});
after(async () => ctx.close());

async function get(query: string) {
  const slug = fixture.benchmark.slug;
  const response = await GET(new Request(`http://localhost/api/benchmarks/${slug}/compare?${query}`), {
    params: Promise.resolve({ slug }),
  });
  return { status: response.status, body: await response.json() };
}

test("two entries: paired probability of improvement over episodes, and the plots rendered as SVG", async () => {
  const { status, body } = await get(`ids=${strong},${weak}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual(
    body.entries.map((e: { id: string }) => e.id),
    [strong, weak],
  );
  const [pair] = body.pairs;
  assert.equal(pair.a, strong);
  // Episodes: won, won, won, tied → (1 + 1 + 1 + 0.5) / 4.
  assert.equal(pair.improvement.estimate, 0.875);
  assert.equal(pair.improvement.method, "paired-episodes");
  assert.ok(pair.improvement.interval.low <= 0.875 && pair.improvement.interval.high === 1);
  assert.match(body.plots.intervals, /^<svg/);
  assert.match(body.plots.reliability, /^<svg/);
  assert.ok(!body.plots.intervals.includes("<b>"), "entry names are escaped inside the SVG");
  assert.ok(body.plots.intervals.includes("&lt;b&gt;strong"));
});

test("the private partition is refused before the reveal and compared after it", async () => {
  const sealed = await get(`ids=${strong},${weak}&partition=private`);
  assert.equal(sealed.status, 403);
  assert.equal(sealed.body.error.code, "private_not_revealed");
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const open = await get(`ids=${strong},${weak}&partition=private`);
  assert.equal(open.status, 200);
  assert.equal(open.body.entries[0].scores.accuracy.value, 0.7);
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() + 86_400_000) })
    .where(eq(phases.id, fixture.phase.id));
});

test("someone else's private entry is not comparable (404 naming it); one entry alone is a 400", async () => {
  const { status, body } = await get(`ids=${strong},${hidden}`);
  assert.equal(status, 404);
  assert.match(body.error.message, new RegExp(hidden));
  const single = await get(`ids=${strong}`);
  assert.equal(single.status, 400);
  assert.match(single.body.error.message, /at least two/);
});

test("entries of different benchmark versions are refused with the versions named", async () => {
  const next = await upsertBenchmark(ctx.db, {
    slug: fixture.benchmark.slug,
    title: fixture.benchmark.title,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec({ shots: 5 }),
  });
  const later = await insertFinishedSubmission(ctx.db, {
    fixture: { ...fixture, version: next.version },
    user: await createUser(ctx.db),
  });
  const { status, body } = await get(`ids=${strong},${later.id}`);
  assert.equal(status, 400);
  assert.match(body.error.message, /different versions .*\(v1, v2\)/);
  // The version history counts each version's own scored public entries.
  const history = await listBenchmarkVersions(ctx.db, fixture.benchmark.id);
  assert.deepEqual(
    history.map((v) => [v.version, v.entries]),
    [
      [2, 1],
      [1, 2],
    ],
  );
});
