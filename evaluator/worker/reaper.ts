import { failForPlatform, isUnitOpen, reapLostAttempts } from "@/db/queries/evaluation";
import { findSubmission } from "@/db/queries/submissions";
import type { Db } from "@/db/client";
import { writeAndPublish } from "@/lib/events";
import { UNIT_RETRY_LIMIT, type Queue } from "@/lib/queue";

/**
 * Finds attempts whose worker went silent (killed, machine lost) and hands their units back to the queue at once,
 * instead of waiting for the job's expiry: the job is failed, so pg-boss retries it on whichever worker is free.
 * Runs in every worker; each lost attempt is claimed by one reaper. Returns how many attempts were reaped.
 */
export async function reapOnce(input: {
  db: Db;
  queue: Queue;
  staleAfterSeconds: number;
  log: (line: string) => void;
}): Promise<number> {
  const { db, queue } = input;
  const lost = await reapLostAttempts(db, input.staleAfterSeconds);
  for (const attempt of lost) {
    const submission = await findSubmission(db, attempt.submissionId);
    if (!submission) continue;
    input.log(`attempt ${attempt.attemptId} of unit ${attempt.unitId} lost its worker; retrying the unit`);
    const event = { type: "submission", submissionId: submission.id, benchmarkId: submission.benchmarkId } as const;
    // The job's retry, the platform failure when none is left, and the event announcing either commit together.
    await writeAndPublish(
      db,
      async (tx) => {
        const job = attempt.jobId ? await queue.find(attempt.jobId, tx) : undefined;
        const state =
          job && job.state !== "completed" && job.state !== "failed" && job.state !== "cancelled"
            ? await queue.fail(job, "The worker running this job stopped sending heartbeats.", tx)
            : job?.state;
        if (state === "failed" || !job) {
          // No retry left, or no record of the job to retry (pg-boss keeps settled jobs for days, archived).
          await failForPlatform(tx, {
            unitId: attempt.unitId,
            submissionId: attempt.submissionId,
            message: job
              ? `The evaluation could not be completed because of a platform fault (${UNIT_RETRY_LIMIT + 1} attempts); it does not count against your quota.`
              : "The evaluation could not be completed because of a platform fault (its queue job was lost); it does not count against your quota.",
          });
          return "failed" as const;
        }
        if ((state === "completed" || state === "cancelled") && (await isUnitOpen(tx, attempt.unitId))) {
          // The job was settled by a late worker while this attempt was the live one: queue the unit afresh, in the
          // job's queue, at its priority and expiry.
          await queue.requeue(job, tx);
        }
        return "retrying" as const;
      },
      (status) => ({ ...event, status }),
    );
  }
  return lost.length;
}
