import { failForPlatform, isUnitOpen, reapLostAttempts } from "@/db/queries/evaluation";
import { findSubmission } from "@/db/queries/submissions";
import type { Db } from "@/db/client";
import { publishEvent } from "@/lib/events";
import { evaluateUnitJob } from "@/lib/jobs";
import { UNIT_RETRY_LIMIT, type Queue } from "@/lib/queue";

/**
 * Finds attempts whose worker went silent (killed, machine lost) and hands their units back to the queue at once,
 * instead of waiting for the job's expiry: the job is failed, so pg-boss retries it on whichever worker is free.
 * Runs in every worker; each lost attempt is claimed by one reaper. Returns how many attempts were reaped.
 */
export async function reapOnce(input: { db: Db; queue: Queue; staleAfterSeconds: number; log: (line: string) => void }): Promise<number> {
  const { db, queue } = input;
  const lost = await reapLostAttempts(db, input.staleAfterSeconds);
  for (const attempt of lost) {
    const submission = await findSubmission(db, attempt.submissionId);
    if (!submission) continue;
    input.log(`attempt ${attempt.attemptId} of unit ${attempt.unitId} lost its worker; retrying the unit`);
    const job = attempt.jobId ? await queue.boss.getJobById(evaluateUnitJob.name, attempt.jobId) : null;
    if (job && job.state !== "completed" && job.state !== "failed" && job.state !== "cancelled") {
      await queue.boss.fail(evaluateUnitJob.name, job.id, { message: "The worker running this job stopped sending heartbeats." });
    }
    const after = attempt.jobId ? await queue.boss.getJobById(evaluateUnitJob.name, attempt.jobId) : null;
    if (after?.state === "failed") {
      await failForPlatform(db, {
        unitId: attempt.unitId,
        submissionId: attempt.submissionId,
        message: `The evaluation could not be completed because of a platform fault (${UNIT_RETRY_LIMIT + 1} attempts); it does not count against your quota.`,
      });
      await publishEvent(db, { type: "submission", submissionId: submission.id, benchmarkId: submission.benchmarkId, status: "failed" });
      continue;
    }
    if (!after || after.state === "completed" || after.state === "cancelled") {
      // The job was settled by a late worker while this attempt was the live one: queue the unit afresh.
      if (await isUnitOpen(db, attempt.unitId)) {
        await queue.boss.send(evaluateUnitJob.name, { v: 1, submissionId: attempt.submissionId, unitId: attempt.unitId }, { retryLimit: UNIT_RETRY_LIMIT });
      }
    }
    await publishEvent(db, { type: "submission", submissionId: submission.id, benchmarkId: submission.benchmarkId, status: "retrying" });
  }
  return lost.length;
}
