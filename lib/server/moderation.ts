import { z } from "zod";
import { listModeration, recordModeration } from "@/db/queries/moderation";
import { AppError } from "@/lib/core/errors";
import { publishEvent } from "@/lib/events";
import { getDatabase } from "./context";

export const rulingSchema = z
  .object({
    state: z.enum(["visible", "hidden", "disqualified"]),
    reason: z.string().trim().min(3, "Give a reason (it is kept in the audit log and shown with a disqualification).").max(500),
  })
  .strict();
export type Ruling = z.infer<typeof rulingSchema>;

/** An organizer's ruling on an entry: appended to the audit log; open leaderboards hear of it at once. */
export async function moderateEntry(input: { submissionId: string; actorId: string; ruling: Ruling }) {
  const { db } = getDatabase();
  const recorded = await db.transaction(async (tx) => {
    const done = await recordModeration(tx, { submissionId: input.submissionId, actorId: input.actorId, ...input.ruling });
    if (done) await publishEvent(tx, { type: "submission", submissionId: done.entry.id, benchmarkId: done.entry.benchmarkId, status: done.entry.status });
    return done;
  });
  if (!recorded) throw new AppError("submission_not_found", `No submission ${input.submissionId}.`, 404);
  return { state: recorded.action.state, reason: recorded.action.reason, at: recorded.action.createdAt };
}

export async function moderationLog(submissionId: string) {
  return listModeration(getDatabase().db, submissionId);
}
