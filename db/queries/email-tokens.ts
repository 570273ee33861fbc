import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { emailTokens, users } from "../schema";

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

export async function insertEmailToken(db: Db, input: { tokenHash: string; userId: string; purpose: EmailTokenPurpose; email: string; expiresAt: Date }): Promise<void> {
  await db.insert(emailTokens).values(input);
}

/**
 * Uses a token once: stamps it used if it exists, has this purpose, is unused and unexpired, and returns its user
 * and address. Concurrent uses race on the same row; only one update matches.
 */
export async function useEmailToken(db: Db, input: { tokenHash: string; purpose: EmailTokenPurpose; now: Date }): Promise<{ userId: string; email: string } | undefined> {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: input.now })
    .where(and(eq(emailTokens.tokenHash, input.tokenHash), eq(emailTokens.purpose, input.purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, input.now)))
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row;
}

/** Marks the user's email verified, only if the account still has the address the link was sent to. */
export async function markEmailVerified(db: Db, input: { userId: string; email: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ emailVerified: input.now })
    .where(and(eq(users.id, input.userId), eq(users.email, input.email)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Replaces a user's password hash. */
export async function setPasswordHash(db: Db, input: { userId: string; passwordHash: string }): Promise<void> {
  await db.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, input.userId));
}

/** Invalidates a user's unused tokens of one purpose (a new reset link makes older ones worthless). */
export async function expireEmailTokens(db: Db, input: { userId: string; purpose: EmailTokenPurpose; now: Date }): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: input.now })
    .where(and(eq(emailTokens.userId, input.userId), eq(emailTokens.purpose, input.purpose), isNull(emailTokens.usedAt)));
}
