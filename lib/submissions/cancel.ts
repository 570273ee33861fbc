import type { Db } from "@/db/client";
import { cancelSubmissionEvaluation } from "@/db/queries/cancellation";
import { findSubmission, isTeamMember, type Submission } from "@/db/queries/submissions";
import type { User } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import { writeAndPublish } from "@/lib/events";
import { isOrganizer } from "@/lib/http/auth";
import type { Queue } from "@/lib/queue";

/** Whether `user` submitted it: its owner, or a member of the team it was submitted for. */
async function isSubmitter(db: Db, submission: Submission, user: Pick<User, "id">): Promise<boolean> {
  return (
    submission.userId === user.id ||
    (submission.teamId !== null && (await isTeamMember(db, submission.teamId, user.id)))
  );
}

/** Whether the viewer may cancel this submission now (the page shows the button only then). */
export async function viewerMayCancel(db: Db, submissionId: string, viewer: User | undefined): Promise<boolean> {
  const submission = await findSubmission(db, submissionId);
  if (!viewer || !submission || (submission.status !== "queued" && submission.status !== "running")) return false;
  return isOrganizer(viewer) || (await isSubmitter(db, submission, viewer));
}

export type Cancelled = { id: string; status: "cancelled"; withdrawnJobs: number };

/**
 * Stops a queued or running submission at the request of its owner, a member of its team, or an organizer. Its
 * unfinished units are cancelled and the jobs still waiting for them withdrawn from the queue; a worker running one of
 * its units is told by NOTIFY (and would see it at its next heartbeat anyway), stops the sandbox and writes no results.
 * A cancellation is nobody's failure: it never counts toward the cap on failed submissions. It still counts toward
 * the phase's submission quotas, as any accepted submission does (Kaggle counts a cancelled submission for the day
 * too): cancelling must not become a way to probe the leaderboard for free.
 */
export async function cancelSubmission(input: {
  db: Db;
  queue: Queue;
  submissionId: string;
  user: User;
}): Promise<Cancelled> {
  const { db, user, submissionId } = input;
  const submission = await findSubmission(db, submissionId);
  const mine = submission && (await isSubmitter(db, submission, user));
  if (!submission || (!mine && !isOrganizer(user) && submission.visibility === "private")) {
    throw new AppError("submission_not_found", `No submission ${submissionId}.`, 404);
  }
  if (!mine && !isOrganizer(user)) {
    throw new AppError(
      "forbidden",
      "Only the submission's owner, a member of its team or an organizer can cancel it.",
      403,
    );
  }
  // The cancellation, the withdrawal of its waiting jobs and its event commit together.
  const outcome = await writeAndPublish(
    db,
    async (tx) => {
      const cancelled = await cancelSubmissionEvaluation(tx, submissionId);
      return cancelled.cancelled
        ? { ...cancelled, withdrawnJobs: await input.queue.cancelUnits(cancelled.waitingUnitIds, tx) }
        : cancelled;
    },
    (o) =>
      o.cancelled ? { type: "submission", submissionId, benchmarkId: o.benchmarkId, status: "cancelled" } : undefined,
  );
  if (!outcome.cancelled) {
    throw new AppError(
      "not_cancellable",
      `This submission is already ${outcome.status}; only a queued or running submission can be cancelled.`,
      409,
    );
  }
  return { id: submissionId, status: "cancelled", withdrawnJobs: outcome.withdrawnJobs };
}
