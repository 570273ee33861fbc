import { z } from "zod";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { inviteToTeam } from "@/lib/server/teams";

const inviteSchema = z.object({ email: z.string().trim().email("enter a valid email address").max(254) });

/** A member invites someone by email; they accept from their Teams page once signed in with that email. */
export const POST = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    const { email } = await readJson(req, inviteSchema);
    const invite = await inviteToTeam({ teamId: id, inviterId: user.id, email });
    return Response.json({ id: invite.id, email: invite.email }, { status: 201 });
  },
  { id: "team" },
);
