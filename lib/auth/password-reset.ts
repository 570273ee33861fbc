import type { Db } from "@/db/client";
import { expireEmailTokens, markEmailVerified, setPasswordHash } from "@/db/queries/email-tokens";
import { findUserByEmail, findUserById } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import type { Mailer } from "@/lib/mail/mailer";
import { issueEmailToken, siteLink, spendEmailToken } from "./email-tokens";
import { assertPasswordStrength, hashPassword, verifyAgainstDummyHash, verifyPassword } from "./password";
import { endUserWebSessions } from "./web-sessions";

async function sendQuietly(mailer: Mailer, message: Parameters<Mailer["send"]>[0]): Promise<void> {
  try {
    await mailer.send(message);
  } catch (error) {
    console.error(`Could not send the password-reset email: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const RESET_SENT = "Check your email: if the address has an account, we sent it a link to choose a new password.";

/**
 * Emails a single-use reset link (valid one hour; a new one voids older ones). An unknown address gets no mail and
 * the same answer. The mail is sent without waiting for it, so a slow SMTP server does not make known addresses
 * answer later than unknown ones.
 */
export async function requestPasswordReset(input: { db: Db; mailer: Mailer; email: string; now: Date }): Promise<void> {
  const user = await findUserByEmail(input.db, input.email);
  if (!user) return;
  await expireEmailTokens(input.db, { userId: user.id, purpose: "reset_password", now: input.now });
  const token = await issueEmailToken(input.db, { userId: user.id, email: user.email, purpose: "reset_password", now: input.now });
  void sendQuietly(input.mailer, {
    to: user.email,
    subject: "Reset your Heldout password",
    text: `Choose a new password here (the link works once, for one hour):\n\n${siteLink(`/reset-password?token=${token}`)}\n\nSetting it signs you out everywhere else. If you did not ask for this, ignore this message.\n`,
  });
}

/**
 * Sets a new password from a reset link, and ends every session of the account: whoever had it is signed out.
 * Following the link proves the address too, so an unverified account becomes verified.
 */
export async function resetPasswordWithToken(input: { db: Db; token: string; password: string; now: Date }): Promise<void> {
  assertPasswordStrength(input.password);
  const spent = await spendEmailToken(input.db, { token: input.token, purpose: "reset_password", now: input.now });
  if (!spent) throw new AppError("link_invalid", "This reset link is invalid, expired or already used. Ask for a new one.", 400);
  await setPasswordHash(input.db, { userId: spent.userId, passwordHash: await hashPassword(input.password) });
  await markEmailVerified(input.db, { userId: spent.userId, email: spent.email, now: input.now });
  await endUserWebSessions(input.db, { userId: spent.userId, now: input.now });
}

/** Changes a signed-in user's password (the current one must match) and signs out every other session. */
export async function changePassword(input: { db: Db; userId: string; sessionId: string | undefined; current: string; password: string; now: Date }): Promise<void> {
  assertPasswordStrength(input.password);
  const user = await findUserById(input.db, input.userId);
  const matches = user?.passwordHash ? await verifyPassword(input.current, user.passwordHash) : await verifyAgainstDummyHash(input.current);
  if (!user || !matches) throw new AppError("wrong_password", "The current password is wrong.", 403);
  await setPasswordHash(input.db, { userId: user.id, passwordHash: await hashPassword(input.password) });
  await endUserWebSessions(input.db, { userId: user.id, keep: input.sessionId, now: input.now });
}
