import { decode } from "next-auth/jwt";
import { resolveWebSession } from "@/lib/auth/web-sessions";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/server/context";

export type CookieGetter = (name: string) => string | undefined;

/** next-auth's session cookie: `__Secure-` prefixed when the site is served over https. */
export function sessionCookieName(): string {
  return getConfig().siteUrl?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** Reads a cookie next-auth may have split into `name.0`, `name.1`, … when it grew past 4 KB. */
function readChunked(getCookie: CookieGetter, name: string): string | undefined {
  const whole = getCookie(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; ; i++) {
    const chunk = getCookie(`${name}.${i}`);
    if (chunk === undefined) break;
    chunks.push(chunk);
  }
  return chunks.length > 0 ? chunks.join("") : undefined;
}

/** The session a valid next-auth JWT cookie names (its user and server-side session id), or undefined. */
export async function readSessionToken(
  getCookie: CookieGetter,
): Promise<{ userId: string; sessionId: string } | undefined> {
  const secret = getConfig().authSecret;
  const raw = readChunked(getCookie, sessionCookieName());
  if (!secret || !raw) return undefined;
  try {
    const token = await decode({ token: raw, secret });
    return typeof token?.sub === "string" && typeof token.sid === "string"
      ? { userId: token.sub, sessionId: token.sid }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user id of a signed-in browser: a valid cookie (absent, expired or forged ones are nobody) whose server-side
 * session is still live, so a session ended by signing out or elsewhere stops working on the next request.
 */
export async function readSessionUserId(getCookie: CookieGetter): Promise<string | undefined> {
  const token = await readSessionToken(getCookie);
  if (!token) return undefined;
  return resolveWebSession(getDatabase().db, { ...token, now: new Date() });
}

/** A cookie getter over a raw `Cookie:` header. */
export function cookiesFromHeader(header: string | null): CookieGetter {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      jar.set(name, decodeURIComponent(value));
    } catch {
      jar.set(name, value);
    }
  }
  return (name) => jar.get(name);
}

/** The server-side session id of a request's cookie (to mark "this browser" and keep it on "sign out elsewhere"). */
export async function readRequestSessionId(req: Request): Promise<string | undefined> {
  return (await readSessionToken(cookiesFromHeader(req.headers.get("cookie"))))?.sessionId;
}
