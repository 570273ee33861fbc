import { deleteWebSession } from "@/db/queries/web-sessions";
import { AppError } from "@/lib/errors";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** Ends one of the caller's sessions. Someone else's is "not found", never ended. */
export const DELETE = route<{ id: string }>(async (req, { id }) => {
  const user = await requireRequestUser(req);
  if (!(await deleteWebSession(getDatabase().db, { userId: user.id, id }))) throw new AppError("session_not_found", "No such session among yours.", 404);
  return new Response(null, { status: 204 });
});
