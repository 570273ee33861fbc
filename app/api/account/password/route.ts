import { z } from "zod";
import { changePassword } from "@/lib/auth/password-reset";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { readRequestSessionId } from "@/lib/http/session";
import { getDatabase } from "@/lib/server/context";

const bodySchema = z.object({ current: z.string().max(1024), password: z.string().max(1024) });

/** Changes the caller's password; every other session of the account ends, this one stays. */
export const PUT = route(async (req) => {
  const user = await requireRequestUser(req);
  const { current, password } = await readJson(req, bodySchema);
  await changePassword({
    db: getDatabase().db,
    userId: user.id,
    sessionId: await readRequestSessionId(req),
    current,
    password,
    now: new Date(),
  });
  return Response.json({ message: "Password changed; your other sessions are signed out." });
});
