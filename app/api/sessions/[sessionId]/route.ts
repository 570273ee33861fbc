import { endOwnWebSession } from "@/lib/auth/web-sessions";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** Ends one of the caller's sessions. Someone else's is "not found", never ended. */
export const DELETE = route<{ sessionId: string }>(async (req, { sessionId }) => {
  const user = await requireRequestUser(req);
  await endOwnWebSession(getDatabase().db, { userId: user.id, id: sessionId });
  return new Response(null, { status: 204 });
});
