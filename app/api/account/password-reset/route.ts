import { z } from "zod";
import { requestPasswordReset, RESET_SENT } from "@/lib/auth/password-reset";
import { clientAddress, limitAttempt } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase, getMailer } from "@/lib/server/context";

const bodySchema = z.object({ email: z.string().trim().email("enter a valid email address").max(254) });

/** Asks for a reset link. The same answer whether or not the address has an account. */
export const POST = route(async (req) => {
  const { email } = await readJson(req, bodySchema);
  const { db } = getDatabase();
  const now = new Date();
  await limitAttempt(db, {
    action: "password-reset",
    email,
    client: clientAddress(req.headers),
    now,
    factor: getConfig().accounts.rateLimitFactor,
  });
  await requestPasswordReset({ db, mailer: getMailer(), email, now });
  return Response.json({ message: RESET_SENT }, { status: 202 });
});
