import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/db/os";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { ensurePhase, type BenchmarkDefinition } from "@/db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { addCoOrganizer } from "@/db/queries/benchmark-organizers";
import type { Role, User } from "@/db/queries/users";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUserWithPassword } from "@/lib/auth/users";
import { aggregates, evaluationAttempts, evaluationUnits, results, submissions } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { getConfig } from "@/lib/config";
import { publishEvent } from "@/lib/events";
import { sessionCookieName } from "@/lib/http/session";
import { startWebSession } from "@/lib/auth/web-sessions";
import { closeServerContext, getDatabase } from "./context";

/**
 * Route handlers under test, in-process, against a fresh real PostgreSQL: sets the environment the server context
 * reads (before anything reads it), and cleans up after. One call per test file (the config is parsed once).
 */
export async function startRouteTest(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-web-"));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    HELDOUT_HOME: home,
    NEXTAUTH_SECRET: "test-secret-for-route-handlers-0123456789",
    NEXTAUTH_URL: "http://localhost:3000",
    ...env,
  });
  const config = getConfig();
  if (config.databaseUrl !== database.url) throw new Error("startRouteTest must run before anything reads the configuration");
  return {
    db: database.db,
    home,
    uploadsDir: path.join(home, "tmp", "uploads"),
    close: async () => {
      await closeServerContext();
      await database.drop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export async function createUser(db: Db, role: Role = "participant"): Promise<User> {
  counter += 1;
  return createUserWithPassword(db, { email: `user${counter}-${process.pid}@example.org`, password: "correct horse battery", role, emailVerified: new Date() });
}

/** The Cookie header of a signed-in browser session, exactly as next-auth would set it (with its server-side session). */
export async function sessionCookie(user: Pick<User, "id" | "email">): Promise<string> {
  const sid = await startWebSession(getDatabase().db, { userId: user.id, now: new Date() });
  const token = await encode({ token: { sub: user.id, email: user.email, sid }, secret: getConfig().authSecret! });
  return `${sessionCookieName()}=${token}`;
}

export async function bearer(db: Db, user: Pick<User, "id">): Promise<string> {
  const { token } = await createApiToken(db, { userId: user.id, name: "test" });
  return `Bearer ${token}`;
}

/** An account with the organizer role that co-organizes `fixture`'s benchmark (the role alone organizes nothing). */
export async function createOrganizerOf(db: Db, fixture: { benchmark: { id: string } }): Promise<User> {
  const organizer = await createUser(db, "organizer");
  await addCoOrganizer(db, { benchmarkId: fixture.benchmark.id, userId: organizer.id, addedBy: organizer.id });
  return organizer;
}

export const smallFewshotSpec: FewshotSpec = {
  track: "fewshot",
  dataset: { source: "glyphs", version: 1 },
  ways: 5,
  shots: 1,
  queries: 5,
  partitions: { public: { episodes: 4, seed: 1 }, private: { episodes: 4, seed: 2 } },
  kinds: ["embedding", "learner"],
  limits: { wallSeconds: 60, memoryMb: 1024, callSeconds: 10 },
};

/** A small few-shot benchmark with one open phase; `owner` is its creator (who organizes it). */
export async function createBenchmark(db: Db, options: { slug?: string; revealAt?: Date | null; owner?: Pick<User, "id"> } = {}) {
  counter += 1;
  const current = await upsertBenchmark(db, {
    slug: options.slug ?? `bench-${counter}`,
    title: `Benchmark ${counter}`,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec,
  }, options.owner?.id);
  const phase = await ensurePhase(db, current.benchmark.id, { name: "Open", quotaPerDay: 5, quotaTotal: 100, revealAt: options.revealAt ?? null });
  return { benchmark: current.benchmark, version: current.version, phase };
}

/**
 * A finished submission written the way the worker leaves one (units, an attempt with its log, aggregates):
 * a fixture for the read side, which does not care how the rows got there.
 */
export async function insertFinishedSubmission(
  db: Db,
  input: {
    fixture: Awaited<ReturnType<typeof createBenchmark>>;
    user: Pick<User, "id">;
    teamId?: string;
    name?: string;
    visibility?: "public" | "private";
    status?: "scored" | "failed";
    accuracy?: { public: number; private: number; halfWidth?: number };
    /** Per-episode metrics, stored as the worker stores raw results (one unit per partition). */
    episodes?: Partial<Record<"public" | "private", Record<string, number>[]>>;
    wallMs?: number;
    log?: string;
  },
) {
  const { fixture } = input;
  const status = input.status ?? "scored";
  const [submission] = await db
    .insert(submissions)
    .values({
      benchmarkId: fixture.benchmark.id,
      benchmarkVersionId: fixture.version.id,
      phaseId: fixture.phase.id,
      userId: input.user.id,
      teamId: input.teamId ?? null,
      name: input.name ?? `entry-${++counter}`,
      bundleSha256: "0".repeat(64),
      bundleBytes: 1234,
      manifest: { name: "fixture", track: "fewshot", kind: "embedding", model: "model/model.json", options: { distance: "euclidean" }, method: { description: "", tags: [] } },
      kind: "embedding",
      visibility: input.visibility ?? "public",
      status,
      failureKind: status === "failed" ? "user" : null,
      failureReason: status === "failed" ? "episode 3: probabilities have shape [25,4], expected [25,5]" : null,
      finishedAt: new Date(),
    })
    .returning();
  const [unit] = await db
    .insert(evaluationUnits)
    .values({ submissionId: submission!.id, key: "public", partition: "public", status: status === "scored" ? "done" : "failed" })
    .returning();
  const [attempt] = await db
    .insert(evaluationAttempts)
    .values({
      unitId: unit!.id,
      submissionId: submission!.id,
      evaluatorVersion: "test",
      backend: "wasm",
      host: "test-host",
      status: status === "scored" ? "succeeded" : "failed",
      log: input.log ?? "secret training log line",
      wallMs: input.wallMs ?? null,
    })
    .returning();
  for (const [partition, episodes] of Object.entries(input.episodes ?? {}) as ["public" | "private", Record<string, number>[]][]) {
    const unitId = partition === "public"
      ? unit!.id
      : (await db.insert(evaluationUnits).values({ submissionId: submission!.id, key: partition, partition, status: "done" }).returning())[0]!.id;
    await db.insert(results).values(episodes.map((metrics, index) => ({ submissionId: submission!.id, unitId, attemptId: attempt!.id, partition, index, metrics })));
  }
  if (status === "scored") {
    const acc = input.accuracy ?? { public: 0.5, private: 0.5 };
    const half = acc.halfWidth ?? 0.01;
    await db.insert(aggregates).values(
      (["public", "private"] as const).map((partition) => ({
        submissionId: submission!.id,
        partition,
        metric: "accuracy",
        value: acc[partition],
        ciLow: acc[partition] - half,
        ciHigh: acc[partition] + half,
        n: 4,
      })),
    );
  }
  // As the worker does when it finishes a submission: open leaderboards and caches hear about it.
  await publishEvent(db, { type: "submission", submissionId: submission!.id, benchmarkId: fixture.benchmark.id, status });
  return submission!;
}

/**
 * An Atari or Meta-World submission as the worker leaves it mid-way or at the end: one unit per given key (with its
 * progress and raw rows, one attempt for them all) and the given aggregates. A read-side fixture.
 */
export async function insertRlSubmission(
  db: Db,
  input: {
    definition: BenchmarkDefinition;
    user: Pick<User, "id">;
    status: "running" | "scored";
    units: { key: string; partition: "public" | "private"; status: "running" | "done"; progress?: Record<string, unknown>; rows?: { index: number; task: string; metrics: Record<string, number> }[] }[];
    aggregates?: { partition: "public" | "private"; metric: string; value: number; ciLow?: number; ciHigh?: number }[];
    revealAt?: Date | null;
  },
) {
  const track = input.definition.track;
  if (track === "fewshot") throw new Error("insertRlSubmission takes an Atari or Meta-World definition");
  const current = await upsertBenchmark(db, input.definition);
  const phase = await ensurePhase(db, current.benchmark.id, { name: "Open", quotaPerDay: 5, quotaTotal: 100, revealAt: input.revealAt ?? null });
  const [submission] = await db
    .insert(submissions)
    .values({
      benchmarkId: current.benchmark.id,
      benchmarkVersionId: current.version.id,
      phaseId: phase.id,
      userId: input.user.id,
      name: `entry-${++counter}`,
      bundleSha256: "0".repeat(64),
      bundleBytes: 1234,
      manifest: { name: "fixture", track, kind: "agent", entry: "agent.mjs", options: {}, method: { description: "", tags: [] } },
      kind: "agent",
      status: input.status,
      finishedAt: input.status === "scored" ? new Date() : null,
    })
    .returning();
  for (const u of input.units) {
    const [unit] = await db
      .insert(evaluationUnits)
      .values({ submissionId: submission!.id, key: u.key, partition: u.partition, status: u.status, progress: u.progress ?? null })
      .returning();
    const [attempt] = await db
      .insert(evaluationAttempts)
      .values({ unitId: unit!.id, submissionId: submission!.id, evaluatorVersion: "test", backend: "cpu", host: "test-host", status: u.status === "done" ? "succeeded" : "running" })
      .returning();
    if (u.rows?.length) {
      await db.insert(results).values(u.rows.map((r) => ({ ...r, submissionId: submission!.id, unitId: unit!.id, attemptId: attempt!.id, partition: u.partition })));
    }
  }
  if (input.aggregates?.length) {
    await db.insert(aggregates).values(
      input.aggregates.map((a) => ({ submissionId: submission!.id, partition: a.partition, metric: a.metric, value: a.value, ciLow: a.ciLow ?? null, ciHigh: a.ciHigh ?? null, n: 1 })),
    );
  }
  return submission!;
}

export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(".next", "BUILD_ID"));
}


/**
 * The production site (`next start`, from the existing build) on a free localhost port, with the given database.
 * Resolves once the site answers (any status: /api/health says 503 while no worker runs).
 */
export async function startNextServer(options: { databaseUrl: string; home: string; timeoutMs?: number }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      HELDOUT_HOME: options.home,
      NEXTAUTH_SECRET: getConfig().authSecret ?? "test-secret-for-route-handlers-0123456789",
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer within ${options.timeoutMs ?? 60_000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
