import { getSubmissionView } from "@/db/queries/views";
import { AppError } from "@/lib/core/errors";
import { findRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** A submission as the caller may see it: the owner gets the log and failure details; a private one is 404 to others. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const viewer = await findRequestUser(req);
  const submission = await getSubmissionView(getDatabase().db, { id, viewer });
  if (!submission) throw new AppError("submission_not_found", `No submission ${id}.`, 404);
  return Response.json(submission, { headers: { "cache-control": "no-store" } });
});
