import { z } from "zod";
import { limitAttempt, clientAddress } from "@/lib/auth/rate-limit";
import { CHECK_EMAIL, signUp } from "@/lib/auth/sign-up";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getConfig } from "@/lib/config";
import { getDatabase, getMailer } from "@/lib/server/context";
import { nameText } from "@/lib/core/user-text";

const signUpSchema = z.object({
  email: z.string().trim().email("enter a valid email address").max(254),
  password: z.string().max(1024),
  name: nameText({ max: 100 }).optional(),
});

/**
 * Sign up with email and password. New accounts are participants; the password is never sent back. The answer is
 * the same whether or not the address already has an account ("check your email"); its owner learns by mail.
 */
export const POST = route(async (req) => {
  const input = await readJson(req, signUpSchema);
  const { db } = getDatabase();
  const now = new Date();
  const { accounts } = getConfig();
  await limitAttempt(db, {
    action: "sign-up",
    email: input.email,
    client: clientAddress(req.headers),
    now,
    factor: accounts.rateLimitFactor,
  });
  await signUp({ db, mailer: getMailer(), requireEmailVerification: accounts.requireEmailVerification, ...input, now });
  return Response.json({ message: CHECK_EMAIL }, { status: 202 });
});
