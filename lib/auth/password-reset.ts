import type { Db } from "@/db/client";
import { markEmailVerified, setPasswordHash } from "@/db/queries/email-tokens";
import { findUserById, unlinkOAuthAccounts } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import { sendAfterAnswer, type Mailer } from "@/lib/mail/mailer";
import { replaceEmailTokenByAddress, siteLink, spendEmailToken } from "./email-tokens";
import { assertPasswordStrength, hashPassword, verifyAgainstDummyHash, verifyPassword } from "./password";
import { endUserWebSessions } from "./web-sessions";

export const RESET_SENT =
  "Check your email: if the address has an account, we sent it a link to choose a new password.";

/**
 * Emails a single-use reset link (valid one hour; a new one voids older ones). An unknown address gets no mail and
 * the same answer after the same work: one query either way, and the message is written and sent only after the
 * answer (a slow SMTP server, or nodemailer building the message, would make known addresses answer later).
 */
export async function requestPasswordReset(input: { db: Db; mailer: Mailer; email: string; now: Date }): Promise<void> {
  const issued = await replaceEmailTokenByAddress(input.db, {
    email: input.email,
    purpose: "reset_password",
    now: input.now,
  });
  if (!issued) return;
  sendAfterAnswer(input.mailer, {
    to: issued.email,
    subject: "Reset your Heldout password",
    text: `Choose a new password here (the link works once, for one hour):\n\n${siteLink(`/reset-password?token=${issued.token}`)}\n\nSetting it signs you out everywhere else. If you did not ask for this, ignore this message.\n`,
  });
}

/**
 * Sets a new password from a reset link, and ends every session of the account: whoever had it is signed out.
 * Following the link proves the address too, so an unverified account becomes verified; a GitHub sign-in linked to
 * it while unverified is unlinked, since nothing proved that GitHub account owns the address (someone could sign in
 * with a GitHub account claiming another's address, wait for its owner to reset, and keep a way in).
 */
export async function resetPasswordWithToken(input: {
  db: Db;
  token: string;
  password: string;
  now: Date;
}): Promise<void> {
  assertPasswordStrength(input.password);
  const spent = await spendEmailToken(input.db, { token: input.token, purpose: "reset_password", now: input.now });
  if (!spent)
    throw new AppError("link_invalid", "This reset link is invalid, expired or already used. Ask for a new one.", 400);
  await setPasswordHash(input.db, { userId: spent.userId, passwordHash: await hashPassword(input.password) });
  if (!(await findUserById(input.db, spent.userId))?.emailVerified) await unlinkOAuthAccounts(input.db, spent.userId);
  await markEmailVerified(input.db, { userId: spent.userId, email: spent.email, now: input.now });
  await endUserWebSessions(input.db, { userId: spent.userId, now: input.now });
}

/** Changes a signed-in user's password (the current one must match) and signs out every other session. */
export async function changePassword(input: {
  db: Db;
  userId: string;
  sessionId: string | undefined;
  current: string;
  password: string;
  now: Date;
}): Promise<void> {
  assertPasswordStrength(input.password);
  const user = await findUserById(input.db, input.userId);
  const matches = user?.passwordHash
    ? await verifyPassword(input.current, user.passwordHash)
    : await verifyAgainstDummyHash(input.current);
  if (!user || !matches) throw new AppError("wrong_password", "The current password is wrong.", 403);
  await setPasswordHash(input.db, { userId: user.id, passwordHash: await hashPassword(input.password) });
  await endUserWebSessions(input.db, { userId: user.id, keep: input.sessionId, now: input.now });
}
