import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase, getQueue } from "@/lib/server/context";
import { cancelSubmission } from "@/lib/submissions/cancel";

/** The owner, a team member or an organizer stops a queued or running submission (no body). */
export const POST = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    const cancelled = await cancelSubmission({ db: getDatabase().db, queue: await getQueue(), submissionId: id, user });
    return Response.json(cancelled);
  },
  { id: "submission" },
);
