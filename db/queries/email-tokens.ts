import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { emailTokens, users } from "../schema";

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

export async function insertEmailToken(
  db: Db,
  input: { tokenHash: string; userId: string; purpose: EmailTokenPurpose; email: string; expiresAt: Date },
): Promise<void> {
  await db.insert(emailTokens).values(input);
}

/**
 * Uses a token once: stamps it used if it exists, has this purpose, is unused and unexpired, and returns its user
 * and address. Concurrent uses race on the same row; only one update matches.
 */
export async function useEmailToken(
  db: Db,
  input: { tokenHash: string; purpose: EmailTokenPurpose; now: Date },
): Promise<{ userId: string; email: string } | undefined> {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(emailTokens.tokenHash, input.tokenHash),
        eq(emailTokens.purpose, input.purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, input.now),
      ),
    )
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

/**
 * A new token for the account with this address, if there is one, spending its older unused tokens of the purpose (a
 * new reset link makes older ones worthless): one statement, the same work whether or not the address has an account.
 * Its commit does not wait for the disk (a flush only the address with an account would need, milliseconds anyone
 * timing the answer could see); a machine crash may lose the last moment's links, never corrupt them.
 * The account's id and address, or undefined when no account has it.
 */
export async function replaceEmailTokenForAddress(
  db: Db,
  input: { email: string; tokenHash: string; purpose: EmailTokenPurpose; expiresAt: Date; now: Date },
): Promise<{ userId: string; email: string } | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit to off`);
    const [row] = await tx.execute<{ user_id: string; email: string }>(sql`
    with target as (select id, email from users where email = ${input.email}),
    spent as (
      update email_tokens set used_at = ${input.now.toISOString()}::timestamptz
      where user_id in (select id from target) and purpose = ${input.purpose}::email_token_purpose and used_at is null
    )
    insert into email_tokens (token_hash, user_id, email, purpose, expires_at)
    select ${input.tokenHash}, id, email, ${input.purpose}::email_token_purpose, ${input.expiresAt.toISOString()}::timestamptz from target
    returning user_id, email`);
    return row && { userId: row.user_id, email: row.email };
  });
}
