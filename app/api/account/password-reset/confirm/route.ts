import { z } from "zod";
import { resetPasswordWithToken } from "@/lib/auth/password-reset";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

const bodySchema = z.object({ token: z.string().min(1).max(200), password: z.string().max(1024) });

/** Sets a new password with the emailed token; every session of the account ends. */
export const POST = route(async (req) => {
  const { token, password } = await readJson(req, bodySchema);
  await resetPasswordWithToken({ db: getDatabase().db, token, password, now: new Date() });
  return Response.json({ message: "Your password is changed. Sign in with the new one." });
});
