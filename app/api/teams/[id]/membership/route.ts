import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { leaveTeam } from "@/lib/server/teams";

/** Leave a team. */
export const DELETE = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    await leaveTeam({ teamId: id, userId: user.id });
    return new Response(null, { status: 204 });
  },
  { id: "team" },
);
