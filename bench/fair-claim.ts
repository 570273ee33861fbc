/**
 * Cost of the fair claim (lib/queue.ts → db/queries/unit-jobs.ts) against pg-boss's own first-come fetch, on a
 * real embedded PostgreSQL, both queues holding the same number of waiting jobs.
 *
 *   npx tsx bench/fair-claim.ts [--submissions 1000] [--teams 20] [--claims 200]
 *
 * Every submission has two units (two jobs). The claims are taken one after another, so the number of active jobs
 * (what the fair order counts per team) grows as they would under that many busy workers. Reference, same run and
 * database: pg-boss's `fetch` of one job from a queue of as many jobs with the same payloads.
 */
import { parseArgs } from "node:util";
import PgBoss from "pg-boss";
import { JOB_PRIORITY, queueEvaluation } from "@/lib/submissions/queue-evaluation";
import { createTestPlatform } from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

const { values } = parseArgs({
  options: { submissions: { type: "string" }, teams: { type: "string" }, claims: { type: "string" } },
});
const submissionCount = Number(values.submissions ?? 1000);
const teamCount = Number(values.teams ?? 20);
const claims = Number(values.claims ?? 200);

const platform = await createTestPlatform();
const boss = new PgBoss({ connectionString: platform.url, schema: "pgboss" });
boss.on("error", () => {});
try {
  const { benchmark, version, phase } = await createBenchmark(platform.db, { slug: "bench-fair" });
  const users: { id: string }[] = [];
  for (let i = 0; i < teamCount; i++) users.push(await createUser(platform.db, { email: `team${i}@example.org` }));
  await boss.start();
  const reference = "bench-reference";
  await boss.createQueue(reference, { name: reference });
  for (let i = 0; i < submissionCount; i++) {
    const submission = await platform.db.transaction((tx) =>
      queueEvaluation(tx, {
        queue: platform.queue,
        spec: version.spec,
        priority: JOB_PRIORITY.competitor,
        submission: {
          benchmarkId: benchmark.id,
          benchmarkVersionId: version.id,
          phaseId: phase.id,
          userId: users[i % teamCount]!.id,
          teamId: null,
          name: `s${i}`,
          bundleSha256: "0".repeat(64),
          bundleBytes: 1,
          isBaseline: false,
          manifest: {
            name: `s${i}`,
            track: "fewshot",
            kind: "learner",
            entry: "learner.mjs",
            options: {},
            method: { description: "", tags: [] },
          },
        },
      }),
    );
    for (const unit of ["public", "private"])
      await boss.send(
        reference,
        { v: 1, submissionId: submission.id, unitId: unit },
        { priority: JOB_PRIORITY.competitor },
      );
  }

  const time = async (claim: () => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < claims; i++) if (!(await claim())) throw new Error("the queue ran dry");
    return (performance.now() - started) / claims;
  };
  // Alternate the two so drift on this noisy machine hits both alike.
  let fair = 0;
  let fifo = 0;
  for (let round = 0; round < 2; round++) {
    fair += await time(() => platform.queue.claim({}));
    fifo += await time(async () => (await boss.fetch(reference))?.[0]);
  }
  fair /= 2;
  fifo /= 2;
  const waiting = submissionCount * 2;
  process.stdout.write(
    `fair claim: ${fair.toFixed(2)} ms per job (${waiting} waiting at start, ${teamCount} teams, ${2 * claims} claims)\n` +
      `reference, pg-boss fetch: ${fifo.toFixed(2)} ms per job\nratio: ${(fair / fifo).toFixed(2)}\n`,
  );
} finally {
  await boss.stop({ graceful: false, wait: true });
  await platform.close();
}
