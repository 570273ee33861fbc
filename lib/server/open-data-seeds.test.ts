import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { ensurePhase, updatePhase } from "@/db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { benchmarkVersionSecrets } from "@/db/schema";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { toCsv } from "@/lib/http/csv";
import { DATASET_COLUMNS, loadOpenData } from "./open-data";
import { startRouteTest } from "@/testing/platform/route-handlers";

// The private seeds a version drew are secret until the reveal, then published so every private result can be reproduced.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let phaseId: string;
let secret: { seeds: number[]; agentKey: string };

before(async () => {
  ctx = await startRouteTest();
  const current = await upsertBenchmark(ctx.db, atariDemo);
  phaseId = (
    await ensurePhase(ctx.db, current.benchmark.id, {
      name: "Open",
      quotaPerDay: null,
      quotaTotal: null,
      revealAt: new Date(Date.now() + 86_400_000),
    })
  ).id;
  const [row] = await ctx.db
    .select()
    .from(benchmarkVersionSecrets)
    .where(eq(benchmarkVersionSecrets.versionId, current.version.id));
  assert.ok(row && "seeds" in row.secrets.private);
  secret = { seeds: row.secrets.private.seeds, agentKey: row.secrets.agentKey };
});
after(async () => ctx.close());

test("before the reveal: the public seeds only, and no trace of the private ones in any dataset", async () => {
  const seeds = await loadOpenData({ slug: atariDemo.slug, dataset: "seeds", viewer: undefined });
  assert.deepEqual(seeds.json.seeds, [{ benchmarkVersion: 1, partition: "public", run: 1, seed: 1, agentKey: "" }]);
  for (const dataset of ["seeds", "results", "entries"] as const) {
    const text = JSON.stringify((await loadOpenData({ slug: atariDemo.slug, dataset, viewer: undefined })).json);
    assert.ok(!text.includes(secret.agentKey), dataset);
    for (const seed of secret.seeds) assert.doesNotMatch(text, new RegExp(`\\b${seed}\\b`), dataset);
  }
});

test("after the reveal: each private run's seed and the agents' key, in JSON and CSV", async () => {
  await updatePhase(ctx.db, phaseId, { revealAt: new Date(Date.now() - 1000) });
  const data = await loadOpenData({ slug: atariDemo.slug, dataset: "seeds", viewer: undefined });
  assert.deepEqual(data.json.partitions, ["public", "private"]);
  assert.deepEqual(data.json.seeds, [
    { benchmarkVersion: 1, partition: "public", run: 1, seed: 1, agentKey: "" },
    { benchmarkVersion: 1, partition: "private", run: 1, seed: secret.seeds[0], agentKey: secret.agentKey },
  ]);
  const csv = toCsv(
    DATASET_COLUMNS.seeds.map((c) => c.name),
    data.csvRows,
  )
    .trim()
    .split("\n");
  assert.deepEqual(csv, [
    "benchmark_version,partition,run,seed,agent_key",
    "1,public,1,1,",
    `1,private,1,${secret.seeds[0]},${secret.agentKey}`,
  ]);
});
