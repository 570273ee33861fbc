import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { openPlatformDatabase } from "@/db/platform";
import { countQuotaUse } from "@/db/queries/submissions";
import { evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { parseConfig } from "@/lib/config";
import { isProcessAlive, freePort } from "@/lib/os";
import { createQueue, type Queue } from "@/lib/queue";
import { hasProductionBuild } from "@/lib/server/testing";
import { openBundleStore } from "@/lib/storage";
import { AppError } from "@/lib/errors";
import { acceptSubmission } from "@/lib/submissions/accept";
import { cancelSubmission } from "@/lib/submissions/cancel";
import { addBenchmark, addUser, learnerFiles, packFiles, smallSpec, waitFor } from "@/lib/submissions/testing";

// The real platform (`heldout start`: embedded PostgreSQL, worker and site as supervised processes) has its worker,
// its site and its PostgreSQL killed with SIGKILL, one at a time, each in the middle of an evaluation. Every
// submission is still scored exactly once, nobody is charged for it, and the platform comes back on its own.
const skip = hasProductionBuild() ? false : "no production build in .next (run `npx next build`)";
const root = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(root, "cli", "bin", "heldout.js");

let home: string;
let url: string;
let supervisor: ChildProcess | undefined;
let output = "";
let database: Database | undefined;
let queue: Queue | undefined;
const archives: string[] = [];

/** Uniform predictions, slowly: each episode takes ~300 ms, so a kill lands mid-unit. */
const SLOW_LEARNER = `export default function create() {
  let ways = 2;
  return {
    adapt(support) { ways = support.ways; },
    predict(query) {
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      return Array.from({ length: query.images.shape[0] }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;

function startPlatform(env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, "start"], { cwd: root, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

/** The pid of the latest start of `name` the supervisor logged. */
function pidOf(name: "PostgreSQL" | "worker" | "site"): number | undefined {
  const matches = [...output.matchAll(new RegExp(`\\[heldout\\] ${name} started \\(pid (\\d+)\\)`, "g"))];
  return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
}

async function health(): Promise<{ status: number; body: { ok: boolean; reason?: string } } | undefined> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } };
  } catch {
    return undefined;
  }
}

/** `check`, with a database that may be down for a moment counting as "not yet". */
const whenReachable = <T>(check: () => Promise<T | undefined>) => async () => check().catch(() => undefined);

before(async () => {
  if (skip) return;
  home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-faults-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  supervisor = startPlatform({
    HELDOUT_HOME: home,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: url,
    HELDOUT_WORKER_CONCURRENCY: "1",
    // A killed worker's attempt is declared lost after this long without a heartbeat.
    HELDOUT_JOB_EXPIRE_SECONDS: "5",
  });
  await waitFor("heldout start to come up", async () => {
    if (supervisor!.exitCode !== null) throw new Error(`heldout start exited with code ${supervisor!.exitCode}:\n${output}`);
    return output.includes("Heldout is running at") ? true : undefined;
  }, 240_000);
  const platform = await openPlatformDatabase(parseConfig({ HELDOUT_HOME: home }));
  database = platform.database;
  queue = await createQueue({ url: platform.url, onError: () => {} });
});

after(async () => {
  await queue?.stop({ graceful: false }).catch(() => {});
  await database?.close().catch(() => {});
  if (supervisor && supervisor.exitCode === null) {
    const exited = new Promise((resolve) => supervisor!.once("exit", resolve));
    supervisor.kill("SIGTERM");
    await exited;
  }
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

test("kill -9 of the worker, the site and PostgreSQL mid-evaluation: each submission scored once, no quota charged, all back", { skip, timeout: 600_000 }, async (t) => {
  const { db } = database!;
  const store = openBundleStore(path.join(home, "storage"));
  const began = Date.now();
  const note = (what: string) => t.diagnostic(`${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);
  // The start queued the built-in baselines; an organizer withdraws them, so this test's evaluations do not wait
  // behind minutes of baseline work on a one-evaluation worker.
  const organizer = await addUser(db, "organizer@example.org", "admin");
  const waiting = await db.select({ id: submissions.id }).from(submissions).where(inArray(submissions.status, ["queued", "running"]));
  for (const { id } of waiting) {
    await cancelSubmission({ db, queue: queue!, submissionId: id, user: organizer }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "not_cancellable")) throw error;
    });
  }
  const user = await addUser(db, "grace@example.org");
  const spec = smallSpec({ partitions: { public: { episodes: 8, seed: 1 }, private: { episodes: 4, seed: 2 } } });
  const { phase } = await addBenchmark(db, { slug: "faults", spec, phase: { quotaTotal: 10 } });
  const healthy = await waitFor("/api/health to say 200", async () => ((await health())?.status === 200 ? true : undefined), 60_000);
  assert.ok(healthy);

  const submitted: string[] = [];
  for (const victim of ["worker", "site", "PostgreSQL"] as const) {
    const upload = await packFiles(learnerFiles(`slow-${victim}`, SLOW_LEARNER));
    archives.push(upload.path);
    const { submissionId } = await acceptSubmission({ db, queue: queue!, store, user, benchmarkSlug: "faults", upload });
    submitted.push(submissionId);
    await waitFor(`an evaluation of the ${victim} submission to be mid-unit`, whenReachable(async () => {
      const [row] = await db
        .select({ progress: evaluationUnits.progress })
        .from(evaluationAttempts)
        .innerJoin(evaluationUnits, eq(evaluationUnits.id, evaluationAttempts.unitId))
        .where(and(eq(evaluationAttempts.submissionId, submissionId), eq(evaluationAttempts.status, "running")));
      return Number((row?.progress as { done?: number } | null)?.done ?? 0) >= 1 ? true : undefined;
    }));
    note(`${victim} submission mid-unit`);
    const pid = pidOf(victim);
    assert.ok(pid && isProcessAlive(pid), `${victim} has a live pid in the log:\n${output}`);
    process.kill(pid, "SIGKILL");
    await waitFor(`the supervisor to restart the ${victim}`, async () => {
      const next = pidOf(victim);
      return next !== undefined && next !== pid && isProcessAlive(next) ? next : undefined;
    }, 60_000);
    note(`${victim} restarted`);
    assert.match(output, new RegExp(`\\[heldout\\] ${victim} was killed by SIGKILL; restarting in`));
    const finished = await waitFor(`the ${victim} submission to be scored`, whenReachable(async () => {
      const [s] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
      return s && (s.status === "scored" || s.status === "failed") ? s : undefined;
    }), 180_000);
    assert.equal(finished.status, "scored", `after killing the ${victim}: ${finished.failureReason}\n${output}`);
    note(`${victim} submission scored`);
    const back = await waitFor(`/api/health to say 200 after killing the ${victim}`, async () => ((await health())?.status === 200 ? true : undefined), 60_000);
    assert.ok(back);
  }

  const [counts] = await db.execute<{ rows: number; distinct: number }>(
    sql`select count(*)::int as rows, count(distinct (unit_id, index))::int as distinct from ${results} where submission_id in ${submitted}`,
  );
  assert.equal(counts!.rows, 3 * 12, "every episode of every submission");
  assert.equal(counts!.distinct, 3 * 12, "and each one once");
  const units = await db.select().from(evaluationUnits).where(inArray(evaluationUnits.submissionId, submitted));
  assert.ok(units.every((u) => u.status === "done"), JSON.stringify(units.map((u) => u.status)));
  const use = await countQuotaUse(db, { phaseId: phase.id, teamId: null, userId: user.id, since: new Date(0) });
  assert.equal(use.total, submitted.length, "one submission each, nothing extra for the platform's faults");
  assert.doesNotMatch(output, /Heldout is running at[\s\S]*Heldout is running at/, "nobody restarted the platform");
});

