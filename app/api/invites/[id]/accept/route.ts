import { requireVerifiedEmail } from "@/lib/auth/verification";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { acceptInvite } from "@/lib/server/teams";

export const POST = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    // The invite names an address; only an account that proved it owns that address may take the invite.
    requireVerifiedEmail(user);
    const { teamId } = await acceptInvite({ inviteId: id, user });
    return Response.json({ teamId });
  },
  { id: "invite" },
);
