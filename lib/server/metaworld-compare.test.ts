import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { loadComparison } from "./compare";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { createUser, insertRlSubmission } from "@/testing/platform/fixtures";

// The compare view of two Meta-World entries draws each task's success rate with its interval, from the aggregates.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

const ml10 = METAWORLD_BENCHMARKS.find((d) => d.slug === "metaworld-ml10")!;

test("per-task success bars with their 95% intervals, one per entry", async () => {
  const entry = async (door: number, drawer: number) =>
    insertRlSubmission(ctx.db, {
      definition: ml10,
      user: await createUser(ctx.db),
      status: "scored",
      units: [{ key: "drawer-open-v3/1", partition: "public", status: "done" }],
      aggregates: [
        { partition: "public", metric: "success", value: (door + drawer) / 2, ciLow: 0, ciHigh: 1 },
        { partition: "public", metric: "success/door-close-v3", value: door, ciLow: door - 0.1, ciHigh: door + 0.1 },
        {
          partition: "public",
          metric: "success/drawer-open-v3",
          value: drawer,
          ciLow: drawer - 0.2,
          ciHigh: drawer + 0.05,
        },
        { partition: "public", metric: "return/drawer-open-v3", value: 1000 },
      ],
    });
  const [a, b] = [await entry(0.9, 0.4), await entry(0.3, 0.6)];
  const comparison = await loadComparison({
    slug: ml10.slug,
    viewer: undefined,
    ids: [a.id, b.id],
    partition: "public",
  });
  const bars = comparison.taskMeans.map((p) => [p.entry, p.task, p.value, p.low, p.high]);
  assert.deepEqual(bars, [
    [a.name, "door-close-v3", 0.9, 0.9 - 0.1, 0.9 + 0.1],
    [a.name, "drawer-open-v3", 0.4, 0.4 - 0.2, 0.4 + 0.05],
    [b.name, "door-close-v3", 0.3, 0.3 - 0.1, 0.3 + 0.1],
    [b.name, "drawer-open-v3", 0.6, 0.6 - 0.2, 0.6 + 0.05],
  ]);
  assert.equal(comparison.taskLabel, "Success rate");
  assert.match(comparison.plots.tasks ?? "", /^<svg/);
  assert.match(comparison.plots.tasks!, /door-close-v3/);
  assert.equal(comparison.plots.profiles, undefined, "profiles are an Atari plot");
});
