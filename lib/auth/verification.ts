import type { Db } from "@/db/client";
import { markEmailVerified } from "@/db/queries/email-tokens";
import { findUserByEmail, type User } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import type { Mailer } from "@/lib/mail/mailer";
import type { MailMessage } from "@/lib/mail/outbox";
import { issueEmailToken, siteLink, spendEmailToken } from "./email-tokens";

/** The message whose link (carrying `token`) proves the account owns its address. */
export function verificationMessage(to: string, token: string): MailMessage {
  return {
    to,
    subject: "Confirm your email for Heldout",
    text: `Confirm that this address is yours by opening this link (it works once, for 48 hours):\n\n${siteLink(`/verify-email?token=${token}`)}\n\nUntil then you can sign in, but not submit, join teams or see invite-only benchmarks.\nIf you did not sign up, ignore this message.\n`,
  };
}

/** Emails a new link that proves the account owns its address. */
export async function sendVerificationEmail(input: {
  db: Db;
  mailer: Mailer;
  user: Pick<User, "id" | "email">;
  now: Date;
}): Promise<void> {
  const token = await issueEmailToken(input.db, {
    userId: input.user.id,
    email: input.user.email,
    purpose: "verify_email",
    now: input.now,
  });
  await input.mailer.send(verificationMessage(input.user.email, token));
}

/** Verifies the address a link was sent to. Refuses a used, expired or unknown link, and one for an address the account no longer has. */
export async function verifyEmailWithToken(input: { db: Db; token: string; now: Date }): Promise<void> {
  const spent = await spendEmailToken(input.db, { token: input.token, purpose: "verify_email", now: input.now });
  if (!spent || !(await markEmailVerified(input.db, { ...spent, now: input.now }))) {
    throw new AppError(
      "link_invalid",
      "This link is invalid, expired or already used. Sign in and ask for a new one from Settings.",
      400,
    );
  }
}

/**
 * The operator vouches for an account's address (`heldout user verify`): it counts as verified from now on. The
 * account as it was before (so the caller can tell "already verified"), or undefined when no account has the address.
 */
export async function vouchForEmail(db: Db, input: { email: string; now: Date }): Promise<User | undefined> {
  const user = await findUserByEmail(db, input.email);
  if (user && !user.emailVerified) await markEmailVerified(db, { userId: user.id, email: user.email, now: input.now });
  return user;
}

/** Submitting, joining a team and seeing invite-only benchmarks need a verified address: that is what the invite named. */
export function requireVerifiedEmail(user: Pick<User, "emailVerified">): void {
  if (!user.emailVerified) {
    throw new AppError(
      "email_unverified",
      "Confirm your email first: open the link we sent you (Settings can send it again).",
      403,
    );
  }
}
