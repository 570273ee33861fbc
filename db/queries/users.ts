import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, emailTokens, users } from "../schema";

export type Role = (typeof users.$inferSelect)["role"];
export type User = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Inserts a user with a password hash (the email normalized by the caller); undefined when the email is taken. */
export async function insertUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string; role: Role; emailVerified: Date | null },
): Promise<User | undefined> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing({ target: users.email }).returning();
  return row;
}

/**
 * A sign-up's account and, when given, its first verification token, in one transaction whose commit does not wait
 * for the disk: that flush would cost milliseconds only a new address needs, which anyone timing sign-up could see (a
 * machine crash may lose the last moment's sign-ups, never corrupt them). Undefined when the address is taken.
 */
export async function createSignUpAccount(
  db: Db,
  input: {
    email: string;
    name: string;
    passwordHash: string;
    emailVerified: Date | null;
    verifyToken?: { tokenHash: string; expiresAt: Date };
  },
): Promise<User | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit to off`);
    const { verifyToken, ...account } = input;
    const [user] = await tx.insert(users).values(account).onConflictDoNothing({ target: users.email }).returning();
    if (user && verifyToken)
      await tx
        .insert(emailTokens)
        .values({ ...verifyToken, userId: user.id, email: user.email, purpose: "verify_email" });
    return user;
  });
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.email, normalizeEmail(email)) });
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

export async function setUserRole(db: Db, userId: string, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, userId));
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.role, "admin"));
  return row?.n ?? 0;
}

/** Unlinks every OAuth sign-in (GitHub) of a user; how many there were. */
export async function unlinkOAuthAccounts(db: Db, userId: string): Promise<number> {
  const rows = await db.delete(accounts).where(eq(accounts.userId, userId)).returning({ provider: accounts.provider });
  return rows.length;
}
