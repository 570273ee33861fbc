import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { User } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/platform/database";
import { getConfig } from "@/lib/config";
import { sessionCookieName } from "@/lib/http/session";
import { startWebSession } from "@/lib/auth/web-sessions";
import { closeServerContext, getDatabase } from "@/lib/server/context";
import { closeLiveEvents } from "@/lib/server/live";

/**
 * Route handlers under test, in-process, against a fresh real PostgreSQL: sets the environment the server context
 * reads (before anything reads it), and cleans up after. One call per test file (the config is parsed once).
 */
export async function startRouteTest(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-web-"));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    HELDOUT_HOME: home,
    NEXTAUTH_SECRET: "test-secret-for-route-handlers-0123456789",
    NEXTAUTH_URL: "http://localhost:3000",
    ...env,
  });
  const config = getConfig();
  if (config.databaseUrl !== database.url)
    throw new Error("startRouteTest must run before anything reads the configuration");
  return {
    db: database.db,
    home,
    uploadsDir: path.join(home, "tmp", "uploads"),
    close: async () => {
      await closeLiveEvents();
      await closeServerContext();
      await database.drop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The Cookie header of a signed-in browser session, exactly as next-auth would set it (with its server-side session). */
export async function sessionCookie(user: Pick<User, "id" | "email">): Promise<string> {
  const sid = await startWebSession(getDatabase().db, { userId: user.id, now: new Date() });
  const token = await encode({ token: { sub: user.id, email: user.email, sid }, secret: getConfig().authSecret! });
  return `${sessionCookieName()}=${token}`;
}

export async function bearer(db: Db, user: Pick<User, "id">): Promise<string> {
  const { token } = await createApiToken(db, { userId: user.id, name: "test" });
  return `Bearer ${token}`;
}
