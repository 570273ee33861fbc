import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { evaluationAttempts, evaluationUnits, submissions } from "../schema";
import { cancelOpenUnits } from "./evaluation";

type Runner = Pick<Db, "select" | "update" | "execute">;

export type CancelOutcome =
  { cancelled: true; benchmarkId: string; waitingUnitIds: string[] } | { cancelled: false; status: string };

/**
 * Cancels a queued or running submission in one transaction, its row locked first (so a unit finishing at the same
 * moment either scores it before, or finds it cancelled after, never both): every unfinished unit becomes cancelled
 * and the submission `cancelled`, with no failure recorded. Returns the units that were still waiting for a worker
 * (their queue jobs can be withdrawn); a running unit's worker sees the change at its next heartbeat.
 */
export async function cancelSubmissionEvaluation(
  db: Pick<Db, "transaction">,
  submissionId: string,
): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    const [submission] = await tx.select().from(submissions).where(eq(submissions.id, submissionId)).for("update");
    if (!submission) return { cancelled: false, status: "missing" };
    if (submission.status !== "queued" && submission.status !== "running")
      return { cancelled: false, status: submission.status };
    const waiting = await tx
      .select({ id: evaluationUnits.id })
      .from(evaluationUnits)
      .where(and(eq(evaluationUnits.submissionId, submissionId), eq(evaluationUnits.status, "pending")));
    await cancelOpenUnits(tx, submissionId);
    await tx
      .update(submissions)
      .set({ status: "cancelled", failureKind: null, failureReason: null, finishedAt: sql`now()` })
      .where(eq(submissions.id, submissionId));
    return { cancelled: true, benchmarkId: submission.benchmarkId, waitingUnitIds: waiting.map((u) => u.id) };
  });
}

/**
 * Closes an attempt whose unit was cancelled while it ran: failed, with no fault kind (neither the submitted code
 * nor the platform failed) and its log so far. An attempt already closed (declared lost) is left as it is.
 */
export async function closeCancelledAttempt(
  db: Runner,
  input: { attemptId: string; log: string; wallMs: number },
): Promise<boolean> {
  const closed = await db
    .update(evaluationAttempts)
    .set({
      status: "failed",
      errorKind: null,
      error: "Cancelled: the submission was cancelled while this unit ran.",
      log: input.log,
      wallMs: input.wallMs,
      finishedAt: sql`now()`,
    })
    .where(
      and(
        eq(evaluationAttempts.id, input.attemptId),
        eq(evaluationAttempts.status, "running"),
        inArray(
          evaluationAttempts.unitId,
          db.select({ id: evaluationUnits.id }).from(evaluationUnits).where(eq(evaluationUnits.status, "cancelled")),
        ),
      ),
    )
    .returning({ id: evaluationAttempts.id });
  return closed.length > 0;
}
