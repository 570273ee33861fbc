import { and, eq, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import type { VersionSecrets } from "@/lib/private-seeds";
import {
  aggregates,
  benchmarkVersions,
  benchmarkVersionSecrets,
  evaluationAttempts,
  evaluationUnits,
  results,
  submissions,
} from "../schema";
import type { EvaluationUnit, Submission } from "./submissions";

export type Attempt = typeof evaluationAttempts.$inferSelect;
type Runner = Pick<Db, "select" | "insert" | "update" | "delete" | "execute">;
/** The database or an open transaction (whose `transaction` opens a savepoint): the write joins the caller's. */
type Transactor = Pick<Db, "transaction">;

export type ResultInput = { index: number; task: string; metrics: Record<string, number> };
export type AggregateInput = { metric: string; value: number; ciLow: number | null; ciHigh: number | null; n: number };
/** Turns the raw rows of ONE partition into its aggregates (the track's `aggregate` over the version's spec). */
export type Aggregator = (rows: ResultInput[]) => AggregateInput[];

const FINISHED_UNIT = ["done", "failed", "cancelled"] as const;

export type StartedAttempt =
  | { skip: true; reason: string }
  | {
      skip: false;
      attempt: Attempt;
      unit: EvaluationUnit;
      submission: Submission;
      storedSpec: unknown;
      secrets: VersionSecrets | null;
    };

/**
 * Opens an attempt at a unit unless the unit is already finished (a duplicate or late job is then a no-op).
 * Marks the unit and, on its first unit, the submission as running. `storedSpec` is the version's spec as stored:
 * the caller reads it through the spec schema.
 */
export async function startAttempt(
  db: Transactor,
  input: { unitId: string; submissionId: string; jobId: string; host: string; evaluatorVersion: string },
): Promise<StartedAttempt> {
  return db.transaction(async (tx) => {
    const [unit] = await tx.select().from(evaluationUnits).where(eq(evaluationUnits.id, input.unitId)).for("update");
    if (!unit || unit.submissionId !== input.submissionId) return { skip: true, reason: "unit not found" };
    if ((FINISHED_UNIT as readonly string[]).includes(unit.status))
      return { skip: true, reason: `unit already ${unit.status}` };
    const [submission] = await tx.select().from(submissions).where(eq(submissions.id, unit.submissionId));
    if (!submission || submission.status === "failed" || submission.status === "cancelled") {
      return { skip: true, reason: `submission ${submission?.status ?? "missing"}` };
    }
    const [version] = await tx
      .select()
      .from(benchmarkVersions)
      .where(eq(benchmarkVersions.id, submission.benchmarkVersionId));
    const [secret] = await tx
      .select()
      .from(benchmarkVersionSecrets)
      .where(eq(benchmarkVersionSecrets.versionId, submission.benchmarkVersionId));
    const [attempt] = await tx
      .insert(evaluationAttempts)
      .values({
        unitId: unit.id,
        submissionId: unit.submissionId,
        jobId: input.jobId,
        host: input.host,
        evaluatorVersion: input.evaluatorVersion,
      })
      .returning();
    const [running] = await tx
      .update(evaluationUnits)
      .set({ status: "running" })
      .where(eq(evaluationUnits.id, unit.id))
      .returning();
    await tx
      .update(submissions)
      .set({ status: "running" })
      .where(and(eq(submissions.id, submission.id), eq(submissions.status, "queued")));
    return {
      skip: false,
      attempt: attempt!,
      unit: running!,
      submission,
      storedSpec: version!.spec,
      secrets: secret?.secrets ?? null,
    };
  });
}

export async function setAttemptBackend(
  db: Runner,
  attemptId: string,
  backend: string,
  gpu: string | null,
): Promise<void> {
  await db.update(evaluationAttempts).set({ backend, gpu }).where(eq(evaluationAttempts.id, attemptId));
}

/**
 * Records that an attempt is alive, with the unit's latest progress when given. Returns false when the attempt
 * should stop: it was declared lost, or its unit was finished or cancelled meanwhile.
 */
export async function beat(
  db: Transactor,
  input: { attemptId: string; unitId: string; progress?: Record<string, unknown> },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [alive] = await tx
      .update(evaluationAttempts)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(evaluationAttempts.id, input.attemptId), eq(evaluationAttempts.status, "running")))
      .returning({ id: evaluationAttempts.id });
    if (!alive) return false;
    if (input.progress) {
      await tx.update(evaluationUnits).set({ progress: input.progress }).where(eq(evaluationUnits.id, input.unitId));
    }
    const [unit] = await tx
      .select({ status: evaluationUnits.status })
      .from(evaluationUnits)
      .where(eq(evaluationUnits.id, input.unitId));
    return unit?.status === "running";
  });
}

