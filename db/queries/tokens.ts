import { and, desc, eq, isNull } from "drizzle-orm";
import { generateApiToken, hashApiToken } from "@/lib/auth/tokens";
import type { Db } from "../client";
import { apiTokens, users } from "../schema";
import type { User } from "./users";

/** Creates an API token for a user; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, input: { userId: string; name: string }): Promise<{ id: string; token: string }> {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await db.insert(apiTokens).values({ userId: input.userId, name: input.name, tokenHash: hash, prefix }).returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** The user a live (not revoked) token belongs to, or undefined. Records its last use. */
export async function findUserByApiToken(db: Db, token: string): Promise<User | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  if (!row) return undefined;
  return db.query.users.findFirst({ where: eq(users.id, row.userId) });
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
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
