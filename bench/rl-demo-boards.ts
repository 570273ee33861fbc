/**
 * Wall time from queueing to scored of the seeded boards' baselines on a fresh platform, as `heldout start` leaves it:
 * seedPlatform on an empty database (every seeded board, the standard RL boards' baselines in the background), then a
 * worker sized to this machine as `heldout start` sizes it (real sandbox, real ALE and Meta-World from .venv). Prints
 * each baseline's queue-to-scored time as it finishes and, per board, the time until all its baselines were scored.
 * Also prints the time each board's units ran (the sum of its attempts' wall time: what the board costs the worker,
 * without the wait behind the boards before it). Reference, same run: the glyph boards' baselines (the few-shot boards
 * a fresh install shows first). Stops once the demo boards are scored, and says how many background units had started
 * by then. Prints the load average at start and end (the host may be shared). Usage: tsx bench/rl-demo-boards.ts
 * [concurrency]
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { inArray } from "drizzle-orm";
import { seededRlBenchmarks } from "@/benchmarks/builtin";
import { benchmarks, evaluationAttempts, submissions } from "@/db/schema";
import { seedPlatform } from "@/lib/seed/seed";
import { createTestPlatform } from "@/testing/platform/submission-loop";
import { sizeWorkerConcurrency } from "@/lib/worker-sizing";
import { startTestWorker } from "@/testing/platform/worker";

const DEMO = seededRlBenchmarks.filter((b) => b.baselines === "normal").map((b) => b.definition.slug);
const BACKGROUND = seededRlBenchmarks.filter((b) => b.baselines === "background").map((b) => b.definition.slug);
const REFERENCE = ["glyphs-5way-1shot", "glyphs-5way-5shot"];

const sized = sizeWorkerConcurrency({ cores: os.availableParallelism(), memoryBytes: os.totalmem() });
const concurrency = process.argv[2] ? Number(process.argv[2]) : sized.concurrency;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadAtStart = load();
const platform = await createTestPlatform();
try {
  const started = performance.now();
  const report = await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  console.log(
    `seeded ${report.benchmarks.length} boards, ${report.baselinesQueued.length} baselines in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`worker concurrency ${concurrency} (${sized.reason}), load ${loadAtStart}, ${os.cpus().length} cores`);
  const worker = await startTestWorker(platform, {
    concurrency,
    heartbeatSeconds: 3, // a deployed worker's beat: the figure is the real one
  });
  try {
    const boards = await platform.db.select().from(benchmarks);
    const slugOf = new Map(boards.map((b) => [b.id, b.slug]));
    const watched = boards.filter((b) => [...DEMO, ...REFERENCE].includes(b.slug)).map((b) => b.id);
    const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
    const done = new Map<string, { slug: string; name: string; status: string; wall: number }>();
    for (;;) {
      const rows = await platform.db.select().from(submissions).where(inArray(submissions.benchmarkId, watched));
      for (const row of rows.filter((r) => (r.status === "scored" || r.status === "failed") && !done.has(r.id))) {
        const entry = {
          slug: slugOf.get(row.benchmarkId)!,
          name: row.name,
          status: row.status,
          wall: seconds(row.createdAt, row.finishedAt!),
        };
        done.set(row.id, entry);
        console.log(
          `  ${entry.slug}/${entry.name}: ${entry.status} ${entry.wall.toFixed(0)} s after queueing ${row.failureReason ?? ""} [load ${load()}]`,
        );
      }
      if (done.size === rows.length) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const backgroundIds = boards.filter((b) => BACKGROUND.includes(b.slug)).map((b) => b.id);
    const backgroundSubmissions = await platform.db
      .select({ id: submissions.id })
      .from(submissions)
      .where(inArray(submissions.benchmarkId, backgroundIds));
    const backgroundAttempts = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(
        inArray(
          evaluationAttempts.submissionId,
          backgroundSubmissions.map((s) => s.id),
        ),
      );
    const perBoard = (slug: string) =>
      Math.max(...[...done.values()].filter((d) => d.slug === slug).map((d) => d.wall));
    const reference = Math.max(...REFERENCE.map(perBoard));
    const attempts = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(inArray(evaluationAttempts.submissionId, [...done.keys()]));
    const boardOf = new Map([...done].map(([id, d]) => [id, d.slug]));
    const busySeconds = (slug: string) =>
      attempts.filter((a) => boardOf.get(a.submissionId) === slug).reduce((sum, a) => sum + (a.wallMs ?? 0), 0) / 1000;
    for (const slug of [...REFERENCE, ...DEMO]) {
      console.log(
        `${slug}: its baselines' units ran ${(busySeconds(slug) / 60).toFixed(1)} min in all (sum of attempts' wall time)`,
      );
      const failed = [...done.values()].filter((d) => d.slug === slug && d.status !== "scored").map((d) => d.name);
      console.log(
        `${slug}: every baseline ${failed.length ? `finished (failed: ${failed.join(", ")})` : "scored"} ${(perBoard(slug) / 60).toFixed(1)} min after queueing (${(perBoard(slug) / reference).toFixed(2)}× the glyph boards' ${(reference / 60).toFixed(1)} min)`,
      );
    }
    console.log(
      `background units started by then: ${backgroundAttempts.length} (the worker takes one as soon as nothing else ` +
        `waits; ${report.baselinesQueued.filter((l) => BACKGROUND.includes(l.split("/")[0]!)).length} baselines queued ` +
        `in the background)`,
    );
    console.log(`load average at start ${loadAtStart}, at end ${load()}`);
  } finally {
    await worker.stop({ timeoutMs: 1000 });
  }
} finally {
  await platform.close();
}
