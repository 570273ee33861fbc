import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, users } from "../schema";
import type { User } from "./users";

/** Stores a user's API token by its hash and visible prefix (the token itself is never stored). */
export async function insertApiToken(
  db: Db,
  input: { userId: string; name: string; tokenHash: string; prefix: string },
): Promise<{ id: string }> {
  const [row] = await db.insert(apiTokens).values(input).returning({ id: apiTokens.id });
  return row!;
}

/** The user a live (not revoked) token hash belongs to, or undefined. Records its last use. */
export async function findUserByApiTokenHash(db: Db, tokenHash: string): Promise<User | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  if (!row) return undefined;
  return db.query.users.findFirst({ where: eq(users.id, row.userId) });
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; false if it is not theirs. */
export async function revokeApiToken(db: Db, input: { userId: string; tokenId: string }): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
