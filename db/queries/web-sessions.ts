import { and, desc, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Db } from "../client";
import { webSessions } from "../schema";

export type WebSession = typeof webSessions.$inferSelect;

export async function createWebSession(db: Db, input: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(webSessions).values(input);
}

/** The live (unexpired) session with this id, or undefined. */
export async function findLiveWebSession(db: Db, input: { id: string; now: Date }): Promise<WebSession | undefined> {
  const [row] = await db
    .select()
    .from(webSessions)
    .where(and(eq(webSessions.id, input.id), gt(webSessions.expiresAt, input.now)));
  return row;
}

/** Records that a session was used; at most once per `every` so reads do not turn into a write per request. */
export async function touchWebSession(db: Db, input: { id: string; now: Date; everyMs: number }): Promise<void> {
  await db
    .update(webSessions)
    .set({ lastSeenAt: input.now })
    .where(
      and(eq(webSessions.id, input.id), lt(webSessions.lastSeenAt, new Date(input.now.getTime() - input.everyMs))),
    );
}

export async function listWebSessions(db: Db, input: { userId: string; now: Date }): Promise<WebSession[]> {
  return db
    .select()
    .from(webSessions)
    .where(and(eq(webSessions.userId, input.userId), gt(webSessions.expiresAt, input.now)))
    .orderBy(desc(webSessions.lastSeenAt));
}

/** Ends one of the user's own sessions; false if it is not theirs (or already ended). */
export async function deleteWebSession(db: Db, input: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(webSessions)
    .where(and(eq(webSessions.id, input.id), eq(webSessions.userId, input.userId)))
    .returning({ id: webSessions.id });
  return rows.length > 0;
}

/** Ends every session of a user, except `keep` (the one asking, after a password change). Also sweeps expired rows. */
export async function deleteUserWebSessions(
  db: Db,
  input: { userId: string; keep?: string; now: Date },
): Promise<number> {
  const rows = await db
    .delete(webSessions)
    .where(
      or(
        and(eq(webSessions.userId, input.userId), input.keep ? ne(webSessions.id, input.keep) : undefined),
        lt(webSessions.expiresAt, input.now),
      ),
    )
    .returning({ userId: webSessions.userId });
  return rows.filter((r) => r.userId === input.userId).length;
}
