import { leaveTeam } from "@/db/queries/teams";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** Leave a team. */
export const DELETE = route<{ id: string }>(async (req, { id }) => {
  const user = await requireRequestUser(req);
  await leaveTeam(getDatabase().db, { teamId: id, userId: user.id });
  return new Response(null, { status: 204 });
}, { id: "team" });
