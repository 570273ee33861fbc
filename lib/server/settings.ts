import type { User } from "@/db/queries/users";
import { listUserWebSessions } from "@/lib/auth/web-sessions";
import { listApiTokens } from "./api-tokens";
import { getDatabase } from "./context";

/**
 * What Settings lists for the signed-in user: their API tokens (names and prefixes, revoked ones marked) and their
 * signed-in browsers (`current`: the one asking), each revocable there through DELETE /api/tokens/[id] and
 * DELETE /api/sessions/[sessionId] (or all other browsers at once through DELETE /api/sessions).
 */
export async function loadSettings(input: { viewer: Pick<User, "id">; currentSessionId: string | undefined }) {
  const [tokens, sessions] = await Promise.all([
    listApiTokens(input.viewer.id),
    listUserWebSessions(getDatabase().db, {
      userId: input.viewer.id,
      currentId: input.currentSessionId,
      now: new Date(),
    }),
  ]);
  return { tokens, sessions };
}
