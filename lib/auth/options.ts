import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import credentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { findUserByEmail } from "@/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/server/context";
import { defaultExport } from "./default-export";
import { AppError } from "@/lib/core/errors";
import { verifyAgainstDummyHash, verifyPassword } from "./password";
import { clientAddress, limitAttempt } from "./rate-limit";
import { safeCallbackPath } from "./safe-redirect";
import { gitHubSignIn, recordGitHubVerification } from "./github";
import { resolveWebSession, SESSION_MAX_AGE_SECONDS, startWebSession } from "./web-sessions";
import { deleteWebSession } from "@/db/queries/web-sessions";

const CredentialsProvider = defaultExport(credentialsProvider);

/**
 * Thrown from the jwt callback for a cookie whose server-side session has ended (signed out, signed out everywhere,
 * password changed): next-auth then answers `/api/auth/session` with no session and clears the cookie.
 */
class EndedSessionError extends Error {}

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(1024) });

/**
 * Email + password against the stored scrypt hash, after the rate limits (account and client address). Returns
 * null (a generic failure) whatever was wrong; an unknown email costs the same hash as a known one. A rate-limit
 * refusal is thrown, so its "try again in N s" reaches the sign-in form as next-auth's error.
 */
async function authorizeWithPassword(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> },
) {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { db } = getDatabase();
  const headers = new Headers(
    Object.entries(req.headers ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
  );
  try {
    await limitAttempt(db, {
      action: "sign-in",
      email: parsed.data.email,
      client: clientAddress(headers),
      now: new Date(),
      factor: getConfig().accounts.rateLimitFactor,
    });
  } catch (error) {
    throw new Error(error instanceof AppError ? error.message : "Sign-in is unavailable right now.");
  }
  const user = await findUserByEmail(db, parsed.data.email);
  if (!user?.passwordHash) return verifyAgainstDummyHash(parsed.data.password).then(() => null);
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}

/**
 * next-auth settings, built per request from the parsed configuration: JWT sessions, email + password always,
 * GitHub only when GITHUB_ID and GITHUB_SECRET are set (OAuth accounts live in the adapter's tables).
 */
export function getAuthOptions(): AuthOptions {
  const config = getConfig();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeWithPassword,
    }),
  ];
  if (config.github) providers.push(gitHubSignIn(config.github));
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // __Secure- cookies, sent over https only, whenever the site is served over https.
    useSecureCookies: config.siteUrl?.startsWith("https://") ?? false,
    adapter: config.github
      ? (DrizzleAdapter(getDatabase().db, {
          usersTable: users,
          accountsTable: accounts,
          sessionsTable: sessions,
          verificationTokensTable: verificationTokens,
        }) as Adapter)
      : undefined,
    providers,
    pages: { signIn: "/signin", error: "/signin" },
    events: {
      signOut: async ({ token }) => {
        if (typeof token?.sub === "string" && typeof token.sid === "string")
          await deleteWebSession(getDatabase().db, { userId: token.sub, id: token.sid });
      },
    },
    // An ended session is the expected answer for an old cookie, not an error worth a log line.
    logger: {
      error: (code, metadata) => {
        if (!(metadata instanceof EndedSessionError)) console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    callbacks: {
      // Only the user id and the server-side session id travel in the token; the session row and the roles are
      // read fresh from the database on every request (lib/http/session.ts), next-auth's own session answer included.
      jwt: async ({ token, user, account, profile }) => {
        const { db } = getDatabase();
        const now = new Date();
        if (user) {
          if (account?.provider === "github") await recordGitHubVerification(db, { userId: user.id, profile, now });
          return { ...token, sub: user.id, sid: await startWebSession(db, { userId: user.id, now }) };
        }
        const live =
          typeof token.sub === "string" &&
          typeof token.sid === "string" &&
          (await resolveWebSession(db, { userId: token.sub, sessionId: token.sid, now }));
        if (!live) throw new EndedSessionError("This session has ended.");
        return token;
      },
      session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub } }),
      // After OAuth and sign-out: only paths on this site, whatever callbackUrl said.
      redirect: ({ url, baseUrl }) =>
        baseUrl + safeCallbackPath(url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url),
    },
  };
}

/** Whether the sign-in page offers GitHub. */
export function githubSignInEnabled(): boolean {
  return getConfig().github !== undefined;
}
