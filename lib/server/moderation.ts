import { z } from "zod";
import { listModeration, recordModeration, setBaseline } from "@/db/queries/moderation";
import { AppError } from "@/lib/core/errors";
import { publishEvent } from "@/lib/events";
import { proseText } from "@/lib/core/user-text";
import { getDatabase } from "./context";
import { dropCachedLeaderboards } from "./leaderboard-cache";

export const rulingSchema = z
  .object({
    state: z.enum(["visible", "hidden", "disqualified"]),
    reason: proseText({
      min: 3,
      max: 500,
      tooShort: "Give a reason (it is kept in the audit log and shown with a disqualification).",
    }),
  })
  .strict();
export type Ruling = z.infer<typeof rulingSchema>;

/** An organizer's ruling on an entry: appended to the audit log; open leaderboards hear of it at once. */
export async function moderateEntry(input: { submissionId: string; actorId: string; ruling: Ruling }) {
  const { db } = getDatabase();
  const recorded = await db.transaction(async (tx) => {
    const done = await recordModeration(tx, {
      submissionId: input.submissionId,
      actorId: input.actorId,
      ...input.ruling,
    });
    if (done)
      await publishEvent(tx, {
        type: "submission",
        submissionId: done.entry.id,
        benchmarkId: done.entry.benchmarkId,
        status: done.entry.status,
      });
    return done;
  });
  if (!recorded) throw new AppError("submission_not_found", `No submission ${input.submissionId}.`, 404);
  dropCachedLeaderboards(recorded.entry.benchmarkId);
  return { state: recorded.action.state, reason: recorded.action.reason, at: recorded.action.createdAt };
}

export async function moderationLog(submissionId: string) {
  return listModeration(getDatabase().db, submissionId);
}

/** Organizers mark a reference entry as a baseline (its own entrant on the board, shown with a badge), or unmark it. */
export async function markBaseline(input: { submissionId: string; isBaseline: boolean }) {
  const { db } = getDatabase();
  const updated = await db.transaction(async (tx) => {
    const row = await setBaseline(tx, input);
    // Open leaderboards and their caches refresh on the submission's event.
    if (row)
      await publishEvent(tx, {
        type: "submission",
        submissionId: row.id,
        benchmarkId: row.benchmarkId,
        status: row.status,
      });
    return row;
  });
  if (!updated) throw new AppError("submission_not_found", `No submission ${input.submissionId}.`, 404);
  dropCachedLeaderboards(updated.benchmarkId);
  return { id: updated.id, isBaseline: updated.isBaseline };
}
