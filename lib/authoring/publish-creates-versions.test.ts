import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { listBenchmarkViews } from "@/lib/server/benchmark-view";
import { aggregates, benchmarkVersions, phases, submissions } from "@/db/schema";
import { getBundleStore, getQueue } from "@/lib/server/context";
import { createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { publishAuthored } from "./publish";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

const yaml = (overrides: { ways?: number; title?: string } = {}) => `# An authored benchmark
slug: authored-glyphs
title: ${overrides.title ?? "Authored glyphs"}
track: fewshot
dataset: glyphs
ways: ${overrides.ways ?? 5}
shots: 1
queries: 5
partitions:
  public: { episodes: 4, seed: 7 }
  private: { episodes: 4 }
kinds: [embedding, learner]
`;

async function publish(text: string, organizerId: string, edit?: string) {
  return publishAuthored({
    db: ctx.db,
    queue: await getQueue(),
    store: getBundleStore(),
    text,
    edit,
    datasetsDir: `${ctx.home}/datasets`,
    createdBy: organizerId,
  });
}

test("publishing creates version 1 with its YAML, the default phase and queued baselines; it is listed on the home page", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const result = await publish(yaml(), organizer.id);
  assert.deepEqual(
    { ...result, baselinesQueued: undefined },
    { slug: "authored-glyphs", version: 1, created: true, baselinesQueued: undefined },
  );
  const current = await findBenchmarkBySlug(ctx.db, "authored-glyphs");
  assert.ok(current);
  assert.equal(current.version.source, yaml());
  assert.equal(current.benchmark.createdBy, organizer.id);
  assert.equal(current.phase?.name, "Open");
  const baselines = await ctx.db
    .select({ name: submissions.name })
    .from(submissions)
    .where(and(eq(submissions.benchmarkId, current.benchmark.id), eq(submissions.isBaseline, true)));
  assert.ok(baselines.length > 0, "the few-shot baselines are queued");
  assert.deepEqual(baselines.map((b) => `authored-glyphs/${b.name}`).sort(), [...result.baselinesQueued].sort());
  const home = await listBenchmarkViews(ctx.db, undefined);
  assert.ok(
    home.some((b) => b.slug === "authored-glyphs"),
    "the benchmark appears on the home page",
  );
});

test("the same slug again is refused unless it is an edit; an edit with a changed spec is version 2 and old results keep version 1", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const participant = await createUser(ctx.db);
  const v1 = await findBenchmarkBySlug(ctx.db, "authored-glyphs");
  assert.ok(v1?.phase);
  const entry = await insertFinishedSubmission(ctx.db, {
    fixture: { benchmark: v1.benchmark, version: v1.version, phase: v1.phase },
    user: participant,
    accuracy: { public: 0.61, private: 0.6 },
  });

  await assert.rejects(publish(yaml({ ways: 4 }), organizer.id), { code: "benchmark_exists", status: 409 });
  await assert.rejects(publish(yaml({ ways: 4 }), organizer.id, "other-benchmark"), { code: "slug_changed" });

  const v2 = await publish(yaml({ ways: 4 }), organizer.id, "authored-glyphs");
  assert.deepEqual({ version: v2.version, created: v2.created }, { version: 2, created: true });
  const versions = await ctx.db
    .select()
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, v1.benchmark.id))
    .orderBy(asc(benchmarkVersions.version));
  assert.deepEqual(
    versions.map((v) => [v.version, v.spec.track === "fewshot" && v.spec.ways, v.source]),
    [
      [1, 5, yaml()],
      [2, 4, yaml({ ways: 4 })],
    ],
  );

  const [kept] = await ctx.db.select().from(submissions).where(eq(submissions.id, entry.id));
  assert.equal(kept!.benchmarkVersionId, v1.version.id, "the entry stays tied to version 1");
  const scores = await ctx.db
    .select()
    .from(aggregates)
    .where(and(eq(aggregates.submissionId, entry.id), eq(aggregates.metric, "accuracy")));
  assert.deepEqual(scores.map((s) => s.value).sort(), [0.6, 0.61], "its scores are not rewritten");
  assert.equal(
    (await ctx.db.select().from(phases).where(eq(phases.benchmarkId, v1.benchmark.id))).length,
    1,
    "no second phase",
  );

  // A new title on the same protocol is no new version: results stay comparable.
  const retitled = await publish(yaml({ ways: 4, title: "Authored glyphs, renamed" }), organizer.id, "authored-glyphs");
  assert.deepEqual({ version: retitled.version, created: retitled.created }, { version: 2, created: false });
  const renamed = await findBenchmarkBySlug(ctx.db, "authored-glyphs");
  assert.equal(renamed?.benchmark.title, "Authored glyphs, renamed");
  assert.equal(
    renamed?.version.source,
    yaml({ ways: 4, title: "Authored glyphs, renamed" }),
    "the editor shows the text last published",
  );
  assert.equal(renamed?.version.id, versions[1]!.id);
});

test("an invalid spec, a track change and a leaking split are refused and publish nothing", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  await assert.rejects(publish(yaml().replace("ways: 5", "ways: 1"), organizer.id), {
    code: "spec_invalid",
    message: "benchmark.yaml:6: ways: Too small: expected number to be >=2",
  });
  const atari = `slug: authored-glyphs\ntitle: t\ntrack: atari\ngames: [Pong]\npartitions: { public: { seeds: [1] }, private: { runs: 1 } }\nkinds: [agent]\n`;
  await assert.rejects(publish(atari, organizer.id, "authored-glyphs"), { code: "track_changed" });
  assert.equal((await findBenchmarkBySlug(ctx.db, "authored-glyphs"))?.version.version, 2);
  assert.equal(await findBenchmarkBySlug(ctx.db, "never-published"), undefined);
});
