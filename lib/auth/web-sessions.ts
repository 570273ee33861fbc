import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { createWebSession, deleteUserWebSessions, findLiveWebSession, listWebSessions, touchWebSession } from "@/db/queries/web-sessions";

/** How long a browser stays signed in without signing in again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Opens a server-side session for a fresh sign-in; its id goes into the session cookie. */
export async function startWebSession(db: Db, input: { userId: string; now: Date }): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await createWebSession(db, { id, userId: input.userId, expiresAt: new Date(input.now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

/** The user of a cookie's session when that session is still live and belongs to them; undefined once it ended. */
export async function resolveWebSession(db: Db, input: { sessionId: string; userId: string; now: Date }): Promise<string | undefined> {
  const session = await findLiveWebSession(db, { id: input.sessionId, now: input.now });
  if (!session || session.userId !== input.userId) return undefined;
  await touchWebSession(db, { id: session.id, now: input.now, everyMs: TOUCH_EVERY_MS });
  return session.userId;
}

/** "Sign out everywhere": every browser session of the user ends now (except `keep`, the one that asked). */
export async function endUserWebSessions(db: Db, input: { userId: string; keep?: string; now: Date }): Promise<number> {
  return deleteUserWebSessions(db, input);
}

/** A user's live sessions, newest use first; `current` marks the one asking (when it is a browser). */
export async function listUserWebSessions(db: Db, input: { userId: string; currentId: string | undefined; now: Date }) {
  const sessions = await listWebSessions(db, { userId: input.userId, now: input.now });
  return sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, current: s.id === input.currentId }));
}
