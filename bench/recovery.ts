/**
 * Recovery of the supervised platform (`heldout start` on a fresh HELDOUT_HOME, embedded PostgreSQL), each fault by
 * SIGKILL of one process, repeated:
 *  - a killed worker: seconds from the kill to its unit running again on the restarted worker, against the staleness
 *    interval configured (HELDOUT_JOB_EXPIRE_SECONDS: how long a lost attempt goes unnoticed) and the worker's own cold
 *    start (supervisor restart to its first stamp in `workers`), both measured in the same run;
 *  - a killed PostgreSQL: seconds from PostgreSQL accepting connections again to /api/health answering 200, against
 *    PostgreSQL's own way back (kill to accepting: restart backoff plus crash recovery) in the same run.
 * Needs the production build (.next). Usage: tsx bench/recovery.ts [repetitions=3]
 */
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { waitForDatabase } from "@/db/embedded";
import { evaluationAttempts, evaluationUnits, workers } from "@/db/schema";
import { openBundleStore } from "@/lib/storage";
import { acceptSubmission } from "@/lib/submissions/accept";
import { learnerFiles, packFiles } from "@/testing/platform/submission-loop";
import { pollFor, waitForEvent } from "@/testing/platform/wait";
import {
  fetchHealth,
  SLOW_LEARNER,
  startSupervisedPlatform,
  withdrawOpenSubmissions,
} from "@/testing/cli/supervised-platform";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

const repetitions = Number(process.argv[2] ?? 3);
const STALE_SECONDS = 5;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quietly =
  <T>(check: () => Promise<T | undefined>) =>
  async () =>
    check().catch(() => undefined);

const coldStart = Date.now();
const platform = await startSupervisedPlatform({
  HELDOUT_WORKER_CONCURRENCY: "1",
  HELDOUT_JOB_EXPIRE_SECONDS: String(STALE_SECONDS),
});
console.log(`platform cold start (heldout start to "Heldout is running"): ${seconds(Date.now() - coldStart)} s`);
try {
  const { db } = platform.database;
  const organizer = await createUser(db, { email: "organizer@example.org", role: "admin" });
  await withdrawOpenSubmissions(platform, organizer);
  const store = openBundleStore(path.join(platform.home, "storage"));
  const user = await createUser(db, { email: "bench@example.org" });
  // One long unit (public) that the kill lands in, and a one-episode one that is over before the retry is due.
  await createBenchmark(db, {
    slug: "recovery",
    spec: smallFewshotSpec({ partitions: { public: { episodes: 100, seed: 1 }, private: { episodes: 1, seed: 2 } } }),
    phase: { quotaTotal: 1000 },
  });

  const workerRecovery: number[] = [];
  const workerColdStart: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const upload = await packFiles(learnerFiles(`slow-${i}`, SLOW_LEARNER));
    const { submissionId } = await acceptSubmission({
      db,
      queue: platform.queue,
      store,
      user,
      benchmarkSlug: "recovery",
      upload,
    });
    const running = () =>
      db
        .select({ attemptId: evaluationAttempts.id, unitId: evaluationAttempts.unitId })
        .from(evaluationAttempts)
        .innerJoin(evaluationUnits, eq(evaluationUnits.id, evaluationAttempts.unitId))
        .where(
          and(
            eq(evaluationAttempts.submissionId, submissionId),
            eq(evaluationAttempts.status, "running"),
            eq(evaluationUnits.partition, "public"),
          ),
        );
    const first = await waitForEvent(platform.database.sql, "the unit to run", async () => (await running())[0]);
    const pid = platform.pidOf("worker")!;
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    // Processes, the workers table and HTTP answers announce nothing: polled.
    const restarted = await pollFor("the worker's restart", async () => {
      const next = platform.pidOf("worker");
      return next !== pid ? { pid: next!, at: Date.now() } : undefined;
    });
    const stampedAt = await pollFor("the restarted worker's first stamp", async () => {
      const [row] = await db.select({ pid: workers.pid }).from(workers).where(eq(workers.pid, restarted.pid));
      return row ? Date.now() : undefined;
    });
    await waitForEvent(
      platform.database.sql,
      "the unit to run again",
      async () => (await running()).find((a) => a.attemptId !== first.attemptId && a.unitId === first.unitId),
      120_000,
    );
    workerRecovery.push(Date.now() - killedAt);
    workerColdStart.push(stampedAt - restarted.at);
    // The rest of this submission is not needed: withdrawn, the next repetition starts at once.
    await withdrawOpenSubmissions(platform, organizer);
  }

  const pgRecovery: number[] = [];
  const siteRecovery: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    await pollFor(
      "/api/health to say 200",
      async () => ((await fetchHealth(platform.url))?.status === 200 ? true : undefined),
      60_000,
    );
    const pid = platform.pidOf("PostgreSQL")!;
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    await pollFor("PostgreSQL's restart", async () => (platform.pidOf("PostgreSQL") !== pid ? true : undefined));
    if (!(await waitForDatabase(platform.databaseUrl, 60_000))) throw new Error("PostgreSQL did not come back");
    const backAt = Date.now();
    await pollFor(
      "/api/health to say 200",
      quietly(async () => ((await fetchHealth(platform.url))?.status === 200 ? true : undefined)),
      60_000,
    );
    pgRecovery.push(backAt - killedAt);
    siteRecovery.push(Date.now() - backAt);
  }

  const w = median(workerRecovery);
  console.log(
    `killed worker -> its unit running again: median ${seconds(w)} s over ${repetitions} (${workerRecovery.map(seconds).join(", ")})`,
  );
  console.log(`  reference: staleness interval ${STALE_SECONDS} s -> ratio ${(w / 1000 / STALE_SECONDS).toFixed(2)}`);
  console.log(
    `  reference: worker cold start (restart to first stamp) median ${seconds(median(workerColdStart))} s -> ratio ${(w / median(workerColdStart)).toFixed(2)}`,
  );
  const s = median(siteRecovery);
  console.log(
    `PostgreSQL back up -> /api/health 200: median ${seconds(s)} s over ${repetitions} (${siteRecovery.map(seconds).join(", ")})`,
  );
  console.log(
    `  reference: PostgreSQL kill -> accepting again median ${seconds(median(pgRecovery))} s -> ratio ${(s / median(pgRecovery)).toFixed(2)}`,
  );
} finally {
  await platform.stop();
}
