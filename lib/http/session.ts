import { decode } from "next-auth/jwt";
import { getConfig } from "@/lib/config";

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

/** The user id in a valid next-auth JWT session cookie, or undefined (absent, expired, forged). */
export async function readSessionUserId(getCookie: CookieGetter): Promise<string | undefined> {
  const secret = getConfig().authSecret;
  const raw = readChunked(getCookie, sessionCookieName());
  if (!secret || !raw) return undefined;
  try {
    const token = await decode({ token: raw, secret });
    return typeof token?.sub === "string" ? token.sub : undefined;
  } catch {
    return undefined;
  }
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
