import { findUserById } from "@/db/queries/users";
import { endUserWebSessions } from "@/lib/auth/web-sessions";
import { AppError } from "@/lib/errors";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

/** Admins: sign a user out everywhere (a lost laptop, a compromised account). Takes effect on their next request. */
export const DELETE = route<{ id: string }>(async (req, { id }) => {
  const admin = await requireRequestUser(req);
  if (admin.role !== "admin") throw new AppError("forbidden", "Only admins can sign other users out.", 403);
  const { db } = getDatabase();
  if (!(await findUserById(db, id))) throw new AppError("user_not_found", `No user ${id}.`, 404);
  return Response.json({ ended: await endUserWebSessions(db, { userId: id, now: new Date() }) });
});
