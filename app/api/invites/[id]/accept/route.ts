import { acceptInvite } from "@/db/queries/teams";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

export const POST = route<{ id: string }>(async (req, { id }) => {
  const user = await requireRequestUser(req);
  const { teamId } = await acceptInvite(getDatabase().db, { inviteId: id, user });
  return Response.json({ teamId });
}, { id: "invite" });
