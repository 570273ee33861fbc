import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { countQuotaUse } from "@/db/queries/submissions";
import { evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { freePort, isProcessAlive } from "@/db/os";
import { openBundleStore } from "@/lib/storage";
import { acceptSubmission } from "@/lib/submissions/accept";
import { learnerFiles, packFiles } from "@/testing/platform/submission-loop";
import { pollFor } from "@/testing/platform/wait";
import {
  BIN,
  fetchHealth,
  SLOW_LEARNER,
  startSupervisedPlatform,
  withdrawOpenSubmissions,
  type SupervisedPlatform,
} from "@/testing/cli/supervised-platform";
import { hasProductionBuild } from "@/testing/platform/next-server";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// The real platform (`heldout start`: embedded PostgreSQL, worker and site as supervised processes) has its worker,
// its site and its PostgreSQL killed with SIGKILL, one at a time, each in the middle of an evaluation. Every
// submission is still scored exactly once, nobody is charged for it, and the platform comes back on its own.
// Every wait here is polled: the conditions are processes and HTTP answers, or rows read while PostgreSQL itself may
// be down (a LISTEN connection would die with it).
const skip = hasProductionBuild() ? false : "no production build in .next (run `npx next build`)";
let platform: SupervisedPlatform | undefined;
const archives: string[] = [];

before(async () => {
  if (skip) return;
  // A killed worker's attempt is declared lost after HELDOUT_JOB_EXPIRE_SECONDS without a heartbeat.
  platform = await startSupervisedPlatform({ HELDOUT_WORKER_CONCURRENCY: "1", HELDOUT_JOB_EXPIRE_SECONDS: "5" });
  // The start queued the built-in baselines; an organizer withdraws them so this test's evaluations run at once.
  await withdrawOpenSubmissions(
    platform,
    await createUser(platform.database.db, { email: "organizer@example.org", role: "admin" }),
  );
});

after(async () => {
  await platform?.stop();
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
});

/** `check`, with a database that may be down for a moment counting as "not yet" (a failed assertion still fails). */
const whenReachable =
  <T>(check: () => Promise<T | undefined>) =>
  async () =>
    check().catch((error: unknown) => {
      if (error instanceof assert.AssertionError) throw error;
      return undefined;
    });
const healthy = (url: string) => async () => ((await fetchHealth(url))?.status === 200 ? true : undefined);

test(
  "kill -9 of the worker, the site and PostgreSQL mid-evaluation: each submission scored once, no quota charged, all back",
  { skip, timeout: 600_000 },
  async (t) => {
    const { url, pidOf, output } = platform!;
    const { db } = platform!.database;
    const store = openBundleStore(path.join(platform!.home, "storage"));
    const began = Date.now();
    const note = (what: string) => t.diagnostic(`${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);
    const user = await createUser(db, { email: "grace@example.org" });
    const spec = smallFewshotSpec({
      partitions: { public: { episodes: 16, seed: 1 }, private: { episodes: 8, seed: 2 } },
    });
    const { phase } = await createBenchmark(db, { slug: "faults", spec, phase: { quotaTotal: 10 } });
    await pollFor("/api/health to say 200", healthy(url), 60_000);

    const submitted: string[] = [];
    for (const victim of ["worker", "site", "PostgreSQL"] as const) {
      const upload = await packFiles(learnerFiles(`slow-${victim}`, SLOW_LEARNER));
      archives.push(upload.path);
      const { submissionId } = await acceptSubmission({
        db,
        queue: platform!.queue,
        store,
        user,
        benchmarkSlug: "faults",
        upload,
      });
      submitted.push(submissionId);
      await pollFor(
        `an evaluation of the ${victim} submission to be running`,
        whenReachable(async () => {
          const [running] = await db
            .select({ id: evaluationAttempts.id })
            .from(evaluationAttempts)
            .where(and(eq(evaluationAttempts.submissionId, submissionId), eq(evaluationAttempts.status, "running")));
          if (running) return true;
          const [s] = await db
            .select({ status: submissions.status })
            .from(submissions)
            .where(eq(submissions.id, submissionId));
          assert.ok(
            s?.status === "queued" || s?.status === "running",
            `the ${victim} submission ended (${s?.status}) before the kill`,
          );
          return undefined;
        }),
      );
      note(`${victim} submission running`);
      const others = (["worker", "site", "PostgreSQL"] as const)
        .filter((name) => name !== victim)
        .map((name) => ({ name, pid: pidOf(name) }));
      const pid = pidOf(victim);
      assert.ok(pid && isProcessAlive(pid), `${victim} has a live pid in the log:\n${output()}`);
      process.kill(pid, "SIGKILL");
      await pollFor(
        `the supervisor to restart the ${victim}`,
        async () => {
          const next = pidOf(victim);
          return next !== undefined && next !== pid && isProcessAlive(next) ? next : undefined;
        },
        60_000,
      );
      note(`${victim} restarted`);
      assert.match(output(), new RegExp(`\\[heldout\\] ${victim} was killed by SIGKILL; restarting in`));
      const finished = await pollFor(
        `the ${victim} submission to be scored`,
        whenReachable(async () => {
          const [s] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
          return s && (s.status === "scored" || s.status === "failed") ? s : undefined;
        }),
        180_000,
      );
      assert.equal(finished.status, "scored", `after killing the ${victim}: ${finished.failureReason}\n${output()}`);
      note(`${victim} submission scored`);
      await pollFor(`/api/health to say 200 after killing the ${victim}`, healthy(url), 60_000);
      // Only the killed process was restarted: the others rode it out (a lost database connection is retried, not fatal).
      assert.deepEqual(
        others.map(({ name }) => ({ name, pid: pidOf(name) })),
        others,
        output(),
      );
    }

    const [counts] = await db.execute<{ rows: number; distinct: number }>(
      sql`select count(*)::int as rows, count(distinct (unit_id, index))::int as distinct from ${results} where submission_id in ${submitted}`,
    );
    assert.equal(counts!.rows, 3 * 24, "every episode of every submission");
    assert.equal(counts!.distinct, 3 * 24, "and each one once");
    const units = await db.select().from(evaluationUnits).where(inArray(evaluationUnits.submissionId, submitted));
    assert.ok(
      units.every((u) => u.status === "done"),
      JSON.stringify(units.map((u) => u.status)),
    );
    const use = await countQuotaUse(db, { phaseId: phase.id, teamId: null, userId: user.id, since: new Date(0) });
    assert.equal(use.total, submitted.length, "one submission each, nothing extra for the platform's faults");
    assert.equal(output().split("Heldout is running at").length, 2, "nobody restarted the platform");
  },
);

test("/api/health answers 503 naming the workers while none runs", { skip, timeout: 120_000 }, async () => {
  // Stop the worker's restarts from winning the race: SIGSTOP freezes it, so it stops stamping without exiting.
  const pid = platform!.pidOf("worker")!;
  process.kill(pid, "SIGSTOP");
  try {
    const down = await pollFor(
      "/api/health to say 503",
      async () => {
        const health = await fetchHealth(platform!.url);
        return health?.status === 503 ? health : undefined;
      },
      60_000,
    );
    assert.match(down.body.reason ?? "", /no evaluation worker has checked in within \d+ s/);
  } finally {
    process.kill(pid, "SIGCONT");
  }
  await pollFor("/api/health to say 200 again", healthy(platform!.url), 60_000);
});

test("a second start on the same home is refused while the first runs", { skip, timeout: 60_000 }, async () => {
  const refused = await runStart({ HELDOUT_HOME: platform!.home, PORT: String(await freePort()) });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Heldout is already running from .* \(pid \d+\)/);
});

test("the supervisor killed with SIGKILL leaves no process behind", { skip, timeout: 60_000 }, async () => {
  const children = (["PostgreSQL", "worker", "site"] as const).map((name) => ({ name, pid: platform!.pidOf(name)! }));
  assert.ok(
    children.every((c) => isProcessAlive(c.pid)),
    JSON.stringify(children),
  );
  const exited = new Promise((resolve) => platform!.supervisor.once("exit", resolve));
  platform!.supervisor.kill("SIGKILL");
  await exited;
  await pollFor(
    "every supervised process to be gone",
    async () => (children.every((c) => !isProcessAlive(c.pid)) ? true : undefined),
    30_000,
  );
});

test(
  "a start over a PostgreSQL still running on its data is refused with the pid to stop",
  { skip, timeout: 60_000 },
  async () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-stale-"));
    const orphan = spawn("sleep", ["60"]);
    try {
      const dataDir = path.join(stale, "postgres", "data");
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(path.join(dataDir, "postmaster.pid"), `${orphan.pid}\n${dataDir}\n`);
      const refused = await runStart({ HELDOUT_HOME: stale, PORT: String(await freePort()) });
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        new RegExp(`PostgreSQL \\(pid ${orphan.pid}\\) still runs on .* Stop it \\(kill ${orphan.pid}\\)`),
      );
      assert.equal(fs.existsSync(path.join(stale, "heldout.pid")), false, "the refused start left no lock behind");
    } finally {
      orphan.kill("SIGKILL");
      fs.rmSync(stale, { recursive: true, force: true });
    }
  },
);

test(
  "a start on a port another process holds is refused before anything starts",
  { skip, timeout: 60_000 },
  async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-port-"));
    const { startHttpServer } = await import("@/testing/cli/http-server");
    const holder = await startHttpServer((_, res) => res.end());
    try {
      const refused = await runStart({ HELDOUT_HOME: home, PORT: new URL(holder.url).port });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Port \d+ on 127\.0\.0\.1 is already in use by another process/);
      assert.equal(fs.existsSync(path.join(home, "postgres")), false, "no PostgreSQL was started");
    } finally {
      await holder.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  },
);

/** `heldout start` with `env`, to the end: what a refused start says. */
function runStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, "start"], {
    env: { ...inherited, HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}
