import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { hasProductionBuild, startNextServer } from "@/testing/platform/next-server";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// The rendered pages, through a real `next start` of the production build.
const skip = hasProductionBuild() ? false : "no production build in .next (run `npx next build`)";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let server: Awaited<ReturnType<typeof startNextServer>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  if (skip) return;
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  await insertFinishedSubmission(ctx.db, {
    fixture,
    user: await createUser(ctx.db),
    accuracy: { public: 0.5, private: 0.5 },
  });
  await upsertBenchmark(ctx.db, {
    slug: fixture.benchmark.slug,
    title: fixture.benchmark.title,
    track: "fewshot",
    summary: "",
    about: "Episodes are drawn once per seed.",
    synthetic: true,
    spec: smallFewshotSpec({ shots: 5 }),
  });
  server = await startNextServer({ databaseUrl: process.env.DATABASE_URL!, home: ctx.home });
});
after(async () => {
  await server?.stop();
  await ctx?.close();
});

const html = async (path: string) => {
  const response = await fetch(server.base + path);
  return { status: response.status, text: await response.text() };
};

test(
  "the about page shows the protocol, the exact spec, each version with what changed, and a citation of the current version",
  { skip },
  async () => {
    const { status, text } = await html(`/benchmarks/${fixture.benchmark.slug}/about`);
    assert.equal(status, 200);
    assert.match(text, /Episodes are drawn once per seed\./);
    assert.match(text, /&quot;shots&quot;: 5/);
    assert.match(text, /<td class="py-2">v(<!-- -->)?2<\/td>.*?shots/s);
    assert.match(text, /first version/);
    assert.match(text, new RegExp(`@misc\\{heldout-${fixture.benchmark.slug}-v2,`));
  },
);

test("the open-data page documents every column the exports write", { skip }, async () => {
  const { status, text } = await html("/docs/open-data");
  assert.equal(status, 200);
  for (const column of ["submission_id", "benchmark_version", "partition", "metric", "wall_ms", "backends"])
    assert.ok(text.includes(column), column);
  assert.ok(text.includes(`/api/benchmarks/${fixture.benchmark.slug}/data/results?format=csv`));
});
