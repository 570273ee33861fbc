import { findRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { findSubmissionView } from "@/lib/server/submission-view";

/** A submission as the caller may see it: the owner gets the log and failure details; a private one is 404 to others. */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const viewer = await findRequestUser(req);
    const submission = await findSubmissionView({ id, viewer });
    return Response.json(submission, { headers: { "cache-control": "no-store" } });
  },
  { id: "submission" },
);
