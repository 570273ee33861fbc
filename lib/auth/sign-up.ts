import type { Db } from "@/db/client";
import { createSignUpAccount, normalizeEmail } from "@/db/queries/users";
import { type Mailer, sendAfterAnswer } from "@/lib/mail/mailer";
import { assertPasswordStrength, hashPassword } from "./password";
import { drawEmailToken, siteLink } from "./email-tokens";
import { verificationMessage } from "./verification";

export const CHECK_EMAIL = "Check your email: we sent a link to confirm the address.";

/**
 * Sign-up that does not tell whether an address has an account: a new address gets an account and a verification
 * link; a taken one gets a note to its owner (with the reset link's page) and the same answer, after the same work
 * (a password hash and one insert, which does nothing for a taken address; the mail goes after the answer, see
 * bench/account-enumeration.ts). Accounts start verified only where the install turns verification off
 * (`requireEmailVerification`: the configured HELDOUT_REQUIRE_EMAIL_VERIFICATION).
 */
export async function signUp(input: {
  db: Db;
  mailer: Mailer;
  requireEmailVerification: boolean;
  email: string;
  password: string;
  name?: string;
  now: Date;
}): Promise<void> {
  // Before anything else, so a weak password is refused the same way for taken and free addresses.
  assertPasswordStrength(input.password);
  const email = normalizeEmail(input.email);
  const verified = input.requireEmailVerification ? null : input.now;
  const link = drawEmailToken("verify_email", input.now);
  const user = await createSignUpAccount(input.db, {
    email,
    name: input.name ?? email.split("@")[0]!,
    passwordHash: await hashPassword(input.password),
    emailVerified: verified,
    verifyToken: verified ? undefined : link,
  });
  if (user && !verified) sendAfterAnswer(input.mailer, verificationMessage(email, link.token));
  if (!user) {
    sendAfterAnswer(input.mailer, {
      to: email,
      subject: "Someone tried to sign up to Heldout with your email",
      text: `This address already has a Heldout account. If that was you and you forgot your password, reset it here:\n\n${siteLink("/forgot-password")}\n\nIf it was not you, ignore this message: nothing changed.\n`,
    });
  }
}
