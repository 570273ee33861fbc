import { endUserWebSessions, listUserWebSessions } from "@/lib/auth/web-sessions";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { readRequestSessionId } from "@/lib/http/session";
import { getDatabase } from "@/lib/server/context";

/** The caller's signed-in browsers; `current` marks the one asking. */
export const GET = route(async (req) => {
  const user = await requireRequestUser(req);
  const sessions = await listUserWebSessions(getDatabase().db, {
    userId: user.id,
    currentId: await readRequestSessionId(req),
    now: new Date(),
  });
  return Response.json({ sessions });
});

/** Signs the caller out of every other browser (the one asking stays signed in). */
export const DELETE = route(async (req) => {
  const user = await requireRequestUser(req);
  const ended = await endUserWebSessions(getDatabase().db, {
    userId: user.id,
    keep: await readRequestSessionId(req),
    now: new Date(),
  });
  return Response.json({ ended });
});