export type CompletedUnit = { recorded: boolean; scored: boolean; benchmarkId: string };

/**
 * Writes a unit's raw results and marks it done, in one transaction; a unit already finished writes nothing. When it
 * was the submission's last unit, aggregates every partition with `aggregate` and marks the submission scored.
 * The submission row is locked first, so two units finishing together cannot both miss being last.
 */
export async function completeUnit(
  db: Transactor,
  input: { attemptId: string; unitId: string; rows: ResultInput[]; log: string; wallMs: number; aggregate: Aggregator },
): Promise<CompletedUnit> {
  return db.transaction(async (tx) => {
    const [unit] = await tx.select().from(evaluationUnits).where(eq(evaluationUnits.id, input.unitId));
    if (!unit) return { recorded: false, scored: false, benchmarkId: "" };
    const [submission] = await tx.select().from(submissions).where(eq(submissions.id, unit.submissionId)).for("update");
    const finishAttempt = (status: "succeeded") =>
      tx
        .update(evaluationAttempts)
        .set({ status, finishedAt: sql`now()`, wallMs: input.wallMs, log: input.log })
        .where(eq(evaluationAttempts.id, input.attemptId));
    const wanted = submission && (submission.status === "queued" || submission.status === "running");
    const [done] = wanted
      ? await tx
          .update(evaluationUnits)
          // Progress is written with heartbeats; the last few steps may not have been: the unit is complete.
          .set({
            status: "done",
            finishedAt: sql`now()`,
            progress: { done: input.rows.length, total: input.rows.length },
          })
          .where(and(eq(evaluationUnits.id, unit.id), inArray(evaluationUnits.status, ["pending", "running"])))
          .returning()
      : [];
    if (!done || !submission) {
      // Another attempt finished this unit first, or the submission ended meanwhile: nothing is scored twice.
      await finishAttempt("succeeded");
      return { recorded: false, scored: false, benchmarkId: submission?.benchmarkId ?? "" };
    }
    if (input.rows.length > 0) {
      await tx
        .insert(results)
        .values(
          input.rows.map((r) => ({
            submissionId: unit.submissionId,
            unitId: unit.id,
            attemptId: input.attemptId,
            partition: unit.partition,
            index: r.index,
            task: r.task,
            metrics: r.metrics,
          })),
        )
        .onConflictDoNothing({ target: [results.unitId, results.index] });
    }
    await finishAttempt("succeeded");
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(evaluationUnits)
      .where(and(eq(evaluationUnits.submissionId, unit.submissionId), notInArray(evaluationUnits.status, ["done"])));
    if ((open?.n ?? 0) > 0) return { recorded: true, scored: false, benchmarkId: submission.benchmarkId };
    await writeAggregates(tx, submission, input.aggregate);
    await tx
      .update(submissions)
      .set({ status: "scored", finishedAt: sql`now()`, failureKind: null, failureReason: null })
      .where(eq(submissions.id, submission.id));
    return { recorded: true, scored: true, benchmarkId: submission.benchmarkId };
  });
}

/** Recomputes a submission's aggregates, per partition, from its raw results. */
async function writeAggregates(tx: Runner, submission: Submission, aggregate: Aggregator): Promise<void> {
  const rows = await tx
    .select({ partition: results.partition, index: results.index, task: results.task, metrics: results.metrics })
    .from(results)
    .where(eq(results.submissionId, submission.id))
    .orderBy(results.partition, results.unitId, results.index);
  const byPartition = new Map<Partition, ResultInput[]>();
  for (const row of rows) {
    const list = byPartition.get(row.partition) ?? [];
    list.push({ index: row.index, task: row.task, metrics: row.metrics });
    byPartition.set(row.partition, list);
  }
  await tx.delete(aggregates).where(eq(aggregates.submissionId, submission.id));
  for (const [partition, partRows] of byPartition) {
    const values = aggregate(partRows).map((a) => ({ submissionId: submission.id, partition, ...a }));
    if (values.length > 0) await tx.insert(aggregates).values(values);
  }
}

/**
 * The submitted code failed: the attempt and unit fail with its log, the submission fails with the reason, and its
 * other units are cancelled (their queued jobs become no-ops).
 */
