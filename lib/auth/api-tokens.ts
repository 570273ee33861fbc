import type { Db } from "@/db/client";
import { findUserByApiTokenHash, insertApiToken } from "@/db/queries/tokens";
import type { User } from "@/db/queries/users";
import { generateApiToken, hashApiToken } from "./tokens";

/** Creates an API token for a user; the plain token is returned once and only its hash is stored. */
export async function createApiToken(
  db: Db,
  input: { userId: string; name: string },
): Promise<{ id: string; token: string }> {
  const { token, hash, prefix } = generateApiToken();
  const { id } = await insertApiToken(db, { userId: input.userId, name: input.name, tokenHash: hash, prefix });
  return { id, token };
}

/** The user a live (not revoked) token belongs to, or undefined. Records its last use. */
export async function findUserByApiToken(db: Db, token: string): Promise<User | undefined> {
  return findUserByApiTokenHash(db, hashApiToken(token));
}
