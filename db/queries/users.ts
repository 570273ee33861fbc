import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

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
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, "admin"));
  return row?.n ?? 0;
}