export async function failForUserCode(
  db: Transactor,
  input: {
    attemptId: string;
    unitId: string;
    submissionId: string;
    reason: string;
    message: string;
    log: string;
    wallMs: number;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for("update");
    await tx
      .update(evaluationAttempts)
      .set({
        status: "failed",
        errorKind: "user",
        error: `${input.reason}: ${input.message}`,
        log: input.log,
        finishedAt: sql`now()`,
        wallMs: input.wallMs,
      })
      .where(eq(evaluationAttempts.id, input.attemptId));
    await tx
      .update(evaluationUnits)
      .set({ status: "failed", finishedAt: sql`now()` })
      .where(eq(evaluationUnits.id, input.unitId));
    await cancelOpenUnits(tx, input.submissionId);
    await tx
      .update(submissions)
      .set({ status: "failed", failureKind: "user", failureReason: input.message, finishedAt: sql`now()` })
      .where(
        and(eq(submissions.id, input.submissionId), notInArray(submissions.status, ["scored", "failed", "cancelled"])),
      );
  });
}

/** A platform fault ended this attempt; the unit goes back to pending for the queue's retry. */
export async function failAttemptForPlatform(
  db: Transactor,
  input: { attemptId: string; unitId: string; error: string; log: string; wallMs: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(evaluationAttempts)
      .set({
        status: "failed",
        errorKind: "platform",
        error: input.error,
        log: input.log,
        finishedAt: sql`now()`,
        wallMs: input.wallMs,
      })
      .where(and(eq(evaluationAttempts.id, input.attemptId), eq(evaluationAttempts.status, "running")));
    await tx
      .update(evaluationUnits)
      .set({ status: "pending" })
      .where(and(eq(evaluationUnits.id, input.unitId), eq(evaluationUnits.status, "running")));
  });
}

/**
 * Retries of a unit are exhausted by platform faults: the submission fails as "platform" (never charged to a quota).
 */
export async function failForPlatform(
  db: Transactor,
  input: { unitId: string; submissionId: string; message: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for("update");
    await tx
      .update(evaluationUnits)
      .set({ status: "failed", finishedAt: sql`now()` })
      .where(and(eq(evaluationUnits.id, input.unitId), inArray(evaluationUnits.status, ["pending", "running"])));
    await cancelOpenUnits(tx, input.submissionId);
    await tx
      .update(submissions)
      .set({ status: "failed", failureKind: "platform", failureReason: input.message, finishedAt: sql`now()` })
      .where(
        and(eq(submissions.id, input.submissionId), notInArray(submissions.status, ["scored", "failed", "cancelled"])),
      );
  });
}

/** Every unit of the submission not yet finished becomes cancelled (a queued job for it is then a no-op). */
export async function cancelOpenUnits(tx: Runner, submissionId: string): Promise<void> {
  await tx
    .update(evaluationUnits)
    .set({ status: "cancelled", finishedAt: sql`now()` })
    .where(
      and(eq(evaluationUnits.submissionId, submissionId), inArray(evaluationUnits.status, ["pending", "running"])),
    );
}

export type LostAttempt = { attemptId: string; jobId: string | null; unitId: string; submissionId: string };

/**
 * Declares lost every running attempt without a heartbeat for `staleAfterSeconds` (by the database's clock, the one
 * that stamped the heartbeats) and puts its unit back to pending.
 * Each attempt is claimed by exactly one reaper (the row update re-checks the status).
 */
export async function reapLostAttempts(db: Transactor, staleAfterSeconds: number): Promise<LostAttempt[]> {
  return db.transaction(async (tx) => {
    const lost = await tx
      .update(evaluationAttempts)
      .set({
        status: "lost",
        errorKind: "platform",
        error: "The worker stopped sending heartbeats.",
        finishedAt: sql`now()`,
      })
      .where(
        and(
          eq(evaluationAttempts.status, "running"),
          lt(evaluationAttempts.heartbeatAt, sql`now() - make_interval(secs => ${staleAfterSeconds})`),
        ),
      )
      .returning({
        attemptId: evaluationAttempts.id,
        jobId: evaluationAttempts.jobId,
        unitId: evaluationAttempts.unitId,
        submissionId: evaluationAttempts.submissionId,
      });
    for (const attempt of lost) {
      await tx
        .update(evaluationUnits)
        .set({ status: "pending" })
        .where(and(eq(evaluationUnits.id, attempt.unitId), eq(evaluationUnits.status, "running")));
    }
    return lost;
  });
}

/** Whether a unit still needs an evaluation. */
export async function isUnitOpen(db: Runner, unitId: string): Promise<boolean> {
  const [unit] = await db
    .select({ status: evaluationUnits.status })
    .from(evaluationUnits)
    .where(eq(evaluationUnits.id, unitId));
  return unit?.status === "pending" || unit?.status === "running";
}
