import * as queries from "@/db/queries/tokens";
import { createApiToken as createToken } from "../auth/api-tokens";
import { getDatabase } from "./context";

/** A user's API tokens, newest first: names and prefixes, never the tokens themselves. */
export async function listApiTokens(userId: string) {
  return queries.listApiTokens(getDatabase().db, userId);
}

/** Creates an API token; the plain token is in the answer once and never stored. */
export async function createApiToken(input: { userId: string; name: string }) {
  return createToken(getDatabase().db, input);
}

/** Revokes one of the user's own live tokens; false if it is not theirs (or already revoked). */
export async function revokeApiToken(input: { userId: string; tokenId: string }) {
  return queries.revokeApiToken(getDatabase().db, input);
}