test("a second start on the same home is refused while the first runs", { skip, timeout: 60_000 }, async () => {
  const second = spawn(process.execPath, [BIN, "start"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, HELDOUT_HOME: home, PORT: String(await freePort()) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let said = "";
  second.stderr!.on("data", (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
  assert.equal(code, 1);
  assert.match(said, /Heldout is already running from .* \(pid \d+\)/);
});

test("the supervisor killed with SIGKILL leaves no process behind", { skip, timeout: 60_000 }, async () => {
  const children = (["PostgreSQL", "worker", "site"] as const).map((name) => ({ name, pid: pidOf(name)! }));
  assert.ok(children.every((c) => isProcessAlive(c.pid)), JSON.stringify(children));
  const exited = new Promise((resolve) => supervisor!.once("exit", resolve));
  supervisor!.kill("SIGKILL");
  await exited;
  await waitFor("every supervised process to be gone", async () => (children.every((c) => !isProcessAlive(c.pid)) ? true : undefined), 30_000);
});

test("a start over a PostgreSQL still running on its data is refused with the pid to stop", { skip, timeout: 60_000 }, async () => {
  const stale = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-stale-"));
  const orphan = spawn("sleep", ["60"]);
  try {
    fs.mkdirSync(path.join(stale, "postgres", "data"), { recursive: true });
    fs.writeFileSync(path.join(stale, "postgres", "data", "postmaster.pid"), `${orphan.pid}\n${path.join(stale, "postgres", "data")}\n`);
    const start = spawn(process.execPath, [BIN, "start"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: undefined, HELDOUT_HOME: stale, PORT: String(await freePort()) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let said = "";
    start.stderr!.on("data", (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => start.once("exit", resolve));
    assert.equal(code, 1);
    assert.match(said, new RegExp(`PostgreSQL \\(pid ${orphan.pid}\\) still runs on .* Stop it \\(kill ${orphan.pid}\\)`));
    assert.equal(fs.existsSync(path.join(stale, "heldout.pid")), false, "the refused start left no lock behind");
  } finally {
    orphan.kill("SIGKILL");
    fs.rmSync(stale, { recursive: true, force: true });
  }
});
