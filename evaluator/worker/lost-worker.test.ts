import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { countQuotaUse } from "@/db/queries/submissions";
import { evaluationAttempts, evaluationUnits, results } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { type TestPlatform, createTestPlatform, learnerFiles, packFiles } from "@/testing/platform/submission-loop";
import { waitForEvent } from "@/testing/platform/wait";
import { smallFewshotSpec } from "@/testing/specs/fewshot";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// A worker killed in the middle of an evaluation: another worker retries the unit and scores it exactly once.
let platform: TestPlatform;
let child: ChildProcess | undefined;
let survivor: RunningWorker | undefined;
let home: string;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
  home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-home-"));
});

after(async () => {
  child?.kill("SIGKILL");
  await survivor?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
  await platform?.close();
});

/** Uniform predictions, slowly: each episode takes ~400 ms, so the kill lands mid-unit. */
const SLOW_LEARNER = `export default function create() {
  let ways = 2;
  return {
    adapt(support) { ways = support.ways; },
    predict(query) {
      const until = Date.now() + 400;
      while (Date.now() < until) {}
      return Array.from({ length: query.images.shape[0] }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;

/** `heldout worker` in its own process, against the test database and bundle store. */
function spawnWorkerProcess(): ChildProcess {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const entry = fs.existsSync(path.join(root, "cli", "heldout.ts"))
    ? ["--import", "tsx", path.join(root, "cli", "heldout.ts"), "worker"]
    : [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { run } = await import("./cli/commands/worker.ts"); process.exit(await run([]));`,
      ];
  const spawned = spawn(process.execPath, entry, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: platform.url,
      HELDOUT_HOME: home,
      HELDOUT_STORAGE: platform.storeDir,
      HELDOUT_WORKER_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  spawned.stdout!.on("data", (d) => (output += d));
  spawned.stderr!.on("data", (d) => (output += d));
  spawned.on("exit", (code, signal) => {
    if (signal !== "SIGKILL") process.stderr.write(`worker process exited (${code ?? signal}):\n${output}\n`);
  });
  return spawned;
}

test("SIGKILL of a worker mid-unit: the unit is retried elsewhere and its results are written once", async () => {
  const user = await createUser(platform.db, { email: "edsger@example.org" });
  const spec = smallFewshotSpec({
    partitions: { public: { episodes: 8, seed: 1 }, private: { episodes: 8, seed: 2 } },
  });
  const { phase } = await createBenchmark(platform.db, { slug: "crash", spec, phase: { quotaTotal: 1 } });
  const upload = await packFiles(learnerFiles("slow", SLOW_LEARNER));
  archives.push(upload.path);
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "crash",
    upload,
  });

  child = spawnWorkerProcess();
  // Wait until the other process is inside a unit, with some episodes done and heartbeats flowing.
  const victim = await waitForEvent(platform.sql, "the worker process to be mid-unit", async () => {
    const [row] = await platform.db
      .select({
        attemptId: evaluationAttempts.id,
        unitId: evaluationAttempts.unitId,
        progress: evaluationUnits.progress,
      })
      .from(evaluationAttempts)
      .innerJoin(evaluationUnits, eq(evaluationUnits.id, evaluationAttempts.unitId))
      .where(and(eq(evaluationAttempts.submissionId, submissionId), eq(evaluationAttempts.status, "running")));
    const done = Number((row?.progress as { done?: number } | null)?.done ?? 0);
    return row && done >= 1 && done < 8 ? row : undefined;
  });
  const killed = new Promise((resolve) => child!.once("exit", resolve));
  child.kill("SIGKILL");
  await killed;

  survivor = await startTestWorker(platform, {
    host: "survivor",
    staleAfterSeconds: 3,
  });
  const finished = await waitForFinish(platform, submissionId, "the submission to be scored");
  assert.equal(finished.status, "scored", `failed: ${finished.failureReason}`);

  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.unitId, victim.unitId));
  assert.deepEqual(attempts.map((a) => a.status).sort(), ["lost", "succeeded"]);
  const winner = attempts.find((a) => a.status === "succeeded")!;
  assert.equal(winner.host, "survivor");

  const [counts] = await platform.db.execute<{ rows: number; distinct: number }>(
    sql`select count(*)::int as rows, count(distinct (unit_id, index))::int as distinct from ${results} where submission_id = ${submissionId}`,
  );
  assert.equal(counts!.rows, 16, "every episode of both partitions, once");
  assert.equal(counts!.distinct, 16);
  const victimRows = await platform.db.select().from(results).where(eq(results.unitId, victim.unitId));
  assert.ok(
    victimRows.every((r) => r.attemptId === winner.id),
    "the lost attempt wrote nothing",
  );

  const use = await countQuotaUse(platform.db, {
    phaseId: phase.id,
    teamId: null,
    userId: user.id,
    since: new Date(0),
  });
  assert.equal(use.total, 1, "the crash cost the competitor nothing extra");
});
