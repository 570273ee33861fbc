import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addCoOrganizer } from "@/db/queries/benchmark-organizers";
import { ensurePhase, type BenchmarkDefinition } from "@/db/queries/benchmarks";
import { type Role, type User } from "@/db/queries/users";
import { createUserWithPassword } from "@/lib/auth/users";
import { aggregates, evaluationAttempts, evaluationUnits, phases, results, submissions } from "@/db/schema";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { publishEvent } from "@/lib/events";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

/** Rows a test starts from, written straight into its database: accounts, benchmarks, finished submissions. */

let counter = 0;

/** The password of every account createUser makes. */
export const TEST_PASSWORD = "correct horse battery";

/** An account with a password and a confirmed email; `email` defaults to a fresh unique address. */
export async function createUser(db: Db, options: { email?: string; role?: Role } = {}): Promise<User> {
  counter += 1;
  const email = options.email ?? `user${counter}-${process.pid}@example.org`;
  return createUserWithPassword(db, {
    email,
    password: TEST_PASSWORD,
    role: options.role ?? "participant",
    emailVerified: new Date(),
  });
}

/** An account with the organizer role that co-organizes `fixture`'s benchmark (the role alone organizes nothing). */
export async function createOrganizerOf(db: Db, fixture: { benchmark: { id: string } }): Promise<User> {
  const organizer = await createUser(db, { role: "organizer" });
  await addCoOrganizer(db, { benchmarkId: fixture.benchmark.id, userId: organizer.id, addedBy: organizer.id });
  return organizer;
}

/**
 * A small few-shot benchmark (`smallFewshotSpec()` unless `spec` is given) with one open phase, "Open", without quotas
 * unless `phase` sets them; `owner` is its creator (who organizes it). A given `slug` is its title too.
 */
export async function createBenchmark(
  db: Db,
  options: {
    slug?: string;
    spec?: FewshotSpec;
    phase?: Partial<typeof phases.$inferInsert>;
    visibility?: "public" | "invite";
    owner?: Pick<User, "id">;
  } = {},
) {
  counter += 1;
  const slug = options.slug ?? `bench-${counter}`;
  const definition = {
    slug,
    title: options.slug ?? `Benchmark ${counter}`,
    track: "fewshot" as const,
    summary: "",
    about: "",
    synthetic: true,
    spec: options.spec ?? smallFewshotSpec(),
  };
  const { benchmark, version } = await upsertBenchmark(db, definition, options.owner?.id);
  if (options.visibility)
    await db.execute(sql`update benchmarks set visibility = ${options.visibility} where id = ${benchmark.id}`);
  let phase = await ensurePhase(db, benchmark.id, {
    name: "Open",
    quotaPerDay: null,
    quotaTotal: null,
    revealAt: null,
  });
  if (options.phase) [phase] = await db.update(phases).set(options.phase).where(eq(phases.id, phase.id)).returning();
  return { benchmark, version, phase: phase! };
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
  const submission = await insertSubmissionRow(db, {
    benchmarkId: fixture.benchmark.id,
    benchmarkVersionId: fixture.version.id,
    phaseId: fixture.phase.id,
    userId: input.user.id,
    teamId: input.teamId ?? null,
    name: input.name ?? `entry-${++counter}`,
    manifest: {
      name: "fixture",
      track: "fewshot",
      kind: "embedding",
      model: "model/model.json",
      options: { distance: "euclidean" },
      method: { description: "", tags: [] },
    },
    kind: "embedding",
    visibility: input.visibility ?? "public",
    status,
    failureKind: status === "failed" ? "user" : null,
    failureReason: status === "failed" ? "episode 3: probabilities have shape [25,4], expected [25,5]" : null,
    finishedAt: new Date(),
  });
  const { unit, attempt } = await insertUnitWithAttempt(
    db,
    {
      submissionId: submission.id,
      key: "public",
      partition: "public",
      status: status === "scored" ? "done" : "failed",
    },
    {
      backend: "wasm",
      status: status === "scored" ? "succeeded" : "failed",
      log: input.log ?? "secret training log line",
      wallMs: input.wallMs ?? null,
    },
  );
  await insertEpisodeResults(
    db,
    { submissionId: submission.id, unitId: unit.id, attemptId: attempt.id },
    input.episodes,
  );
  if (status === "scored") await insertAccuracyAggregates(db, submission.id, input.accuracy);
  // As the worker does when it finishes a submission: open leaderboards and caches hear about it.
  await publishEvent(db, {
    type: "submission",
    submissionId: submission.id,
    benchmarkId: fixture.benchmark.id,
    status,
  });
  return submission;
}

/** The public and private accuracy of a scored few-shot submission, each with its interval (0.5 ± 0.01 by default). */
async function insertAccuracyAggregates(
  db: Db,
  submissionId: string,
  accuracy: { public: number; private: number; halfWidth?: number } = { public: 0.5, private: 0.5 },
) {
  const half = accuracy.halfWidth ?? 0.01;
  await insertAggregateRows(
    db,
    submissionId,
    (["public", "private"] as const).map((partition) => ({
      partition,
      metric: "accuracy",
      value: accuracy[partition],
      ciLow: accuracy[partition] - half,
      ciHigh: accuracy[partition] + half,
      n: 4,
    })),
  );
}

