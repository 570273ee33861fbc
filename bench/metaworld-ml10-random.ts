/**
 * Wall time of a full ML10 evaluation of the random baseline through the real pipeline: the shipped ML10 definition
 * on a fresh database, benchmarks/baselines/metaworld-random submitted as the seeder submits baselines (packed,
 * accepted, one queued job per unit), and a worker (real sandbox, real Meta-World through the bridge) scoring
 * every unit. Prints each unit's wall time and success rate as it finishes, then the total, the success rate per
 * partition (the stored aggregate, with its interval) and the host's load average at start and end.
 * Usage: tsx bench/metaworld-ml10-random.ts [partitions=public|both] [concurrency=1] [goals=40]
 *   public: the definition's private seeds left out (the public units are the same units); both: all 30 units.
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { ensurePhase } from "@/db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { queueBaselines } from "@/lib/seed/seed";
import { aggregates, evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { createTestPlatform } from "@/testing/platform/submission-loop";
import { startTestWorker } from "@/testing/platform/worker";

const partitions = process.argv[2] ?? "public";
const concurrency = Number(process.argv[3] ?? 1);
const goals = Number(process.argv[4] ?? 40);
if (partitions !== "public" && partitions !== "both")
  throw new Error(`partitions must be public or both, not ${partitions}`);

const definition = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!;
const spec = {
  ...definition.spec,
  goalsPerTask: goals,
  partitions:
    partitions === "both" ? definition.spec.partitions : { ...definition.spec.partitions, private: { seeds: [] } },
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadAtStart = load();
const platform = await createTestPlatform();
const worker = await startTestWorker(platform, {
  concurrency,
  heartbeatSeconds: 3, // a deployed worker's beat: the figure is the real one
});
try {
  const { benchmark } = await upsertBenchmark(platform.db, { ...definition, slug: "bench-ml10", spec });
  await ensurePhase(platform.db, benchmark.id, { name: "Open", quotaPerDay: null, quotaTotal: null, revealAt: null });
  const start = performance.now();
  const baseline = path.resolve(import.meta.dirname, "../benchmarks/baselines/metaworld-random");
  const { queued } = await queueBaselines({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    slug: "bench-ml10",
    baselineDirs: [baseline],
  });
  if (queued.length !== 1) throw new Error(`the random baseline was not queued (${queued.join(", ") || "nothing"})`);
  const [submission] = await platform.db.select().from(submissions).where(eq(submissions.benchmarkId, benchmark.id));
  const units = await platform.db
    .select()
    .from(evaluationUnits)
    .where(eq(evaluationUnits.submissionId, submission!.id));
  console.log(
    `ML10 random baseline: ${units.length} units (${partitions}), ${goals} goals each, worker concurrency ${concurrency}, load ${loadAtStart}`,
  );

  const reported = new Set<string>();
  const unitWall: number[] = [];
  for (;;) {
    const [current] = await platform.db.select().from(submissions).where(eq(submissions.id, submission!.id));
    const finished = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(eq(evaluationAttempts.submissionId, submission!.id));
    for (const attempt of finished.filter((a) => a.status !== "running" && !reported.has(a.id))) {
      reported.add(attempt.id);
      const unit = units.find((u) => u.id === attempt.unitId)!;
      const rows = await platform.db
        .select()
        .from(results)
        .where(and(eq(results.unitId, unit.id), eq(results.attemptId, attempt.id)));
      const success = rows.reduce((sum, r) => sum + r.metrics.success!, 0) / Math.max(1, rows.length);
      unitWall.push((attempt.wallMs ?? 0) / 1000);
      console.log(
        `  ${unit.partition.padEnd(7)} ${unit.key.padEnd(20)} ${attempt.status.padEnd(9)} ${((attempt.wallMs ?? 0) / 1000).toFixed(1)} s  ` +
          `success ${success.toFixed(3)} (${rows.length} goals)  ${attempt.error ?? ""}  [${reported.size}/${units.length}, ${((performance.now() - start) / 60000).toFixed(1)} min, load ${load()}]`,
      );
    }
    if (current!.status === "scored" || current!.status === "failed") {
      if (current!.status === "failed") throw new Error(`the submission failed: ${current!.failureReason}`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const total = (performance.now() - start) / 1000;
  const stored = await platform.db
    .select()
    .from(aggregates)
    .where(and(eq(aggregates.submissionId, submission!.id), eq(aggregates.metric, "success")));
  const sorted = [...unitWall].sort((a, b) => a - b);
  console.log(
    `total ${(total / 60).toFixed(1)} min for ${units.length} units (unit wall: median ${sorted[sorted.length >> 1]!.toFixed(0)} s, min ${sorted[0]!.toFixed(0)} s, max ${sorted.at(-1)!.toFixed(0)} s)`,
  );
  for (const a of stored)
    console.log(
      `success rate (${a.partition}): ${a.value.toFixed(4)} [${a.ciLow?.toFixed(4)}, ${a.ciHigh?.toFixed(4)}] over ${a.n} rows`,
    );
  console.log(`load average at start ${loadAtStart}, at end ${load()} (${os.cpus().length} cores)`);
} finally {
  await worker.stop({ timeoutMs: 1000 });
  await platform.close();
}
