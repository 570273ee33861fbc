import { z } from "zod";
import { setBaseline } from "@/db/queries/moderation";
import { AppError } from "@/lib/errors";
import { publishEvent } from "@/lib/events";
import { requireSubmissionOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

const bodySchema = z.object({ isBaseline: z.boolean() }).strict();

/** Organizers mark a reference entry as a baseline (its own entrant on the board, shown with a badge), or unmark it. */
export const PUT = route<{ id: string }>(async (req, { id }) => {
  await requireSubmissionOrganizer(req, id);
  const { isBaseline } = await readJson(req, bodySchema);
  const { db } = getDatabase();
  const updated = await db.transaction(async (tx) => {
    const row = await setBaseline(tx, { submissionId: id, isBaseline });
    // Open leaderboards and their caches refresh on the submission's event.
    if (row) await publishEvent(tx, { type: "submission", submissionId: row.id, benchmarkId: row.benchmarkId, status: row.status });
    return row;
  });
  if (!updated) throw new AppError("submission_not_found", `No submission ${id}.`, 404);
  return Response.json({ id: updated.id, isBaseline: updated.isBaseline });
});