/**
 * Few-shot raw results, one row per episode: public ones under the public unit and its attempt, private ones under a
 * private unit of their own (with the same attempt).
 */
async function insertEpisodeResults(
  db: Db,
  publicUnit: { submissionId: string; unitId: string; attemptId: string },
  episodesByPartition: Partial<Record<"public" | "private", Record<string, number>[]>> = {},
) {
  const { submissionId, attemptId } = publicUnit;
  for (const [partition, episodes] of Object.entries(episodesByPartition) as [
    "public" | "private",
    Record<string, number>[],
  ][]) {
    const unitId =
      partition === "public"
        ? publicUnit.unitId
        : (
            await db
              .insert(evaluationUnits)
              .values({ submissionId, key: partition, partition, status: "done" })
              .returning()
          )[0]!.id;
    await insertResultRows(
      db,
      { submissionId, unitId, attemptId, partition },
      episodes.map((metrics, index) => ({ index, metrics })),
    );
  }
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
    units: {
      key: string;
      partition: "public" | "private";
      status: "running" | "done";
      progress?: Record<string, unknown>;
      rows?: { index: number; task: string; metrics: Record<string, number> }[];
    }[];
    aggregates?: { partition: "public" | "private"; metric: string; value: number; ciLow?: number; ciHigh?: number }[];
    revealAt?: Date | null;
  },
) {
  const track = input.definition.track;
  if (track === "fewshot") throw new Error("insertRlSubmission takes an Atari or Meta-World definition");
  const current = await upsertBenchmark(db, input.definition);
  const phase = await ensurePhase(db, current.benchmark.id, {
    name: "Open",
    quotaPerDay: 5,
    quotaTotal: 100,
    revealAt: input.revealAt ?? null,
  });
  const submission = await insertSubmissionRow(db, {
    benchmarkId: current.benchmark.id,
    benchmarkVersionId: current.version.id,
    phaseId: phase.id,
    userId: input.user.id,
    name: `entry-${++counter}`,
    manifest: {
      name: "fixture",
      track,
      kind: "agent",
      entry: "agent.mjs",
      options: {},
      method: { description: "", tags: [] },
    },
    kind: "agent",
    status: input.status,
    finishedAt: input.status === "scored" ? new Date() : null,
  });
  for (const u of input.units) {
    const { unit, attempt } = await insertUnitWithAttempt(
      db,
      {
        submissionId: submission.id,
        key: u.key,
        partition: u.partition,
        status: u.status,
        progress: u.progress ?? null,
      },
      { backend: "cpu", status: u.status === "done" ? "succeeded" : "running" },
    );
    if (u.rows?.length) {
      await insertResultRows(
        db,
        { submissionId: submission.id, unitId: unit.id, attemptId: attempt.id, partition: u.partition },
        u.rows,
      );
    }
  }
  if (input.aggregates?.length) {
    await insertAggregateRows(
      db,
      submission.id,
      input.aggregates.map((a) => ({
        partition: a.partition,
        metric: a.metric,
        value: a.value,
        ciLow: a.ciLow ?? null,
        ciHigh: a.ciHigh ?? null,
        n: 1,
      })),
    );
  }
  return submission;
}

/** A submission row with a placeholder bundle (no bundle is stored: the read side never opens it). */
async function insertSubmissionRow(
  db: Db,
  values: Omit<typeof submissions.$inferInsert, "bundleSha256" | "bundleBytes">,
) {
  const [submission] = await db
    .insert(submissions)
    .values({ ...values, bundleSha256: "0".repeat(64), bundleBytes: 1234 })
    .returning();
  return submission!;
}

/** An evaluation unit and one attempt at it on the test host. */
async function insertUnitWithAttempt(
  db: Db,
  unitValues: typeof evaluationUnits.$inferInsert,
  attemptValues: Omit<typeof evaluationAttempts.$inferInsert, "unitId" | "submissionId" | "evaluatorVersion" | "host">,
) {
  const [unit] = await db.insert(evaluationUnits).values(unitValues).returning();
  const [attempt] = await db
    .insert(evaluationAttempts)
    .values({
      unitId: unit!.id,
      submissionId: unitValues.submissionId,
      evaluatorVersion: "test",
      host: "test-host",
      ...attemptValues,
    })
    .returning();
  return { unit: unit!, attempt: attempt! };
}

/** Raw result rows of one unit's attempt. */
async function insertResultRows(
  db: Db,
  owner: { submissionId: string; unitId: string; attemptId: string; partition: "public" | "private" },
  rows: Omit<typeof results.$inferInsert, "submissionId" | "unitId" | "attemptId" | "partition">[],
) {
  await db.insert(results).values(rows.map((r) => ({ ...r, ...owner })));
}

async function insertAggregateRows(
  db: Db,
  submissionId: string,
  rows: Omit<typeof aggregates.$inferInsert, "submissionId">[],
) {
  await db.insert(aggregates).values(rows.map((a) => ({ submissionId, ...a })));
}
