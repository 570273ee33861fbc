import { limitAttempt, clientAddress } from "@/lib/auth/rate-limit";
import { sendVerificationEmail } from "@/lib/auth/verification";
import { AppError } from "@/lib/core/errors";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getConfig } from "@/lib/config";
import { getDatabase, getMailer } from "@/lib/server/context";

/** Sends the signed-in user a new verification link (limited like sign-up). */
export const POST = route(async (req) => {
  const user = await requireRequestUser(req);
  if (user.emailVerified) throw new AppError("already_verified", "Your email is already confirmed.", 409);
  const { db } = getDatabase();
  const now = new Date();
  await limitAttempt(db, {
    action: "sign-up",
    email: user.email,
    client: clientAddress(req.headers),
    now,
    factor: getConfig().accounts.rateLimitFactor,
  });
  await sendVerificationEmail({ db, mailer: getMailer(), user, now });
  return Response.json({ message: `We sent a new link to ${user.email}.` }, { status: 202 });
});
