import { signOutEverywhere } from "@/lib/auth/web-sessions";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** Admins: sign a user out everywhere (a lost laptop, a compromised account). Takes effect on their next request. */
export const DELETE = route<{ id: string }>(
  async (req, { id }) => {
    const actor = await requireRequestUser(req);
    return Response.json({ ended: await signOutEverywhere(getDatabase().db, { actor, userId: id, now: new Date() }) });
  },
  { id: "user" },
);
