import type { Db } from "@/db/client";
import { findUserByEmail, normalizeEmail } from "@/db/queries/users";
import { createUserWithPassword } from "./users";
import { AppError } from "@/lib/core/errors";
import type { Mailer } from "@/lib/mail/mailer";
import { assertPasswordStrength, hashPassword } from "./password";
import { siteLink } from "./email-tokens";
import { sendVerificationEmail } from "./verification";

export const CHECK_EMAIL = "Check your email: we sent a link to confirm the address.";

/**
 * Sign-up that does not tell whether an address has an account: a new address gets an account and a verification
 * link; a taken one gets a note to its owner (with the reset link's page) and the same answer, after the same work
 * (a password hash either way). Accounts start verified only where the install turns verification off
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
  // Before the lookup, so a weak password is refused the same way for taken and free addresses.
  assertPasswordStrength(input.password);
  const email = normalizeEmail(input.email);
  const existing = await findUserByEmail(input.db, email);
  if (!existing) {
    const verified = input.requireEmailVerification ? null : input.now;
    try {
      const user = await createUserWithPassword(input.db, { email, password: input.password, name: input.name, emailVerified: verified });
      if (!verified) await sendVerificationEmail({ db: input.db, mailer: input.mailer, user, now: input.now });
      return;
    } catch (error) {
      // Taken between the lookup and the insert: answer as for any taken address.
      if (!(error instanceof AppError && error.code === "email_taken")) throw error;
    }
  } else {
    await hashPassword(input.password);
  }
  await input.mailer.send({
    to: email,
    subject: "Someone tried to sign up to Heldout with your email",
    text: `This address already has a Heldout account. If that was you and you forgot your password, reset it here:\n\n${siteLink("/forgot-password")}\n\nIf it was not you, ignore this message: nothing changed.\n`,
  });
}
