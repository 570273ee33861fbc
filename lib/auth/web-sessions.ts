import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import {
  createWebSession,
  deleteUserWebSessions,
  deleteWebSession,
  findLiveWebSession,
  listWebSessions,
  touchWebSession,
} from "@/db/queries/web-sessions";

/** How long a browser stays signed in without signing in again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Opens a server-side session for a fresh sign-in; its id goes into the session cookie. */
export async function startWebSession(db: Db, input: { userId: string; now: Date }): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await createWebSession(db, {
    id,
    userId: input.userId,
    expiresAt: new Date(input.now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return id;
}

/** The user of a cookie's session when that session is still live and belongs to them; undefined once it ended. */
export async function resolveWebSession(
  db: Db,
  input: { sessionId: string; userId: string; now: Date },
): Promise<string | undefined> {
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
  return sessions.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    current: s.id === input.currentId,
  }));
}

/** Ends one of the user's own sessions. Someone else's is "not found", never ended. */
export async function endOwnWebSession(db: Db, input: { userId: string; id: string }): Promise<void> {
  // Session ids are base64url (startWebSession): anything else names no session, and never reaches a query.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.id) || !(await deleteWebSession(db, input)))
    throw new AppError("session_not_found", "No such session among yours.", 404);
}

/** An admin signs a user out everywhere (a lost laptop, a compromised account); returns how many sessions ended. */
export async function signOutEverywhere(
  db: Db,
  input: { actor: { role: string }; userId: string; now: Date },
): Promise<number> {
  if (input.actor.role !== "admin") throw new AppError("forbidden", "Only admins can sign other users out.", 403);
  if (!(await findUserById(db, input.userId))) throw new AppError("user_not_found", `No user ${input.userId}.`, 404);
  return endUserWebSessions(db, { userId: input.userId, now: input.now });
}
